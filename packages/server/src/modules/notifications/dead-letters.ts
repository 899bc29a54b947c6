// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { DeadLettersView, DeadLetterView } from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { recordAudit } from "../../core/audit";
import { AppError, NotFoundError } from "../../core/errors";
import { authorize } from "../../policies";
import { DIGEST_JOB } from "./defer";
import { EMAIL_NOTICE_JOB } from "./deliver";
import { PUSH_NOTICE_JOB } from "./deliver-push";
import { failureReason } from "./failure";
import { NOTICE_MAX_AGE_MS } from "./rules";
import { failedJobs, requeueFailedJob, type FailedJobRow } from "./store-dead-letters";

/**
 * Dead letters (issue #17, ADR 0041): notices of the organisation that failed
 * after every retry, for its admins — the kind, the channel, when, how often
 * and a reason from a fixed list, with a button to try once more. Nothing
 * names the recipient: the job's key (event + recipient) is shown only as an
 * opaque hash, and the reason is mapped from the error code the notice jobs
 * store (failure.ts), never an SMTP server's words.
 */
const NOTICE_JOBS = [EMAIL_NOTICE_JOB, PUSH_NOTICE_JOB, DIGEST_JOB];
/** How many failed jobs are looked at (the queue purges finished jobs after a week). */
const SCAN_LIMIT = 500;

interface Letter {
  row: FailedJobRow;
  view: DeadLetterView;
}

function handle(jobId: string): string {
  return crypto.createHash("sha256").update(jobId).digest("base64url").slice(0, 32);
}

function letterOf(row: FailedJobRow, orgId: string, now: number): Letter | undefined {
  let p: { organisationId?: unknown; kind?: unknown; channel?: unknown; eventAt?: unknown };
  try {
    p = JSON.parse(row.payload) as typeof p;
  } catch {
    return undefined;
  }
  if (p.organisationId !== orgId) return undefined;
  const channel = row.job === EMAIL_NOTICE_JOB ? "email" : row.job === PUSH_NOTICE_JOB ? "push" : p.channel;
  if (channel !== "email" && channel !== "push") return undefined;
  const kind = row.job === DIGEST_JOB ? "digest" : typeof p.kind === "string" ? p.kind.slice(0, 40) : "other";
  const eventAt = typeof p.eventAt === "number" ? p.eventAt : Number(row.created_at);
  return {
    row,
    view: {
      id: handle(row.id),
      kind,
      channel,
      createdAt: Number(row.created_at),
      failedAt: Number(row.done_at),
      attempts: Number(row.attempts),
      reason: failureReason(row.last_error),
      expired: now - eventAt > NOTICE_MAX_AGE_MS,
    },
  };
}

async function lettersOf(ctx: AppContext, orgId: string): Promise<Letter[]> {
  const now = ctx.clock.now();
  const rows = await failedJobs(ctx.db.db, NOTICE_JOBS, SCAN_LIMIT);
  return rows.map((r) => letterOf(r, orgId, now)).filter((l): l is Letter => l !== undefined);
}

const may = (actor: Actor, orgId: string) =>
  authorize(actor, "notifications.dead_letters", { type: "organisation", organisationId: orgId });

export async function listDeadLetters(ctx: AppContext, actor: Actor, orgId: string): Promise<DeadLettersView> {
  may(actor, orgId);
  return { items: (await lettersOf(ctx, orgId)).map((l) => l.view) };
}

export async function retryDeadLetter(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  letterId: string,
): Promise<DeadLettersView> {
  may(actor, orgId);
  const letter = (await lettersOf(ctx, orgId)).find((l) => l.view.id === letterId);
  if (!letter) throw new NotFoundError("No such failed notice");
  // Nothing is sent about an event older than a day; the job would only drop it.
  if (letter.view.expired) throw new AppError("gone", "This notice is older than a day and would not be sent");
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    if (!(await requeueFailedJob(trx, letter.row.id, now))) return;
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: actor.accountId,
      action: "notification.retried",
      target: { type: "organisation", id: orgId },
      data: { kind: letter.view.kind, channel: letter.view.channel },
    });
  });
  ctx.jobs.wake();
  return listDeadLetters(ctx, actor, orgId);
}
