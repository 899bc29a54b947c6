// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * `npm run bench` end to end with tiny workloads, so the command the docs
 * quote keeps working: every workload prints its JSON, and the delivery
 * figures are exact (nothing lost or duplicated) on SQLite and on two
 * PostgreSQL + Redis nodes. Timing figures are printed, never asserted.
 */
const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/bench.js");
const TINY = [
  "--users", "20", "--rates", "100", "--sizes", "300", "--step-seconds", "1",
  "--fanout-members", "20", "--fanout-messages", "5", "--idle", "40", "--missed", "50",
  "--history-rows", "1000", "--history-requests", "10",
]; // prettier-ignore

interface Step {
  sent: number;
  acked: number;
  refusedBusy: number;
  delivered: number;
  lost: number;
  duplicated: number;
  errors: number;
}

interface BenchJson {
  benchmark: string;
  database: string;
  nodes: number;
  results: {
    direct: { nodes: number; steps: Step[] };
    fanout: { nodes: number; deliveries: number; expectedDeliveries: number }[];
    idle: { nodes: number; connections: number };
    catchup: { nodes: number; rounds: number; subscribeToCaughtUpMs: { count: number } };
    history: { nodes: number; latest50BigMs: { count: number }; latest50SmallMs: { count: number } };
    relay?: { steps: Step[] };
    fsync?: { steps: { rowsPerSec: number; commitsPerSec: number }[] };
  };
}

async function bench(args: string[]): Promise<BenchJson> {
  const { stdout } = await promisify(execFile)(process.execPath, [BENCH, ...args, ...TINY], {
    env: { ...process.env, OBHUT_BENCH_PROFILE: "" },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 240_000,
  });
  return JSON.parse(stdout) as BenchJson;
}

function expectExact(out: BenchJson, nodes: number): void {
  expect(out.benchmark).toBe("obhut-messaging");
  expect(out.nodes).toBe(nodes);
  const r = out.results;
  for (const w of [r.direct, ...r.fanout, r.idle, r.catchup, r.history]) expect(w.nodes).toBe(nodes);
  expect(r.direct.steps).toHaveLength(1);
  for (const step of r.direct.steps) {
    expect(step.sent).toBeGreaterThan(0);
    // Every send is accounted for: stored and delivered once, or refused as too busy (ADR 0039) and not stored.
    expect(step.acked).toBeGreaterThan(0);
    expect(step.acked + step.refusedBusy).toBe(step.sent);
    expect(step).toMatchObject({ delivered: step.acked, lost: 0, duplicated: 0, errors: 0 });
  }
  for (const f of r.fanout) expect(f.deliveries).toBe(f.expectedDeliveries);
  expect(r.idle.connections).toBe(40);
  expect(r.catchup.subscribeToCaughtUpMs.count).toBe(r.catchup.rounds);
  expect(r.history.latest50BigMs.count).toBe(10);
  expect(r.history.latest50SmallMs.count).toBe(10);
}

describe("npm run bench (tiny workloads)", () => {
  it("SQLite: prints every workload with exact delivery figures, and the two ceilings", async () => {
    const out = await bench(["--workloads", "direct,fanout,idle,catchup,history,relay,fsync"]);
    expect(out.database).toBe("sqlite");
    expectExact(out, 1);
    // The bare relay stores nothing and refuses nothing: everything sent is acknowledged and delivered once.
    const relay = out.results.relay!.steps[0]!;
    expect(relay.sent).toBeGreaterThan(0);
    expect(relay).toMatchObject({ acked: relay.sent, delivered: relay.sent, lost: 0, duplicated: 0, errors: 0 });
    expect(out.results.fsync!.steps[0]!.commitsPerSec).toBeGreaterThan(0);
  }, 300_000);

  it("PostgreSQL + Redis, two nodes: partners and group members sit on different nodes", async () => {
    const out = await bench(["--pg", "--nodes", "2"]);
    expect(out.database).toBe("postgresql+redis");
    expectExact(out, 2);
  }, 300_000);

  it("refuses several nodes without PostgreSQL", async () => {
    await expect(bench(["--nodes", "2"])).rejects.toMatchObject({ code: 2 });
  });
});
