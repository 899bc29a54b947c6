// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../core/context";
import { sweepAttachmentOrphans } from "../modules/messaging";
import { anchorAuditChains } from "../modules/dpo";
import { forgetIdleDevices } from "../modules/identity";
import { runDsrReminders } from "../modules/dsr";
import { runRetention } from "../modules/retention";
import { pruneDeliveries } from "../modules/notifications";

type Scheduler = {
  register(job: {
    name: string;
    intervalMs: number;
    run: (ctx: { now: number; signal: AbortSignal }) => Promise<unknown>;
  }): void;
};

/** Delivery records outlive the one-day rate limit and stale-event window by a day, then go (ADR 0034). */
const DELIVERY_RECORD_MS = 2 * 24 * 60 * 60 * 1000;
/** Finished queue jobs (ids and kinds only) are kept a week for "what happened" questions. */
const FINISHED_JOB_MS = 7 * 24 * 60 * 60 * 1000;

/** Days an ended session row is kept (for "your sessions" lists) before it is deleted. */
const ENDED_SESSION_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Hourly clean-up of short-lived authentication state. Runs exactly once per
 * hour across all nodes (the scheduler claims the slot in the database).
 */
export function registerHousekeeping(scheduler: Scheduler, ctx: AppContext): void {
  scheduler.register({
    name: "housekeeping",
    intervalMs: 60 * 60 * 1000,
    run: async ({ now }) => {
      const loginStates = await ctx.db.db.deleteFrom("login_states").where("expires_at", "<", now).executeTakeFirst();
      const sessions = await ctx.db.db
        .deleteFrom("sessions")
        .where((eb) =>
          eb.or([
            eb("expires_at", "<", now - ENDED_SESSION_RETENTION_MS),
            eb("revoked_at", "<", now - ENDED_SESSION_RETENTION_MS),
          ]),
        )
        .executeTakeFirst();
      // Case re-binding codes live 24 h (modules/cases/rebind.ts); used ones are kept no longer either.
      const rebindCodes = await ctx.db.db
        .deleteFrom("case_rebind_codes")
        .where("expires_at", "<", now)
        .executeTakeFirst();
      // Remembered browsers unused for 30 days (staff opt-in device keys) need the password again.
      const idleDevices = await forgetIdleDevices(ctx, now);
      // Leftovers of uploads that crashed half-way are never visible as blobs; reclaim their space.
      const incompleteBlobs = await ctx.blobs.sweepIncomplete(24 * 60 * 60 * 1000);
      const noticeDeliveries = await pruneDeliveries(ctx.db.db, now - DELIVERY_RECORD_MS);
      const finishedJobs = await ctx.jobs.queue.purge(FINISHED_JOB_MS);
      return {
        noticeDeliveries,
        finishedJobs,
        loginStates: Number(loginStates.numDeletedRows),
        sessions: Number(sessions.numDeletedRows),
        rebindCodes: Number(rebindCodes.numDeletedRows),
        idleDevices,
        incompleteBlobs,
      };
    },
  });

  // Uploads never completed within 24 h: chunks, leftovers and their quota reservation go.
  scheduler.register({
    name: "attachment-orphans",
    intervalMs: 60 * 60 * 1000,
    run: async ({ now }) => ({ uploads: await sweepAttachmentOrphans(ctx, now) }),
  });

  // Deletion concept: rows, blobs and key wraps past their retention period go (modules/retention/run.ts).
  scheduler.register({
    name: "retention",
    intervalMs: 24 * 60 * 60 * 1000,
    run: async ({ now, signal }) => {
      const report = await runRetention(
        { db: ctx.db, blobs: ctx.blobs, logger: ctx.logger, auditAnchorKey: ctx.secrets.auditAnchorKey },
        { now, signal, via: "job" },
      );
      // Counts only: ids and content never go into job_runs.
      return { interrupted: report.interrupted, counts: report.totals };
    },
  });

  // Data-subject request deadlines: one reminder a week before and one when overdue (modules/dsr/requests.ts).
  scheduler.register({
    name: "dsr-reminders",
    intervalMs: 24 * 60 * 60 * 1000,
    run: async ({ now }) => runDsrReminders(ctx, now),
  });

  // Signed anchors of the audit chains' heads: with them, even cutting off
  // the newest audit entries (and the head row) is detected by `obhut audit verify`.
  scheduler.register({
    name: "audit-anchor",
    intervalMs: 15 * 60 * 1000,
    run: async ({ now }) => ({ anchors: await anchorAuditChains(ctx.db.db, ctx.secrets.auditAnchorKey, now) }),
  });
}
