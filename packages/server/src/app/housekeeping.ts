// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../core/context";
import { sweepAttachmentOrphans } from "../modules/messaging";
import { anchorAuditChains, runBreachReminders, runTrainingReminders, verifyAuditLog } from "../modules/dpo";
import { forgetIdleDevices } from "../modules/identity";
import { runDsrReminders } from "../modules/dsr";
import { runRetention } from "../modules/retention";
import {
  BELL_RETENTION_MS,
  NOTICE_MAX_AGE_MS,
  noticeAuditChainFailures,
  noticeConfigProblems,
  noticeDocumentApprovals,
  noticeDsrReminder,
  noticeFailedJobs,
  noticeWaitingEnquiries,
  pruneDeferred,
  pruneDeliveries,
  pruneStaffNotifications,
} from "../modules/notifications";

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
export function registerHousekeeping(
  scheduler: Scheduler,
  ctx: AppContext,
  deps: {
    /** The checks of `obhut doctor`; how many failed (the server runs the real ones). */
    doctorFailures?: () => Promise<number>;
  } = {},
): void {
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
      // The staff bell keeps 30 days (ADR 0038).
      const bellEntries = await pruneStaffNotifications(ctx.db.db, now - BELL_RETENTION_MS);
      // Notices held by quiet hours whose digest never came (it failed for good) are too old to send (ADR 0041).
      const heldNotices = await pruneDeferred(ctx.db.db, now - NOTICE_MAX_AGE_MS);
      const finishedJobs = await ctx.jobs.queue.purge(FINISHED_JOB_MS);
      return {
        noticeDeliveries,
        bellEntries,
        heldNotices,
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
    run: async ({ now }) => {
      // The DPO's bell and e-mail notices (ADR 0041), enqueued with each reminder; then the queue looks at once.
      const counts = await runDsrReminders(ctx, now, { remind: (db, at, r) => noticeDsrReminder(db, at, r) });
      ctx.jobs.wake();
      return counts;
    },
  });

  // Breach deadlines (ADR 0047): 24 h and 4 h before the 72-hour limit and when it has passed, each once.
  scheduler.register({
    name: "breach-reminders",
    intervalMs: 15 * 60 * 1000,
    run: async ({ now }) => {
      const sent = await runBreachReminders(ctx.db.db, now);
      ctx.jobs.wake();
      return { sent };
    },
  });

  // Trainings (ADR 0048): a staff member hears once per due period that a training meant for them is due.
  scheduler.register({
    name: "training-reminders",
    intervalMs: 60 * 60 * 1000,
    run: async ({ now }) => {
      const sent = await runTrainingReminders(ctx.db.db, now);
      ctx.jobs.wake();
      return { sent };
    },
  });

  // Events nobody's request raises (ADR 0044): enquiries waiting past the organisation's limit (team leads),
  // document drafts awaiting approval (DPO), notices that failed for good (admins). Through the bell and the queue.
  scheduler.register({
    name: "notice-watch",
    intervalMs: 15 * 60 * 1000,
    run: async ({ now }) => {
      const db = ctx.db.db;
      const counts = {
        waitingEnquiries: await noticeWaitingEnquiries(db, now),
        documentApprovals: await noticeDocumentApprovals(db, now),
        failedJobs: await noticeFailedJobs(db, now),
      };
      ctx.jobs.wake();
      return counts;
    },
  });

  // The audit chains verified daily (what `obhut audit verify` does); a failure is the DPO's notice (ADR 0044).
  scheduler.register({
    name: "audit-verify",
    intervalMs: 24 * 60 * 60 * 1000,
    run: async ({ now }) => {
      const anchorPublicKey = ctx.secrets.auditAnchorKey.x;
      const reports = await verifyAuditLog(ctx.db.db, { anchorPublicKey });
      const suspects = reports.filter((r) => !r.ok).map((r) => r.chain);
      // Entries written while it reads (the head moved on between two reads) look like a cut-off log:
      // only a chain that fails a second reading too is reported.
      const failed = suspects.length
        ? (await verifyAuditLog(ctx.db.db, { anchorPublicKey, chains: suspects }))
            .filter((r) => !r.ok)
            .map((r) => r.chain)
        : [];
      const notices = await noticeAuditChainFailures(ctx.db.db, now, failed);
      ctx.jobs.wake();
      // Counts only: which chain and what is wrong are for the audit page and the CLI.
      return { chains: reports.length, failed: failed.length, notices };
    },
  });

  // The checks of `obhut doctor`, daily (passed in by `obhut serve`: app does not import cli); a failed one is
  // the admins' notice (ADR 0044). Without them (tests that do not ask) the job counts nothing.
  const doctorFailures = deps.doctorFailures ?? (async () => 0);
  scheduler.register({
    name: "config-check",
    intervalMs: 24 * 60 * 60 * 1000,
    run: async ({ now }) => {
      const failed = await doctorFailures();
      const notices = await noticeConfigProblems(ctx.db.db, now, failed);
      ctx.jobs.wake();
      return { failed, notices };
    },
  });

  // Signed anchors of the audit chains' heads: with them, even cutting off
  // the newest audit entries (and the head row) is detected by `obhut audit verify`.
  scheduler.register({
    name: "audit-anchor",
    intervalMs: 15 * 60 * 1000,
    run: async ({ now }) => ({ anchors: await anchorAuditChains(ctx.db.db, ctx.secrets.auditAnchorKey, now) }),
  });
}
