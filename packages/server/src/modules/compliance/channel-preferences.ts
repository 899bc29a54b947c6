// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ChannelPreferencesView, NotificationChannel } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { DEFAULT_CHANNEL_PREFERENCES, presentChannelPreferences } from "./presenter";
import { recordAudit } from "../../core/audit";
import { staffSubject } from "./subjects";
import { findChannelPreferences, storeChannelPreferences } from "./store-channels";

/**
 * How a client may be contacted (issue 7.2, COMPLIANCE 3). Without a row
 * only in-app messages are allowed: e-mail notices, push and phone calls
 * are off until the client turns them on. Every sender asks `mayNotify`.
 */
type Db = Kysely<Database> | Transaction<Database>;

export async function loadChannelPreferences(db: Db, accountId: string): Promise<ChannelPreferencesView> {
  return presentChannelPreferences(await findChannelPreferences(db, accountId));
}

/** THE check before notifying someone on a channel: false when the client has not allowed it. */
export async function mayNotify(db: Db, accountId: string, channel: NotificationChannel): Promise<boolean> {
  return (await loadChannelPreferences(db, accountId))[channel];
}

export async function myChannelPreferences(ctx: AppContext, actor: Actor): Promise<ChannelPreferencesView> {
  authorize(actor, "channels.own", { type: "own", ownerId: actor.accountId });
  return loadChannelPreferences(ctx.db.db, actor.accountId);
}

export async function updateMyChannelPreferences(
  ctx: AppContext,
  actor: Actor,
  prefs: Omit<ChannelPreferencesView, "updatedAt">,
): Promise<ChannelPreferencesView> {
  authorize(actor, "channels.own", { type: "own", ownerId: actor.accountId });
  const now = ctx.clock.now();
  const row = {
    account_id: actor.accountId,
    in_app: prefs.inApp ? 1 : 0,
    email_notice: prefs.emailNotice ? 1 : 0,
    push: prefs.push ? 1 : 0,
    phone: prefs.phone ? 1 : 0,
    updated_at: now,
  };
  await ctx.db.db.transaction().execute(async (trx) => {
    await storeChannelPreferences(trx, row);
    await recordAudit(trx, now, {
      organisationId: null,
      actorId: actor.accountId,
      action: "channels.updated",
      target: { type: "account", id: actor.accountId },
      data: { inApp: prefs.inApp, emailNotice: prefs.emailNotice, push: prefs.push, phone: prefs.phone },
    });
  });
  return { ...DEFAULT_CHANNEL_PREFERENCES, ...prefs, updatedAt: now };
}

export async function clientChannelPreferences(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; clientId: string },
): Promise<ChannelPreferencesView> {
  await staffSubject(
    ctx.db.db,
    props.actor,
    "channels.read",
    props.orgId,
    { clientId: props.clientId },
    ctx.clock.now(),
  );
  return loadChannelPreferences(ctx.db.db, props.clientId);
}

/**
 * The e-mail channel follows the person's own address (modules/notifications):
 * on when they confirm it, off when they delete it. Inside their transaction.
 */
export async function setEmailNoticeChannel(db: Db, accountId: string, on: boolean, now: number): Promise<void> {
  const prefs = await loadChannelPreferences(db, accountId);
  await storeChannelPreferences(db, {
    account_id: accountId,
    in_app: prefs.inApp ? 1 : 0,
    email_notice: on ? 1 : 0,
    push: prefs.push ? 1 : 0,
    phone: prefs.phone ? 1 : 0,
    updated_at: now,
  });
}

/** A client's push channel follows their push subscriptions (ADR 0038): on with the first, off with the last. */
export async function setPushChannel(db: Db, accountId: string, on: boolean, now: number): Promise<void> {
  const prefs = await loadChannelPreferences(db, accountId);
  await storeChannelPreferences(db, {
    account_id: accountId,
    in_app: prefs.inApp ? 1 : 0,
    email_notice: prefs.emailNotice ? 1 : 0,
    push: on ? 1 : 0,
    phone: prefs.phone ? 1 : 0,
    updated_at: now,
  });
}
