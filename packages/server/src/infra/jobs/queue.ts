// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { PostgresAdapter, type Kysely, type Selectable } from "kysely";
import type { Database, JobQueueTable } from "../db/schema";
import type { Clock } from "./clock";
import { errorSummary, silentLogger, type JobLogger } from "./types";

export interface QueuedJobContext {
  id: string;
  /** 1 on the first try. */
  attempt: number;
  now: number;
  /** Aborted when the worker stops or this node has lost the job's lease. */
  signal: AbortSignal;
}

/** Handlers must be idempotent: a job runs at least once (twice if a node dies after the work, before recording it). */
export type JobHandler = (payload: unknown, ctx: QueuedJobContext) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

/** retry: failed, will run again after a backoff; failed: gave up; lost: our lease ran out and another worker took over. */
export type JobOutcome = "succeeded" | "retry" | "failed" | "lost";

export interface JobRunReport {
  id: string;
  job: string;
  attempt: number;
  outcome: JobOutcome;
}

export interface JobQueueOptions {
  db: Kysely<Database>;
  nodeId: string;
  clock: Clock;
  logger?: JobLogger;
  /** How long a claimed job is reserved; renewed while the handler runs. Default 5 min. */
  leaseMs?: number;
  /** Tries before a job is marked failed. Default 8. */
  maxAttempts?: number;
  /** Delay before the 2nd try; doubles each time up to `backoffMaxMs`. Defaults 30 s and 6 h. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  onRun?: (job: string, outcome: JobOutcome, durationMs: number) => void;
}

export interface EnqueueOptions {
  job: string;
  /** JSON-serialisable. Keep it to ids: payloads are stored in plain text. */
  payload: unknown;
  /** Epoch ms; default now. */
  runAt?: number;
  /** Idempotency key: enqueuing an id that exists is a no-op. Default: random. */
  id?: string;
}

export interface Worker {
  /** Poll now instead of at the next interval (e.g. on an event bus notification). */
  wake(): void;
  /** Stops claiming, aborts running handlers' signals and waits for them to finish. */
  stop(): Promise<void>;
}

export interface JobQueue {
  enqueue(options: EnqueueOptions): Promise<string>;
  /** Claims up to `limit` due jobs, runs them and reports; for tests and CLI use. */
  runOnce(options: { handlers: JobHandlers; limit?: number }): Promise<JobRunReport[]>;
  work(options: { handlers: JobHandlers; concurrency?: number; pollMs?: number }): Worker;
  /** Deletes finished (succeeded or failed) jobs older than `olderThanMs`; returns the count. */
  purge(olderThanMs: number): Promise<number>;
}

type Row = Selectable<JobQueueTable>;

