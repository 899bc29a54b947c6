// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { PushSubscriptionsView } from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { AppError, ForbiddenError } from "../../core/errors";
import { recordAudit } from "../../core/audit";
import { channelOffered } from "./preferences";
import { authorize } from "../../policies";
import { setPushChannel } from "../compliance";
import {
  deletePushSubscription,
  hasPushSubscription,
  listPushSubscriptionsOf,
  ownKeptDevice,
  storePushSubscription,
} from "./store-push";

/**
 * A person's push subscriptions (ADR 0038). Only a browser that holds one of
 * its owner's kept devices may subscribe — a client's "my own device" of this
 * login, a staff member's remembered browser — never a shared one. The row
 * goes with the device, the account and the login that made it. For
 * clients the push channel preference (what `mayNotify` answers) follows:
 * on with the first subscription, off with the last.
 */
const own = (actor: Actor) => authorize(actor, "push.own", { type: "own", ownerId: actor.accountId });

async function present(ctx: AppContext, actor: Actor): Promise<PushSubscriptionsView> {
  const rows = await listPushSubscriptionsOf(ctx.db.db, actor.accountId);
  return {
    publicKey: ctx.push.publicKey,
    available: await pushOffered(ctx, actor),
    subscriptions: rows.map((r) => ({
      id: r.id,
      service: new URL(r.endpoint).hostname,
      createdAt: Number(r.created_at),
      lastSentAt: r.last_sent_at === null ? null : Number(r.last_sent_at),
      thisLogin: r.session_id === actor.sessionId,
    })),
  };
}

/** The organisation's rule (ADR 0044): push switched off is not offered and refused. */
async function pushOffered(ctx: AppContext, actor: Actor): Promise<boolean> {
  return channelOffered(ctx.db.db, actor, "push");
}

export async function readMyPushSubscriptions(ctx: AppContext, actor: Actor): Promise<PushSubscriptionsView> {
  own(actor);
  return present(ctx, actor);
}

export async function addMyPushSubscription(
  ctx: AppContext,
  actor: Actor,
  input: { deviceId: string; endpoint: string; keys: { p256dh: string; auth: string } },
): Promise<PushSubscriptionsView> {
  own(actor);
  if (!ctx.push.allows(input.endpoint))
    throw new AppError("invalid_body", "This server does not send to this push service", {
      issues: [{ path: "endpoint", message: "push service not allowed by the operator" }],
    });
  if (!(await pushOffered(ctx, actor))) throw new ForbiddenError("Your organisation does not offer push notices");
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const device = await ownKeptDevice(trx, { accountId: actor.accountId, deviceId: input.deviceId });
    // A client's kept device belongs to one login; a staff member's outlives sessions but is still theirs alone.
    if (!device || (actor.kind === "client" && device.session_id !== actor.sessionId))
      throw new ForbiddenError("Notices on a device are only for your own device, kept at login");
    await storePushSubscription(trx, {
      id: crypto.randomUUID(),
      account_id: actor.accountId,
      device_id: input.deviceId,
      session_id: actor.sessionId,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      created_at: now,
      last_sent_at: null,
    });
    if (actor.kind === "client") await setPushChannel(trx, actor.accountId, true, now);
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: "push_subscription.added",
      target: { type: "account", id: actor.accountId },
      data: { channel: "push" },
    });
  });
  return present(ctx, actor);
}

export async function deleteMyPushSubscription(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<PushSubscriptionsView> {
  own(actor);
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const deleted = await deletePushSubscription(trx, actor.accountId, id);
    if (!deleted) return;
    if (actor.kind === "client" && !(await hasPushSubscription(trx, actor.accountId)))
      await setPushChannel(trx, actor.accountId, false, now);
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: "push_subscription.deleted",
      target: { type: "account", id: actor.accountId },
      data: { channel: "push" },
    });
  });
  return present(ctx, actor);
}
