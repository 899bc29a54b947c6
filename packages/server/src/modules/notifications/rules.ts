// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { AppContext } from "../../core/context";
import { recordAudit } from "../../core/audit";
import type { Database } from "../../infra/db/schema";
import { deliveredKindSince, deliveriesSince, recordDelivery } from "./store";

/**
 * What every notice channel (e-mail, push) obeys alike: the age past which a notice is dropped, the limits
 * per recipient, and what is recorded once one went out (ADR 0034, ADR 0038).
 */
/** A notice of something older than this is pointless (and would surprise): dropped. */
export const NOTICE_MAX_AGE_MS = 24 * 60 * 60_000;
/** Per recipient and kind: at most one notice in this interval; the next answer is still "a new answer". */
export const NOTICE_MIN_INTERVAL_MS = 15 * 60_000;
/** Per recipient, all kinds: at most this many notices a day. */
export const NOTICES_PER_DAY = 20;

/** At most one notice per recipient, kind and channel in NOTICE_MIN_INTERVAL_MS, and NOTICES_PER_DAY per channel. */
export async function rateLimited(
  db: Kysely<Database>,
  recipientId: string,
  kind: string,
  now: number,
  channel: string,
): Promise<boolean> {
  if (await deliveredKindSince(db, recipientId, kind, now - NOTICE_MIN_INTERVAL_MS, channel)) return true;
  return (await deliveriesSince(db, recipientId, now - 24 * 60 * 60_000, channel)) >= NOTICES_PER_DAY;
}

/**
 * After a notice went out, on any channel: the delivery record under its idempotency key (no second notice
 * after a retry) and the audit — that a notice of this kind went out on this channel, never to which address
 * or device — in one transaction, then the metric.
 */
export async function recordSent(
  ctx: AppContext,
  now: number,
  sent: { key: string; channel: string; kind: string; recipientId: string; organisationId: string },
): Promise<void> {
  await ctx.db.db.transaction().execute(async (trx) => {
    await recordDelivery(trx, {
      id: sent.key,
      account_id: sent.recipientId,
      kind: sent.kind,
      channel: sent.channel,
      sent_at: now,
    });
    await recordAudit(trx, now, {
      organisationId: sent.organisationId,
      actorId: null,
      action: "notification.sent",
      target: { type: "account", id: sent.recipientId },
      data: { kind: sent.kind, channel: sent.channel },
    });
  });
  ctx.metrics.notices.inc({ channel: sent.channel, outcome: "sent" });
}
