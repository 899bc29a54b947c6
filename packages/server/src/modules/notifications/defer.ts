// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../infra/db/schema";
import { enqueueJob } from "../../infra/jobs/queue";
import { closedWindow, isQuiet, quietEnd, type QuietWindow } from "./quiet-time";
import { windowOf } from "./quiet-hours";
import { findQuietHours, insertDeferred } from "./store-quiet";
import { orgNoticeRules } from "./store-rules";

/**
 * Quiet hours hold notices back (ADR 0041). A notice job that finds its
 * recipient in quiet hours does not send: it notes the notice under its own
 * key and makes sure one digest job per recipient, channel and end of the
 * quiet hours exists (its id is that triple, so however many notices fall
 * into the same night, there is one digest). Both in one transaction.
 */
export const DIGEST_JOB = "notify.digest";

export const DigestPayload = z
  .object({
    channel: z.enum(["email", "push"]),
    /** The end of the quiet hours: the digest's own event time (the age limit counts from it). */
    eventAt: z.number(),
    recipientId: z.string(),
    organisationId: z.string(),
    audience: z.enum(["client", "staff"]),
    form: z.enum(["formal", "informal"]),
  })
  .strict();
export type DigestPayload = z.infer<typeof DigestPayload>;

export function digestJobId(recipientId: string, channel: string, at: number): string {
  return `digest:${recipientId}:${channel}:${at}`;
}

export async function enqueueDigest(db: Kysely<Database>, now: number, p: DigestPayload): Promise<void> {
  await enqueueJob(db, now, {
    job: DIGEST_JOB,
    id: digestJobId(p.recipientId, p.channel, p.eventAt),
    runAt: p.eventAt,
    payload: p,
  });
}

/**
 * Case work the organisation's office hours hold back for staff (ADR 0051); the DPO's and admins' duties
 * (deadlines, failures) and break-glass reports go out whenever the person's own rules allow.
 */
const OFFICE_KINDS: ReadonlySet<string> = new Set([
  "new_enquiry",
  "new_message",
  "handed_to_me",
  "enquiry_waiting",
  "assignee_absent",
]);

/**
 * The first moment after `now` that none of the windows is quiet in, or null when none is quiet now.
 * The person's quiet hours and the office's closed time can follow one another (closed until 09:00, quiet
 * until 10:00), so each end is checked against all windows again.
 */
export function endOfAll(now: number, windows: readonly QuietWindow[]): number | null {
  if (!windows.some((w) => isQuiet(now, w))) return null;
  let at = now;
  for (let step = 0; step < 16; step++) {
    const quiet = windows.find((w) => isQuiet(at, w));
    if (!quiet) return at;
    at = quietEnd(at, quiet);
  }
  return at;
}

/**
 * Until when a notice of this kind to this person waits now: the end of their own quiet hours and, for staff's
 * case work, of the organisation's closed time, whichever lasts; null: it may go now.
 */
export async function heldUntil(
  db: Kysely<Database>,
  now: number,
  n: { kind: string; recipientId: string; organisationId: string; audience: "client" | "staff" },
): Promise<number | null> {
  const windows: QuietWindow[] = [];
  const row = await findQuietHours(db, n.recipientId);
  if (row) windows.push(windowOf(row));
  if (n.audience === "staff" && OFFICE_KINDS.has(n.kind)) {
    const { officeHours } = await orgNoticeRules(db, n.organisationId);
    if (officeHours) windows.push(closedWindow(officeHours));
  }
  return endOfAll(now, windows);
}

/** True when the notice was held back for the digest (the caller sends nothing). */
export async function deferIfQuiet(
  db: Kysely<Database>,
  now: number,
  n: {
    key: string;
    channel: "email" | "push";
    kind: string;
    recipientId: string;
    organisationId: string;
    audience: "client" | "staff";
    form: "formal" | "informal";
  },
): Promise<boolean> {
  const end = await heldUntil(db, now, n);
  if (end === null) return false;
  await db.transaction().execute(async (trx) => {
    await insertDeferred(trx, {
      id: n.key,
      account_id: n.recipientId,
      channel: n.channel,
      kind: n.kind,
      deferred_at: now,
      held_until: end,
    });
    await enqueueDigest(trx, now, {
      channel: n.channel,
      eventAt: end,
      recipientId: n.recipientId,
      organisationId: n.organisationId,
      audience: n.audience,
      form: n.form,
    });
  });
  return true;
}
