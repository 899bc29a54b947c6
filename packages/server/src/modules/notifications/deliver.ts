// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import { z } from "zod";
import type { AppContext } from "../../core/context";
import { recordAudit } from "../../core/audit";
import type { Database } from "../../infra/db/schema";
import { enqueueJob, type JobHandlers } from "../../infra/jobs/queue";
import { mayNotify } from "../compliance";
import { openNotifyAddress } from "./seal";
import {
  addressForms,
  deliveredKindSince,
  deliveriesSince,
  findNotifyAddress,
  findSenderName,
  hasConfirmedAddress,
  newEnquiryRecipients,
  recordDelivery,
  wasDelivered,
} from "./store";
import { composeNotice, defaultSenderName, type NoticeForm } from "./templates";

/**
 * Delivery of content-free e-mail notices through the durable job queue
 * (ADR 0034). An event enqueues one job per recipient, in the transaction
 * that stores the event, under the idempotency key event + recipient +
 * channel: the queue stores each key once, one node claims it (row lease,
 * SKIP LOCKED on PostgreSQL), failures retry with backoff, and a
 * `notification_deliveries` row under the same key stops a second mail after
 * a retry. What a job carries is ids and the form of address only.
 */
export const EMAIL_NOTICE_JOB = "notify.email";
const CHANNEL = "email";
/** A notice of something older than this is pointless (and would surprise): dropped. */
export const NOTICE_MAX_AGE_MS = 24 * 60 * 60_000;
/** Per recipient and kind: at most one notice in this interval; the next answer is still "a new answer". */
export const NOTICE_MIN_INTERVAL_MS = 15 * 60_000;
/** Per recipient, all kinds: at most this many notices a day. */
export const NOTICES_PER_DAY = 20;

const Payload = z
  .object({
    kind: z.enum(["new_answer", "new_enquiry"]),
    eventAt: z.number(),
    recipientId: z.string(),
    organisationId: z.string(),
    form: z.enum(["formal", "informal"]),
  })
  .strict();
type Payload = z.infer<typeof Payload>;

async function enqueueNotice(db: Kysely<Database>, now: number, eventId: string, p: Payload): Promise<void> {
  await enqueueJob(db, now, {
    job: EMAIL_NOTICE_JOB,
    id: `${eventId}:${p.recipientId}:${CHANNEL}`,
    payload: p,
  });
}

/**
 * A counsellor answered in a client's case: one notice to the client if they
 * confirmed an address. Called inside the message's commit transaction.
 */
export async function noticeNewAnswer(
  db: Kysely<Database>,
  now: number,
  props: { eventId: string; clientId: string; organisationId: string; topicId: string },
): Promise<boolean> {
  if (!(await hasConfirmedAddress(db, props.clientId))) return false;
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

/** A new enquiry for a team: one notice to each member who asked for it. Inside the case's creating transaction. */
export async function noticeNewEnquiry(
  db: Kysely<Database>,
  now: number,
  props: { eventId: string; teamId: string; organisationId: string },
): Promise<boolean> {
  const recipients = await newEnquiryRecipients(db, props.teamId);
  for (const recipientId of recipients)
    await enqueueNotice(db, now, props.eventId, {
      kind: "new_enquiry",
      eventAt: now,
      recipientId,
      organisationId: props.organisationId,
      form: "formal",
    });
  return recipients.length > 0;
}

/** The organisation's neutral sender name, or the default in the recipient's language. */
export async function senderNameOf(db: Kysely<Database>, orgId: string | null, language: "de" | "en"): Promise<string> {
  return (orgId ? await findSenderName(db, orgId) : undefined) ?? defaultSenderName(language);
}

/** The app's login page: the only link a notice carries. */
export function loginLink(ctx: AppContext): string {
  return `${ctx.config.publicUrl}/`;
}

type Skip = "stale" | "duplicate" | "no_address" | "not_allowed" | "rate_limited" | "no_smtp";

export function notificationJobHandlers(ctx: AppContext): JobHandlers {
  return {
    async [EMAIL_NOTICE_JOB](raw, job) {
      const p = Payload.parse(raw);
      const skipped = await deliver(ctx, p, job.id, job.now);
      if (skipped) ctx.metrics.notices.inc({ channel: CHANNEL, outcome: skipped });
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
  if (p.kind === "new_answer" && !(await mayNotify(db, p.recipientId, "emailNotice"))) return "not_allowed";
  if (p.kind === "new_enquiry" && row.new_enquiry !== 1) return "not_allowed";
  const recent = await deliveredKindSince(db, p.recipientId, p.kind, now - NOTICE_MIN_INTERVAL_MS);
  if (recent || (await deliveriesSince(db, p.recipientId, now - 24 * 60 * 60_000)) >= NOTICES_PER_DAY)
    return "rate_limited";
  if (!ctx.mailer) return "no_smtp";

  const language = row.language;
  const senderName = await senderNameOf(db, p.organisationId, language);
  const notice = composeNotice({ kind: p.kind, language, form: p.form, senderName, link: loginLink(ctx) });
  // Throws when the SMTP server is down or refuses: the queue retries with backoff.
  await ctx.mailer.send({
    to: openNotifyAddress(ctx.secrets.notifyKey, p.recipientId, row.address_sealed),
    senderName,
    language,
    ...notice,
  });
  await db.transaction().execute(async (trx) => {
    await recordDelivery(trx, { id: key, account_id: p.recipientId, kind: p.kind, channel: CHANNEL, sent_at: now });
    // That a notice went out, of which kind and on which channel; never to which address.
    await recordAudit(trx, now, {
      organisationId: p.organisationId,
      actorId: null,
      action: "notification.sent",
      target: { type: "account", id: p.recipientId },
      data: { kind: p.kind, channel: CHANNEL },
    });
  });
  ctx.metrics.notices.inc({ channel: CHANNEL, outcome: "sent" });
  return undefined;
}