/**
 * A durable queue in the `job_queue` table. A claim sets `locked_by` and
 * `locked_until` (a lease) and increments `attempts` in one statement;
 * `attempts` doubles as a fencing token, so a worker that lost its lease
 * cannot overwrite the outcome recorded by the worker that took over.
 */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { db, nodeId, clock, logger = silentLogger, onRun } = options;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffBaseMs = options.backoffBaseMs ?? 30_000;
  const backoffMaxMs = options.backoffMaxMs ?? 6 * 60 * 60_000;
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  async function claim(names: string[], limit: number): Promise<Row[]> {
    if (names.length === 0 || limit <= 0) return [];
    const now = clock.now();
    let due = db
      .selectFrom("job_queue")
      .select("id")
      .where("done_at", "is", null)
      .where("run_at", "<=", now)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", now)]))
      .where("job", "in", names)
      .orderBy("run_at")
      .limit(limit);
    // PostgreSQL: concurrent claimers skip each other's rows instead of
    // waiting for them or taking them twice. SQLite: a single UPDATE takes the
    // database write lock for its whole duration, which is the same guarantee
    // as a BEGIN IMMEDIATE transaction around select-then-update.
    if (postgres) due = due.forUpdate().skipLocked();
    return db
      .updateTable("job_queue")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        locked_by: nodeId,
        locked_until: now + leaseMs,
      }))
      .where("id", "in", due)
      .returningAll()
      .execute();
  }

  /** Updates the row only if our claim is still the current one. */
  async function settle(row: Row, values: Partial<Row>): Promise<boolean> {
    const result = await db
      .updateTable("job_queue")
      .set(values)
      .where("id", "=", row.id)
      .where("attempts", "=", row.attempts)
      .where("locked_by", "=", nodeId)
      .where("done_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function execute(row: Row, handlers: JobHandlers, stopSignal: AbortSignal): Promise<JobRunReport> {
    const startedAt = clock.now();
    const report = (outcome: JobOutcome): JobRunReport => {
      onRun?.(row.job, outcome, clock.now() - startedAt);
      if (outcome !== "succeeded")
        logger.warn({ job: row.job, id: row.id, attempt: row.attempts, outcome }, "queued job did not succeed");
      return { id: row.id, job: row.job, attempt: row.attempts, outcome };
    };
    const unlock = { locked_by: null, locked_until: null };

    if (row.attempts > maxAttempts) {
      // Claimed again after its worker died mid-run too often: a job that kills its node.
      await settle(row, {
        ...unlock,
        done_at: startedAt,
        last_error: `gave up after ${maxAttempts} attempts (lease expired)`,
      });
      return report("failed");
    }
    const handler = handlers[row.job];
    if (!handler) throw new Error(`No handler for ${row.job}`); // claim() only takes jobs we have handlers for

    const controller = new AbortController();
    const onStop = () => controller.abort();
    stopSignal.addEventListener("abort", onStop);
    // Keep the lease while the handler works; if it was lost, tell the handler.
    const renew = setInterval(
      () => {
        void settle(row, { locked_until: clock.now() + leaseMs }).then(
          (kept) => kept || controller.abort(),
          () => undefined,
        );
      },
      Math.max(1000, Math.floor(leaseMs / 3)),
    );
    renew.unref();

    let error: unknown;
    let ok = true;
    try {
      await handler(JSON.parse(row.payload) as unknown, {
        id: row.id,
        attempt: row.attempts,
        now: startedAt,
        signal: controller.signal,
      });
    } catch (err) {
      ok = false;
      error = err;
    } finally {
      clearInterval(renew);
      stopSignal.removeEventListener("abort", onStop);
    }

    const now = clock.now();
    if (ok) return report((await settle(row, { ...unlock, done_at: now, last_error: null })) ? "succeeded" : "lost");
    const lastError = errorSummary(error);
    if (row.attempts >= maxAttempts) {
      return report((await settle(row, { ...unlock, done_at: now, last_error: lastError })) ? "failed" : "lost");
    }
    const delay = Math.min(backoffMaxMs, backoffBaseMs * 2 ** (row.attempts - 1));
    return report(
      (await settle(row, {
        ...unlock,
        run_at: now + delay,
        last_error: lastError,
      }))
        ? "retry"
        : "lost",
    );
  }

  return {
    async enqueue(options) {
      return enqueueJob(db, clock.now(), options);
    },

    async runOnce({ handlers, limit = 10 }) {
      const rows = await claim(Object.keys(handlers), limit);
      return Promise.all(rows.map((row) => execute(row, handlers, new AbortController().signal)));
    },

    work({ handlers, concurrency = 2, pollMs = 5000 }) {
      const names = Object.keys(handlers);
      const stopping = new AbortController();
      const inflight = new Set<Promise<unknown>>();
      let timer: NodeJS.Timeout | undefined;
      let polling = false;
      let pollAgain = false;

      const poll = async (): Promise<void> => {
        if (stopping.signal.aborted) return;
        if (polling) {
          pollAgain = true;
          return;
        }
        polling = true;
        clearTimeout(timer);
        let full = false;
        try {
          const free = concurrency - inflight.size;
          const rows = await claim(names, free);
          full = free > 0 && rows.length === free;
          for (const row of rows) {
            const run: Promise<unknown> = execute(row, handlers, stopping.signal)
              .catch((err: unknown) =>
                logger.error({ job: row.job, id: row.id, error: errorSummary(err) }, "job queue error"),
              )
              .finally(() => {
                inflight.delete(run);
                void poll(); // a slot is free: look for more work right away
              });
            inflight.add(run);
          }
        } catch (err) {
          logger.error({ error: errorSummary(err) }, "job queue could not claim jobs");
        } finally {
          polling = false;
        }
        if (stopping.signal.aborted) return;
        if (pollAgain || full) {
          pollAgain = false;
          void poll();
          return;
        }
        timer = setTimeout(() => void poll(), pollMs);
        timer.unref();
      };
      void poll();

      return {
        wake: () => void poll(),
        async stop() {
          stopping.abort();
          clearTimeout(timer);
          await Promise.allSettled([...inflight]);
        },
      };
    },

    async purge(olderThanMs) {
      const result = await db
        .deleteFrom("job_queue")
        .where("done_at", "<", clock.now() - olderThanMs)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/**
 * Enqueues on any connection, including an open transaction: a job enqueued
 * with the change that causes it exists exactly when the change does (e.g.
 * a notice of a message, committed with the message).
 */
/** A new job's row: not yet tried, not locked. */
function jobRow(now: number, { job, payload, runAt }: EnqueueOptions, id: string) {
  return {
    id,
    job,
    payload: JSON.stringify(payload ?? null),
    run_at: runAt ?? now,
    attempts: 0,
    locked_by: null,
    locked_until: null,
    done_at: null,
    last_error: null,
    created_at: now,
  };
}

/**
 * Many jobs in one statement per 500 (a burst: one event for thousands of recipients, issue #17): each id
 * once, as `enqueueJob`. Inside the caller's transaction like it.
 */
export async function enqueueJobs(db: Kysely<Database>, now: number, jobs: readonly EnqueueOptions[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += 500) {
    await db
      .insertInto("job_queue")
      .values(jobs.slice(i, i + 500).map((options) => jobRow(now, options, options.id ?? crypto.randomUUID())))
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }
}

export async function enqueueJob(db: Kysely<Database>, now: number, options: EnqueueOptions): Promise<string> {
  const jobId = options.id ?? crypto.randomUUID();
  await db
    .insertInto("job_queue")
    .values(jobRow(now, options, jobId))
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  return jobId;
}
