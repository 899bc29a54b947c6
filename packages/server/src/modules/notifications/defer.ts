// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../infra/db/schema";
import { enqueueJob } from "../../infra/jobs/queue";
import { isQuiet, quietEnd } from "./quiet-time";
import { windowOf } from "./quiet-hours";
import { findQuietHours, insertDeferred } from "./store-quiet";

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
  const row = await findQuietHours(db, n.recipientId);
  if (!row) return false;
  const window = windowOf(row);
  if (!isQuiet(now, window)) return false;
  const end = quietEnd(now, window);
  await db.transaction().execute(async (trx) => {
    await insertDeferred(trx, {
      id: n.key,
      account_id: n.recipientId,
      channel: n.channel,
      kind: n.kind,
      deferred_at: now,
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
