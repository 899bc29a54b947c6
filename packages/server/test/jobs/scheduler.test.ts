// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/infra/db/connect";
import { createScheduler, type JobRunStatus, type Scheduler } from "../../src/infra/jobs/scheduler";
import { createTestDb, DIALECTS, type TestDb } from "../helpers/databases";
import { gate, ManualClock, secondConnection } from "./support";

const HOUR = 60 * 60 * 1000;

describe.each(DIALECTS)("scheduler on %s", (dialect) => {
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

  /** Two nodes with their own connections, the same clock and the same job. */
  function twoNodes(name: string, run: () => Promise<unknown>) {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 3, 0, 0));
    const runs: { job: string; status: JobRunStatus }[] = [];
    const nodes: Scheduler[] = [t, other].map((handle, i) => {
      const s = createScheduler({
        db: handle.db,
        nodeId: `node-${i}`,
        clock,
        onRun: (job, status) => runs.push({ job, status }),
      });
      s.register({ name, intervalMs: HOUR, run });
      return s;
    });
    return { clock, runs, nodes };
  }

  const rowsOf = (job: string) =>
    t.db.selectFrom("job_runs").selectAll().where("job", "=", job).orderBy("slot").execute();

  it("runs a job exactly once per slot across two nodes", async () => {
    let count = 0;
    const { clock, runs, nodes } = twoNodes("exactly-once", async () => ({
      removed: ++count,
    }));
    await Promise.all(nodes.map((n) => n.tick()));
    await Promise.all(nodes.map((n) => n.tick())); // same slot again: nothing
    expect(count).toBe(1);

    clock.advance(HOUR - 1); // still the same slot
    await Promise.all(nodes.map((n) => n.tick()));
    expect(count).toBe(1);

    clock.advance(1); // next slot
    await Promise.all(nodes.map((n) => n.tick()));
    expect(count).toBe(2);
    expect(runs).toEqual([
      { job: "exactly-once", status: "succeeded" },
      { job: "exactly-once", status: "succeeded" },
    ]);

    const rows = await rowsOf("exactly-once");
    expect(rows.map((r) => [r.slot, r.status, r.result])).toEqual([
      ["2026-01-01T03:00:00.000Z", "succeeded", '{"removed":1}'],
      ["2026-01-01T04:00:00.000Z", "succeeded", '{"removed":2}'],
    ]);
    expect(rows.every((r) => r.finished_at !== null && (r.node_id === "node-0" || r.node_id === "node-1"))).toBe(true);
  });

  it("records a failed run with the error message and does not retry it within the slot", async () => {
    let count = 0;
    const { runs, nodes } = twoNodes("failing", async () => {
      count++;
      throw new Error("disk full");
    });
    await Promise.all(nodes.map((n) => n.tick()));
    await Promise.all(nodes.map((n) => n.tick()));
    expect(count).toBe(1);
    expect(runs).toEqual([{ job: "failing", status: "failed" }]);
    const [row] = await rowsOf("failing");
    expect(row?.status).toBe("failed");
    expect(JSON.parse(row?.result ?? "")).toEqual({ error: "disk full" });
  });

  it("does not start a run while its previous one is still going; stop waits for it", async () => {
    const release = gate();
    let started = 0;
    let sawAbort = false;
    const clock = new ManualClock();
    const s = createScheduler({ db: t.db, nodeId: "solo", clock });
    s.register({
      name: "slow",
      intervalMs: 1000,
      run: async ({ signal }) => {
        started++;
        await release.promise;
        sawAbort = signal.aborted;
      },
    });
    const first = s.tick();
    clock.advance(1000);
    const second = s.tick(); // next slot, but the first run has not finished
    const stopped = s.stop();
    let stopDone = false;
    void stopped.then(() => (stopDone = true));
    await Promise.resolve();
    expect(stopDone).toBe(false);
    release.open();
    await Promise.all([first, second, stopped]);
    expect(started).toBe(1);
    expect(sawAbort).toBe(true);
    await s.tick(); // stopped: does nothing
    expect(started).toBe(1);
  });

  it("refuses duplicate names and bad intervals", () => {
    const s = createScheduler({
      db: t.db,
      nodeId: "n",
      clock: new ManualClock(),
    });
    s.register({ name: "a", intervalMs: 1000, run: async () => undefined });
    expect(() => s.register({ name: "a", intervalMs: 1000, run: async () => undefined })).toThrow(/already/);
    expect(() => s.register({ name: "b", intervalMs: 0, run: async () => undefined })).toThrow(/positive/);
  });
});
