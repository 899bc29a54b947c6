// SPDX-License-Identifier: AGPL-3.0-or-later
import { DEVICE_KEY_IDLE_MS, MAX_DEVICES_PER_ACCOUNT, type DeviceView } from "@obhut/protocol";
import { sql } from "kysely";
import type { AppContext } from "../../core/context";
import type { DeviceKeysTable } from "../../infra/db/schema";
import { isUniqueViolation } from "../../infra/db/unique-violation";
import { ConflictError, ForbiddenError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { presentAccount } from "./presenter-account";
import { storedBundle } from "./account";
import { recordAudit } from "../../core/audit";

/**
 * Staff opt-in device keys (issue 3, item 10; docs/CRYPTO.md §5a). The server
 * only stores and hands out an opaque wrap; it cannot open it, because the
 * key it is wrapped under never leaves the browser. What the server adds is
 * revocation: the wrap goes on logout, on "forget this device", on
 * offboarding and key resets, and after 30 days without use.
 */

function present(row: DeviceKeysTable): DeviceView {
  return { id: row.id, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}

export async function rememberDevice(
  ctx: AppContext,
  actor: Actor,
  props: { deviceId: string; wrap: string },
): Promise<DeviceView> {
  if (actor.kind !== "staff") throw new ForbiddenError("Client keys are never kept on a device");
  const now = ctx.clock.now();
  const row: DeviceKeysTable = {
    id: props.deviceId,
    account_id: actor.accountId,
    wrap: props.wrap,
    created_at: now,
    last_used_at: now,
  };
  try {
    await ctx.db.db.transaction().execute(async (trx) => {
      if (ctx.db.dialect === "postgres") {
        // Two tabs opting in at once must not both pass the limit: the account row is the lock.
        await trx.selectFrom("accounts").select("id").where("id", "=", actor.accountId).forUpdate().execute();
      }
      const { n } = await trx
        .selectFrom("device_keys")
        .select(sql<string | number>`count(*)`.as("n"))
        .where("account_id", "=", actor.accountId)
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_DEVICES_PER_ACCOUNT)
        throw new ConflictError(`At most ${MAX_DEVICES_PER_ACCOUNT} devices can be remembered; forget one first`);
      await trx.insertInto("device_keys").values(row).execute();
      await recordAudit(trx, now, {
        organisationId: actor.organisationId,
        actorId: actor.accountId,
        action: "device.remembered",
        target: { type: "account", id: actor.accountId },
        data: { deviceId: row.id },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError("This device id is taken; make a new one");
    throw err;
  }
  return present(row);
}

export async function listDevices(ctx: AppContext, actor: Actor): Promise<DeviceView[]> {
  const rows = await ctx.db.db
    .selectFrom("device_keys")
    .selectAll()
    .where("account_id", "=", actor.accountId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(present);
}

/** The wrap of one of the caller's devices, with the key bundle it opens. Another account's device does not exist. */
export async function unlockWithDevice(ctx: AppContext, actor: Actor, deviceId: string) {
  const now = ctx.clock.now();
  const device = await ctx.db.db
    .updateTable("device_keys")
    .set({ last_used_at: now })
    .where("id", "=", deviceId)
    .where("account_id", "=", actor.accountId)
    .returning(["wrap"])
    .executeTakeFirst();
  if (!device) throw new NotFoundError("This device is not remembered (any more); log in with your password");
  const account = await ctx.db.db
    .selectFrom("accounts")
    .selectAll()
    .where("id", "=", actor.accountId)
    .executeTakeFirstOrThrow();
  return { account: presentAccount(account), keyBundle: storedBundle(account), wrap: device.wrap };
}

export async function forgetDevice(ctx: AppContext, actor: Actor, deviceId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom("device_keys")
      .where("id", "=", deviceId)
      .where("account_id", "=", actor.accountId)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) return;
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: "device.forgotten",
      target: { type: "account", id: actor.accountId },
      data: { deviceId },
    });
  });
}

/** Hourly housekeeping: devices unused for 30 days are forgotten. */
export async function forgetIdleDevices(ctx: AppContext, now: number): Promise<number> {
  const gone = await ctx.db.db
    .deleteFrom("device_keys")
    .where("last_used_at", "<", now - DEVICE_KEY_IDLE_MS)
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
}
