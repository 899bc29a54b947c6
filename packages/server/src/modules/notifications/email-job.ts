// SPDX-License-Identifier: AGPL-3.0-or-later
import { StaffNotificationKind } from "@obhut/protocol";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../infra/db/schema";
import { enqueueJob, enqueueJobs } from "../../infra/jobs/queue";

/** The e-mail notice job (ADR 0034): ids and the form of address only, never an address or content. */
export const EMAIL_NOTICE_JOB = "notify.email";
const CHANNEL = "email";

export const EmailPayload = z
  .object({
    kind: z.union([z.literal("new_answer"), StaffNotificationKind]),
    eventAt: z.number(),
    recipientId: z.string(),
    organisationId: z.string(),
    form: z.enum(["formal", "informal"]),
  })
  .strict();
export type EmailPayload = z.infer<typeof EmailPayload>;

export async function enqueueNotice(
  db: Kysely<Database>,
  now: number,
  eventId: string,
  p: EmailPayload,
): Promise<void> {
  await enqueueJob(db, now, {
    job: EMAIL_NOTICE_JOB,
    id: `${eventId}:${p.recipientId}:${CHANNEL}`,
    payload: p,
  });
}

/** One notice per recipient of an event, in one statement per 500 (a burst stays well under a second). */
export async function enqueueNotices(
  db: Kysely<Database>,
  now: number,
  eventId: string,
  notices: readonly EmailPayload[],
): Promise<void> {
  await enqueueJobs(
    db,
    now,
    notices.map((p) => ({ job: EMAIL_NOTICE_JOB, id: `${eventId}:${p.recipientId}:${CHANNEL}`, payload: p })),
  );
}
