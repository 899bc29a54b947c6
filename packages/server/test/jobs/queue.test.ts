// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/infra/db/connect";
import { createJobQueue, type JobOutcome } from "../../src/infra/jobs/queue";
import { createTestDb, DIALECTS, type TestDb } from "../helpers/databases";
import { gate, ManualClock, secondConnection } from "./support";

const MINUTE = 60_000;

describe.each(DIALECTS)("job queue on %s", (dialect) => {
  let t: TestDb;
  let other: DbHandle;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    other = secondConnection(t);
  });
  afterAll(async () => {
    await other.close();
    await t.destroy();
  });
  // Every test starts with an empty queue, so claims cannot pick up another test's jobs.
  beforeEach(async () => {
    await t.db.deleteFrom("job_queue").execute();
  });

  const row = (id: string) => t.db.selectFrom("job_queue").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("runs an enqueued job once with its payload, and not before runAt", async () => {
    const clock = new ManualClock();
    const queue = createJobQueue({ db: t.db, nodeId: "a", clock });
    const seen: unknown[] = [];
    const handlers = {
      notify: async (payload: unknown) => void seen.push(payload),
    };
    const later = await queue.enqueue({
      job: "notify",
      payload: { account: "acc1" },
      runAt: clock.now() + MINUTE,
    });
    expect(await queue.runOnce({ handlers })).toEqual([]);
    clock.advance(MINUTE);
    expect(await queue.runOnce({ handlers })).toEqual([{ id: later, job: "notify", attempt: 1, outcome: "succeeded" }]);
    expect(await queue.runOnce({ handlers })).toEqual([]);
    expect(seen).toEqual([{ account: "acc1" }]);
    const done = await row(later);
    expect(done.done_at).toBe(clock.now());
    expect(done.last_error).toBeNull();
    expect(done.locked_by).toBeNull();
  });

  it("treats an explicit id as an idempotency key", async () => {
    const queue = createJobQueue({
      db: t.db,
      nodeId: "a",
      clock: new ManualClock(),
    });
    await queue.enqueue({
      job: "remind",
      payload: 1,
      id: "remind:case1:2026-01-02",
    });
    await queue.enqueue({
      job: "remind",
      payload: 2,
      id: "remind:case1:2026-01-02",
    });
    expect(JSON.parse((await row("remind:case1:2026-01-02")).payload)).toBe(1);
  });

  it("only claims jobs it has a handler for", async () => {
    const queue = createJobQueue({
      db: t.db,
      nodeId: "a",
      clock: new ManualClock(),
    });
    const id = await queue.enqueue({ job: "unknown-here", payload: null });
    expect(await queue.runOnce({ handlers: { other: async () => undefined } })).toEqual([]);
    expect((await row(id)).attempts).toBe(0);
  });

  it("backs off exponentially by the injected clock, then gives up with the message only", async () => {
    const clock = new ManualClock();
    const queue = createJobQueue({
      db: t.db,
      nodeId: "a",
      clock,
      maxAttempts: 3,
      backoffBaseMs: MINUTE,
    });
    let calls = 0;
    const handlers = {
      flaky: async () => {
        calls++;
        throw new Error("smtp unavailable");
      },
    };
    const id = await queue.enqueue({
      job: "flaky",
      payload: { secret: "do not log me" },
    });
    const outcomes: JobOutcome[] = [];
    const step = async () => outcomes.push(...(await queue.runOnce({ handlers })).map((r) => r.outcome));

    await step(); // attempt 1 fails → retry in 1 min
    expect((await row(id)).run_at).toBe(clock.now() + MINUTE);
    clock.advance(MINUTE - 1);
    await step(); // not yet due
    clock.advance(1);
    await step(); // attempt 2 fails → retry in 2 min
    clock.advance(2 * MINUTE - 1);
    await step();
    clock.advance(1);
    await step(); // attempt 3 fails → failed for good
    clock.advance(60 * MINUTE);
    await step();

    expect(calls).toBe(3);
    expect(outcomes).toEqual(["retry", "retry", "failed"]);
    const failed = await row(id);
    expect(failed.attempts).toBe(3);
    expect(failed.done_at).not.toBeNull();
    expect(failed.last_error).toBe("smtp unavailable");
  });

  it("retries a job whose worker died once its lease has expired, and fences out the late finisher", async () => {
    const clock = new ManualClock();
    const leaseMs = 10 * MINUTE;
    const dying = createJobQueue({ db: t.db, nodeId: "dying", clock, leaseMs });
    const healthy = createJobQueue({
      db: other.db,
      nodeId: "healthy",
      clock,
      leaseMs,
    });
    const id = await dying.enqueue({ job: "work", payload: null });
    const hang = gate();
    const ranBy: string[] = [];

    // "dying" claims the job and never finishes (as if the process was killed).
    const zombie = dying.runOnce({
      handlers: {
        work: async () => {
          ranBy.push("dying");
          await hang.promise;
        },
      },
    });
    await waitUntil(() => ranBy.length === 1);
    const handlers = { work: async () => void ranBy.push("healthy") };
    expect(await healthy.runOnce({ handlers })).toEqual([]); // leased
    clock.advance(leaseMs - 1);
    expect(await healthy.runOnce({ handlers })).toEqual([]);
    clock.advance(1);
    expect(await healthy.runOnce({ handlers })).toEqual([{ id, job: "work", attempt: 2, outcome: "succeeded" }]);

    // The presumed-dead worker wakes up: its result must not overwrite the real one.
    hang.open();
    expect((await zombie).map((r) => r.outcome)).toEqual(["lost"]);
    expect(ranBy).toEqual(["dying", "healthy"]);
    const done = await row(id);
    expect(done.attempts).toBe(2);
    expect(done.last_error).toBeNull();
    expect(done.done_at).not.toBeNull();
  });

  it("marks a job failed when its workers keep dying", async () => {
    const clock = new ManualClock();
    const queue = createJobQueue({
      db: t.db,
      nodeId: "a",
      clock,
      leaseMs: MINUTE,
      maxAttempts: 2,
    });
    const id = await queue.enqueue({ job: "poison", payload: null });
    // Simulate two claims whose workers died, by taking the lease and letting it lapse.
    await t.db
      .updateTable("job_queue")
      .set({ attempts: 2, locked_by: "dead", locked_until: clock.now() })
      .where("id", "=", id)
      .execute();
    const reports = await queue.runOnce({
      handlers: { poison: async () => expect.fail("must not run") },
    });
    expect(reports.map((r) => r.outcome)).toEqual(["failed"]);
    expect((await row(id)).last_error).toMatch(/gave up after 2 attempts/);
  });

  it("never runs one job twice when two workers on two connections race", async () => {
    const clock = new ManualClock();
    const a = createJobQueue({ db: t.db, nodeId: "a", clock });
    const b = createJobQueue({ db: other.db, nodeId: "b", clock });
    const ids = await Promise.all(Array.from({ length: 60 }, (_, i) => a.enqueue({ job: "count", payload: i })));
    const runs = new Map<string, string[]>();
    const handlers = (node: string) => ({
      count: async (_: unknown, ctx: { id: string }) => {
        runs.set(ctx.id, [...(runs.get(ctx.id) ?? []), node]);
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const drain = async (queue: typeof a, node: string) => {
      while ((await queue.runOnce({ handlers: handlers(node), limit: 4 })).length > 0);
    };
    // Two claim loops per node, so claims overlap within and across connections.
    await Promise.all([drain(a, "a"), drain(b, "b"), drain(a, "a"), drain(b, "b")]);
    expect(runs.size).toBe(60);
    expect([...runs.values()].every((nodes) => nodes.length === 1)).toBe(true);
    expect(new Set(ids)).toEqual(new Set(runs.keys()));
    const open = await t.db.selectFrom("job_queue").select("id").where("done_at", "is", null).execute();
    expect(open).toEqual([]);
  });

  it("works continuously with bounded concurrency and stops gracefully", async () => {
    const clock = new ManualClock();
    const queue = createJobQueue({ db: t.db, nodeId: "a", clock });
    let active = 0;
    let maxActive = 0;
    const done: number[] = [];
    const worker = queue.work({
      concurrency: 3,
      pollMs: 60_000, // polling only happens through wake() and finished jobs in this test
      handlers: {
        job: async (payload) => {
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((resolve) => setImmediate(resolve));
          active--;
          done.push(payload as number);
        },
      },
    });
    for (let i = 0; i < 10; i++) await queue.enqueue({ job: "job", payload: i });
    worker.wake();
    await waitUntil(() => done.length === 10);
    await worker.stop();
    expect(done.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(maxActive).toBeLessThanOrEqual(3);
  });

  it("purges finished jobs older than the cutoff", async () => {
    const clock = new ManualClock();
    const queue = createJobQueue({ db: t.db, nodeId: "a", clock });
    await queue.enqueue({ job: "x", payload: null });
    await queue.runOnce({ handlers: { x: async () => undefined } });
    const pending = await queue.enqueue({
      job: "x",
      payload: null,
      runAt: clock.now() + 100 * MINUTE,
    });
    clock.advance(10 * MINUTE);
    expect(await queue.purge(20 * MINUTE)).toBe(0);
    expect(await queue.purge(5 * MINUTE)).toBe(1);
    expect((await t.db.selectFrom("job_queue").select("id").execute()).map((r) => r.id)).toEqual([pending]);
  });
});

/**
 * Waits for a condition that other async work (database round trips) will
 * make true. The deadline only turns a hang into a failure; it is not a
 * timing assumption.
 */
async function waitUntil(predicate: () => boolean, deadlineMs = 15_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
