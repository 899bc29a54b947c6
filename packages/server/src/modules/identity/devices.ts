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
import { getAccount, lockAccount } from "./store-accounts";
import {
  countDevicesOf,
  deleteDevice,
  deleteDevicesUnusedSince,
  insertDevice,
  listDevicesOf,
  touchDevice,
} from "./store-devices";

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
        await lockAccount(trx, actor.accountId);
      }
      if ((await countDevicesOf(trx, actor.accountId)) >= MAX_DEVICES_PER_ACCOUNT)
        throw new ConflictError(`At most ${MAX_DEVICES_PER_ACCOUNT} devices can be remembered; forget one first`);
      await insertDevice(trx, row);
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
  const rows = await listDevicesOf(ctx.db.db, actor.accountId);
  return rows.map(present);
}

/** The wrap of one of the caller's devices, with the key bundle it opens. Another account's device does not exist. */
export async function unlockWithDevice(ctx: AppContext, actor: Actor, deviceId: string) {
  const now = ctx.clock.now();
  const wrap = await touchDevice(ctx.db.db, { deviceId, accountId: actor.accountId, now });
  if (wrap === undefined)
    throw new NotFoundError("This device is not remembered (any more); log in with your password");
  const account = await getAccount(ctx.db.db, actor.accountId);
  return { account: presentAccount(account), keyBundle: storedBundle(account), wrap };
}

export async function forgetDevice(ctx: AppContext, actor: Actor, deviceId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    if (!(await deleteDevice(trx, deviceId, actor.accountId))) return;
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
  return deleteDevicesUnusedSince(ctx.db.db, now - DEVICE_KEY_IDLE_MS);
}
