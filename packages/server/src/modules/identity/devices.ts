// SPDX-License-Identifier: AGPL-3.0-or-later
import { DEVICE_KEY_IDLE_MS, MAX_DEVICES_PER_ACCOUNT, type DeviceView } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { DeviceKeysTable } from "../../infra/db/schema";
import { isUniqueViolation } from "../../infra/db/unique-violation";
import { ConflictError, ForbiddenError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { presentAccount } from "./presenter-account";
import { storedBundle } from "./account";
import { recordAudit } from "../../core/audit";
import { DEFAULT_POLICY, keptDeviceIdleMsForClient } from "../../policies";
import { getAccount, lockAccount } from "./store-accounts";
import {
  countDevicesOf,
  deleteDevice,
  deleteDevicesUnusedSince,
  deleteExpiredKeptDevices,
  findDeviceOf,
  insertDevice,
  listDevicesOf,
  touchDevice,
} from "./store-devices";
import { setSessionIdleLimit } from "./store-sessions";

/**
 * Device keys (docs/CRYPTO.md §5a). The server only stores and hands out an
 * opaque wrap; it cannot open it, because the key it is wrapped under never
 * leaves the browser. What the server adds is revocation: the wrap goes on
 * logout, on "forget this device", on offboarding and key resets, and after
 * a time without use.
 *
 * Staff opt in on the account page (issue 3, item 10); their device outlives
 * a session and is forgotten after 30 days unused. A client keeps a device by
 * answering "my own device" at login (issue #15, item 4; ADR 0027): that wrap
 * belongs to the one login (`session_id`) and ends with it, and the session
 * then runs on the organisation's kept-device idle limit instead of the short
 * shared-device one — never beyond the client session's absolute limit.
 */

function present(row: DeviceKeysTable): DeviceView {
  return { id: row.id, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}

export async function rememberDevice(
  ctx: AppContext,
  actor: Actor,
  props: { deviceId: string; wrap: string },
): Promise<DeviceView> {
  if (actor.kind !== "staff" && actor.kind !== "client") throw new ForbiddenError("Only accounts keep devices");
  const now = ctx.clock.now();
  const client = actor.kind === "client";
  const row: DeviceKeysTable = {
    id: props.deviceId,
    account_id: actor.accountId,
    wrap: props.wrap,
    created_at: now,
    last_used_at: now,
    session_id: client ? actor.sessionId : null,
  };
  try {
    await ctx.db.db.transaction().execute(async (trx) => {
      if (ctx.db.dialect === "postgres") {
        // Two tabs opting in at once must not both pass the limit: the account row is the lock.
        await lockAccount(trx, actor.accountId);
      }
      if ((await countDevicesOf(trx, actor.accountId)) >= MAX_DEVICES_PER_ACCOUNT)
        throw new ConflictError(`At most ${MAX_DEVICES_PER_ACCOUNT} devices can be remembered; forget one first`);
      await insertDevice(trx, row);
      const idleMs = client ? await keptDeviceIdleMsForClient(trx, actor.accountId) : null;
      // The login on a kept device stays open as long as the device may stay idle (ADR 0027).
      if (idleMs !== null) await setSessionIdleLimit(trx, actor.sessionId, idleMs);
      await recordAudit(trx, now, {
        organisationId: actor.organisationId,
        actorId: actor.accountId,
        action: "device.remembered",
        target: { type: "account", id: actor.accountId },
        data: idleMs === null ? { deviceId: row.id } : { deviceId: row.id, idleMinutes: idleMs / 60_000 },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError("This device id is taken; make a new one");
    throw err;
  }
  return present(row);
}

export async function listDevices(ctx: AppContext, actor: Actor): Promise<DeviceView[]> {
  const rows = await listDevicesOf(ctx.db.db, actor.accountId);
  return rows.map(present);
}

/**
 * The wrap of one of the caller's devices, with the key bundle it opens.
 * Another account's device does not exist. A client's kept device opens only
 * for the login that kept it and only within the organisation's idle limit
 * as it is now; otherwise its wrap is deleted.
 */
export async function unlockWithDevice(ctx: AppContext, actor: Actor, deviceId: string) {
  const now = ctx.clock.now();
  const gone = () => new NotFoundError("This device is not remembered (any more); log in with your password");
  const device = await findDeviceOf(ctx.db.db, deviceId, actor.accountId);
  if (!device) throw gone();
  if (device.session_id !== null) {
    const idleMs = await keptDeviceIdleMsForClient(ctx.db.db, actor.accountId);
    // Idle counts from the login's last authenticated request before this one, not from the last unlock: a
    // client who keeps working without reloading stays within the limit (ADR 0027).
    const reason =
      device.session_id !== actor.sessionId ? "other_login" : now - actor.lastSeenAt > idleMs ? "idle" : null;
    if (reason !== null) {
      await dropDevice(ctx, actor, deviceId, "device.expired", reason);
      throw gone();
    }
    // A limit the organisation shortened since applies from now on.
    await setSessionIdleLimit(ctx.db.db, actor.sessionId, idleMs);
  }
  const wrap = await touchDevice(ctx.db.db, { deviceId, accountId: actor.accountId, now });
  if (wrap === undefined) throw gone();
  const account = await getAccount(ctx.db.db, actor.accountId);
  return { account: presentAccount(account), keyBundle: storedBundle(account), wrap };
}

export async function forgetDevice(ctx: AppContext, actor: Actor, deviceId: string): Promise<void> {
  await dropDevice(ctx, actor, deviceId, "device.forgotten");
}

/** Deletes one of the actor's devices and records it, once. */
async function dropDevice(
  ctx: AppContext,
  actor: Actor,
  deviceId: string,
  action: "device.forgotten" | "device.expired",
  reason?: string,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    if (!(await deleteDevice(trx, deviceId, actor.accountId))) return;
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action,
      target: { type: "account", id: actor.accountId },
      data: reason === undefined ? { deviceId } : { deviceId, reason },
    });
  });
}

/**
 * Hourly housekeeping: staff devices unused for 30 days are forgotten, and a
 * client's kept device once its login is over or it was not opened within
 * the longest kept-device limit.
 */
export async function forgetIdleDevices(ctx: AppContext, now: number): Promise<number> {
  const staff = await deleteDevicesUnusedSince(ctx.db.db, now - DEVICE_KEY_IDLE_MS);
  const clients = await deleteExpiredKeptDevices(ctx.db.db, {
    now,
    maxIdleMs: DEFAULT_POLICY.client.absoluteMs,
    defaultIdleMs: DEFAULT_POLICY.client.idleMs,
  });
  return staff + clients;
}
