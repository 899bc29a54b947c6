// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Clock } from "./clock";
import { errorSummary, silentLogger, type JobLogger } from "./types";

export interface RecurringJobContext {
  /** The clock's time when the run started. */
  now: number;
  /** Aborted when the scheduler stops; long jobs should check it between batches. */
  signal: AbortSignal;
}

export interface RecurringJob {
  /** Stable name; it is the key in `job_runs`. */
  name: string;
  intervalMs: number;
  /** The JSON of the return value is kept in `job_runs.result`: counts, never content. */
  run: (ctx: RecurringJobContext) => Promise<unknown>;
}

export type JobRunStatus = "succeeded" | "failed";

export interface SchedulerOptions {
  db: Kysely<Database>;
  nodeId: string;
  clock: Clock;
  logger?: JobLogger;
  onRun?: (job: string, status: JobRunStatus, durationMs: number) => void;
}

export interface Scheduler {
  register(job: RecurringJob): void;
  /** Claims and runs every job whose current slot is unclaimed; resolves when those runs are done. */
  tick(): Promise<void>;
  /** Ticks every `pollMs` (real time) until `stop`. */
  start(pollMs: number): void;
  /** Stops ticking, aborts the running jobs' signals and waits for them to finish. */
  stop(): Promise<void>;
}

const MAX_RESULT_CHARS = 4000;

/**
 * Recurring jobs that run once per interval across all nodes. Time is cut
 * into slots (floor(now / interval)); a node runs a job only after inserting
 * the (job, slot) row, and the primary key lets exactly one insert win. A
 * slot in which no node was up is skipped, not caught up: every job here is
 * idempotent housekeeping that the next slot does just as well.
 */
export function createScheduler({ db, nodeId, clock, logger = silentLogger, onRun }: SchedulerOptions): Scheduler {
  const jobs = new Map<string, RecurringJob>();
  const running = new Map<string, Promise<void>>();
  let abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function claimAndRun(job: RecurringJob): Promise<void> {
    const startedAt = clock.now();
    const slot = new Date(Math.floor(startedAt / job.intervalMs) * job.intervalMs).toISOString();
    const claimed = await db
      .insertInto("job_runs")
      .values({
        job: job.name,
        slot,
        node_id: nodeId,
        started_at: startedAt,
        finished_at: null,
        status: "running",
        result: null,
      })
      .onConflict((oc) => oc.columns(["job", "slot"]).doNothing())
      .returning("job")
      .executeTakeFirst();
    if (!claimed) return; // another node (or an earlier tick of ours) has this slot

    let status: JobRunStatus = "succeeded";
    let result: string;
    try {
      result = resultJson(await job.run({ now: startedAt, signal: abort.signal }));
    } catch (err) {
      status = "failed";
      result = JSON.stringify({ error: errorSummary(err) });
      logger.error({ job: job.name, slot, error: errorSummary(err) }, "scheduled job failed");
    }
    const finishedAt = clock.now();
    await db
      .updateTable("job_runs")
      .set({ status, result, finished_at: finishedAt })
      .where("job", "=", job.name)
      .where("slot", "=", slot)
      .execute();
    if (status === "succeeded")
      logger.info({ job: job.name, slot, durationMs: finishedAt - startedAt }, "scheduled job done");
    onRun?.(job.name, status, finishedAt - startedAt);
  }

  function launch(job: RecurringJob): Promise<void> {
    // One run per job per process at a time: a run that outlasts its slot
    // delays the next slot's claim instead of overlapping with it.
    const existing = running.get(job.name);
    if (existing) return existing;
    const run = claimAndRun(job)
      .catch((err: unknown) =>
        logger.error({ job: job.name, error: errorSummary(err) }, "scheduler could not record a run"),
      )
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  }

  const scheduler: Scheduler = {
    register(job) {
      if (jobs.has(job.name)) throw new Error(`Job ${job.name} is already registered`);
      if (!Number.isSafeInteger(job.intervalMs) || job.intervalMs <= 0) {
        throw new Error(`Job ${job.name}: intervalMs must be a positive integer`);
      }
      jobs.set(job.name, job);
    },
    async tick() {
      if (stopped) return;
      await Promise.all([...jobs.values()].map(launch));
    },
    start(pollMs) {
      if (timer) return;
      stopped = false;
      abort = new AbortController();
      const loop = () => {
        // Not awaited: a long job must not hold up the claims of the others.
        void scheduler.tick();
        timer = setTimeout(loop, pollMs);
        timer.unref();
      };
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      abort.abort();
      await Promise.allSettled([...running.values()]);
    },
  };
  return scheduler;
}

function resultJson(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value ?? null) ?? "null";
  } catch {
    return JSON.stringify({ note: "result not serialisable" });
  }
  return json.length > MAX_RESULT_CHARS ? JSON.stringify({ note: "result too long to keep" }) : json;
}
