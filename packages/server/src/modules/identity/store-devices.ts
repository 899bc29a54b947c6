// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import type { DeviceKeysTable } from "../../infra/db/schema";
import type { Db } from "./store";

/**
 * Remembered devices (`device_keys`): an opaque wrap per device the server
 * cannot open. Staff devices have no `session_id`; a client's kept device has
 * the session of the login that kept it and goes with it (ADR 0027).
 */

export async function countDevicesOf(db: Db, accountId: string): Promise<number> {
  const { n } = await db
    .selectFrom("device_keys")
    .select(sql<string | number>`count(*)`.as("n"))
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  // PostgreSQL returns count(*) as a bigint string.
  return Number(n);
}

export async function insertDevice(db: Db, row: DeviceKeysTable): Promise<void> {
  await db.insertInto("device_keys").values(row).execute();
}

export async function listDevicesOf(db: Db, accountId: string): Promise<DeviceKeysTable[]> {
  return db
    .selectFrom("device_keys")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** One of the account's devices; undefined when it has no such device. */
export async function findDeviceOf(db: Db, deviceId: string, accountId: string): Promise<DeviceKeysTable | undefined> {
  return db
    .selectFrom("device_keys")
    .selectAll()
    .where("id", "=", deviceId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

/** Marks one of the account's devices used now and returns its wrap; undefined when it has no such device. */
export async function touchDevice(
  db: Db,
  props: { deviceId: string; accountId: string; now: number },
): Promise<string | undefined> {
  const row = await db
    .updateTable("device_keys")
    .set({ last_used_at: props.now })
    .where("id", "=", props.deviceId)
    .where("account_id", "=", props.accountId)
    .returning(["wrap"])
    .executeTakeFirst();
  return row?.wrap;
}

/** Deletes one of the account's devices; whether there was one. */
export async function deleteDevice(db: Db, deviceId: string, accountId: string): Promise<boolean> {
  const gone = await db
    .deleteFrom("device_keys")
    .where("id", "=", deviceId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return Number(gone.numDeletedRows) !== 0;
}

export async function deleteDevicesOf(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom("device_keys").where("account_id", "=", accountId).execute();
}

/** Staff devices last used before `before`; how many went. */
export async function deleteDevicesUnusedSince(db: Db, before: number): Promise<number> {
  const gone = await db
    .deleteFrom("device_keys")
    .where("session_id", "is", null)
    .where("last_used_at", "<", before)
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
}

/** The kept client devices of these sessions (they ended). */
export async function deleteKeptDevicesOfSessions(db: Db, sessionIds: readonly string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await db.deleteFrom("device_keys").where("session_id", "in", sessionIds).execute();
  // Push subscriptions made in these logins go too (ADR 0038): logout and quick exit end push on that device.
  await db.deleteFrom("push_subscriptions").where("session_id", "in", sessionIds).execute();
}

/**
 * Kept client devices whose login is over (ended, past its absolute limit or
 * idle beyond its own limit, or gone) or that were not opened for
 * `maxIdleMs`; how many went. `defaultIdleMs` stands for a session without
 * its own limit.
 */
export async function deleteExpiredKeptDevices(
  db: Db,
  props: { now: number; maxIdleMs: number; defaultIdleMs: number },
): Promise<number> {
  const gone = await db
    .deleteFrom("device_keys")
    .where("session_id", "is not", null)
    .where((eb) =>
      eb.or([
        eb("last_used_at", "<", props.now - props.maxIdleMs),
        eb(
          "session_id",
          "not in",
          eb
            .selectFrom("sessions")
            .select("sessions.id")
            .where("sessions.revoked_at", "is", null)
            .where("sessions.expires_at", ">", props.now)
            .where(
              sql<number>`sessions.last_seen_at + coalesce(sessions.idle_ms, ${props.defaultIdleMs})`,
              ">",
              props.now,
            ),
        ),
      ]),
    )
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
}
