// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import type { JobHandlers } from "../../infra/jobs/queue";
import { EMAIL_NOTICE_JOB, EmailPayload, enqueueNotice } from "./email-job";
import { wantsNotice } from "./preferences";
import { noticeStaffEvent, teamRecipients } from "./bell";
import { enqueuePushNotices, PUSH_NOTICE_JOB, runPushNotice } from "./deliver-push";
import { openNotifyAddress } from "./seal";
import { deferIfQuiet, DIGEST_JOB } from "./defer";
import { runDigest } from "./digest";
import { mailFailure } from "./failure";
import { loginLink, senderNameOf } from "./sender";
import { addressForms, findNotifyAddress, hasConfirmedAddress, wasDelivered } from "./store";
import { NOTICE_MAX_AGE_MS, rateLimited, recordSent } from "./rules";
import { composeNotice, type NoticeForm } from "./templates";

/**
 * Delivery of content-free e-mail notices through the durable job queue
 * (ADR 0034). An event enqueues one job per recipient, in the transaction
 * that stores the event, under the idempotency key event + recipient +
 * channel: the queue stores each key once, one node claims it (row lease,
 * SKIP LOCKED on PostgreSQL), failures retry with backoff, and a
 * `notification_deliveries` row under the same key stops a second mail after
 * a retry. What a job carries is ids and the form of address only.
 */
const CHANNEL = "email";
export { EMAIL_NOTICE_JOB, enqueueNotice };
type Payload = EmailPayload;

/**
 * A counsellor answered in a client's case: one notice to the client if they
 * confirmed an address. Called inside the message's commit transaction.
 */
export async function noticeNewAnswer(
  db: Kysely<Database>,
  now: number,
  props: { eventId: string; clientId: string; organisationId: string; topicId: string },
): Promise<boolean> {
  const pushed = await enqueuePushNotices(db, now, {
    eventId: props.eventId,
    kind: "new_answer",
    organisationId: props.organisationId,
    audience: "client",
    recipients: [props.clientId],
  });
  const target = {
    kind: "new_answer",
    channel: "email",
    organisationId: props.organisationId,
    audience: "client",
  } as const;
  if (!(await hasConfirmedAddress(db, props.clientId)) || !(await wantsNotice(db, props.clientId, target)))
    return pushed.length > 0;
  await enqueueNotice(db, now, props.eventId, {
    kind: "new_answer",
    eventAt: now,
    recipientId: props.clientId,
    organisationId: props.organisationId,
    form: await caseForm(db, props.clientId, props.topicId),
  });
  return true;
}

/** The client's own form of address, else the topic's (as the absence notice picks it), else "Sie". */
async function caseForm(db: Kysely<Database>, clientId: string, topicId: string): Promise<NoticeForm> {
  const forms = await addressForms(db, clientId, topicId);
  return forms.own ?? forms.topic ?? "formal";
}

/**
 * A new enquiry for a team: the bell, a push and an e-mail for each member,
 * each as their rules say (noticeStaffEvent). Inside the case's creating transaction.
 */
export async function noticeNewEnquiry(
  db: Kysely<Database>,
  now: number,
  props: { eventId: string; teamId: string; organisationId: string; caseId: string },
): Promise<boolean> {
  const team = await noticeStaffEvent(db, now, {
    eventId: props.eventId,
    kind: "new_enquiry",
    organisationId: props.organisationId,
    caseId: props.caseId,
    recipients: await teamRecipients(db, props.teamId),
  });
  return team.length > 0;
}

export { loginLink, senderNameOf } from "./sender";

type Skip = "stale" | "duplicate" | "no_address" | "not_allowed" | "rate_limited" | "no_smtp" | "deferred";

export function notificationJobHandlers(ctx: AppContext): JobHandlers {
  return {
    async [EMAIL_NOTICE_JOB](raw, job) {
      const p = EmailPayload.parse(raw);
      const skipped = await deliver(ctx, p, job.id, job.now);
      if (skipped) ctx.metrics.notices.inc({ channel: CHANNEL, outcome: skipped });
    },
    async [PUSH_NOTICE_JOB](raw, job) {
      await runPushNotice(ctx, raw, job.id, job.now);
    },
    async [DIGEST_JOB](raw, job) {
      await runDigest(ctx, raw, job.id, job.now);
    },
  };
}

async function deliver(ctx: AppContext, p: Payload, key: string, now: number): Promise<Skip | undefined> {
  const db = ctx.db.db;
  if (now - p.eventAt > NOTICE_MAX_AGE_MS) return "stale";
  if (await wasDelivered(db, key)) return "duplicate";
  const row = await findNotifyAddress(db, p.recipientId);
  // Deleted or never confirmed since the event: nothing goes out.
  if (!row || row.confirmed_at === null) return "no_address";
  const audience = p.kind === "new_answer" ? "client" : "staff";
  // The one preference check (ADR 0044): the organisation's channels, the client's preference, staff's switches.
  const target = { kind: p.kind, channel: CHANNEL, organisationId: p.organisationId, audience } as const;
  if (!(await wantsNotice(db, p.recipientId, target))) return "not_allowed";
  if (await deferIfQuiet(db, now, { key, channel: CHANNEL, audience, ...p })) return "deferred";
  if (await rateLimited(db, p.recipientId, p.kind, now, CHANNEL)) return "rate_limited";
  if (!ctx.mailer) return "no_smtp";

  const language = row.language;
  const senderName = await senderNameOf(db, p.organisationId, language);
  const notice = composeNotice({ kind: p.kind, language, form: p.form, senderName, link: loginLink(ctx) });
  // Throws when the SMTP server is down or refuses: the queue retries with backoff (the reason without detail).
  try {
    await ctx.mailer.send({
      to: openNotifyAddress(ctx.secrets.notifyKey, p.recipientId, row.address_sealed),
      senderName,
      language,
      ...notice,
    });
  } catch (err) {
    throw mailFailure(err);
  }
  await recordSent(ctx, now, { key, channel: CHANNEL, ...p });
  return undefined;
}
