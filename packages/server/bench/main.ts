// SPDX-License-Identifier: AGPL-3.0-or-later
import os from "node:os";
import { parseArgs } from "node:util";
import { runDirect } from "./direct";
import { runFanout, runIdle } from "./groups";
import { startBenchServer, type BenchServer } from "./harness";
import { runCatchup, runHistory } from "./sync";
import { runFsync, runRelay } from "./ceilings";
import { runNotices } from "./notices";

const WORKLOADS = ["direct", "fanout", "idle", "catchup", "history", "relay", "fsync", "notices"] as const;
/** The ceilings (issue #18) and the notice burst (issue #17) run only when asked for: `--workloads notices`. */
const DEFAULT_WORKLOADS = ["direct", "fanout", "idle", "catchup", "history"];

const HELP = `npm run bench -- [options]
Runs bounded messaging workloads against a real server on loopback and prints JSON.
  --pg                      PostgreSQL + Redis instead of SQLite (OBHUT_TEST_DATABASE_URL, OBHUT_TEST_REDIS_URL)
  --nodes N                 with --pg: N server processes sharing database and Redis; clients spread round-robin (default 1)
  --workloads LIST          ${WORKLOADS.join(",")} (default: ${DEFAULT_WORKLOADS.join(",")});
                            relay and fsync are ceilings: a bare ws relay with direct's generator, and
                            batched SQLite commits (WAL, synchronous=FULL) of envelope-sized rows
  --users N                 direct: connected users, in pairs (default 200)
  --rates LIST              direct: offered msg/s steps (default 500,1000,2000)
  --sizes LIST              direct: envelope bytes (default 300,1024)
  --step-seconds N          direct: seconds per step (default 3)
  --fanout-members LIST     fanout: group sizes (default 200,1000)
  --fanout-messages N       fanout: messages per group (default 50)
  --fanout-rate N           fanout: msg/s of the sender (default 50)
  --idle N                  idle: sockets (default 2000)
  --missed N                catchup: missed messages (default 1000)
  --history-rows N          history: messages in the table (default 200000)
  --history-requests N      history: measured requests (default 200)
  --notice-recipients N     notices: one event's recipients, each with a confirmed address (default 10000);
                            queued in one transaction, drained by the server's queue to a real SMTP server
                            process while a direct-messaging probe runs (before and during the drain)
  --notice-probe-rate N     notices: the probe's msg/s over 20 users (default 100)
  --notice-drain-timeout N  notices: seconds to wait for the drain (default 600)`;

const list = (s: string) => s.split(",").map((x) => Number(x.trim()));

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      pg: { type: "boolean", default: false },
      nodes: { type: "string", default: "1" },
      help: { type: "boolean", default: false },
      workloads: { type: "string", default: DEFAULT_WORKLOADS.join(",") },
      users: { type: "string", default: "200" },
      rates: { type: "string", default: "500,1000,2000" },
      sizes: { type: "string", default: "300,1024" },
      "step-seconds": { type: "string", default: "3" },
      "fanout-members": { type: "string", default: "200,1000" },
      "fanout-messages": { type: "string", default: "50" },
      "fanout-rate": { type: "string", default: "50" },
      idle: { type: "string", default: "2000" },
      missed: { type: "string", default: "1000" },
      "history-rows": { type: "string", default: "200000" },
      "history-requests": { type: "string", default: "200" },
      "notice-recipients": { type: "string", default: "10000" },
      "notice-probe-rate": { type: "string", default: "100" },
      "notice-drain-timeout": { type: "string", default: "600" },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const selected = values.workloads.split(",").map((w) => w.trim());
  const unknown = selected.filter((w) => !(WORKLOADS as readonly string[]).includes(w));
  if (unknown.length) {
    process.stderr.write(`unknown workload(s): ${unknown.join(", ")}\n${HELP}\n`);
    return 2;
  }
  const nodes = Number(values.nodes);
  if (!Number.isInteger(nodes) || nodes < 1 || (nodes > 1 && !values.pg)) {
    process.stderr.write(`--nodes must be a whole number ≥ 1, and more than 1 needs --pg\n${HELP}\n`);
    return 2;
  }
  const serverOptions = {
    pg: values.pg,
    nodes,
    pgAdminUrl: process.env.OBHUT_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
    redisUrl: process.env.OBHUT_TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
  };
  const results: Record<string, unknown> = {};
  // A fresh server per workload: one workload's tables and sockets never skew the next one's figures.
  const withServer = async <T>(name: string, fn: (s: BenchServer) => Promise<T>) => {
    process.stderr.write(`== ${name}\n`);
    const server = await startBenchServer(serverOptions);
    try {
      return await fn(server);
    } finally {
      await server.stop();
    }
  };
  const started = Date.now();
  const directOptions = {
    users: Number(values.users),
    rates: list(values.rates),
    sizes: list(values.sizes),
    stepSeconds: Number(values["step-seconds"]),
  };
  if (selected.includes("direct")) results.direct = await withServer("direct", (s) => runDirect(s, directOptions));
  if (selected.includes("relay")) {
    process.stderr.write("== relay (ceiling)\n");
    results.relay = await runRelay(directOptions);
  }
  if (selected.includes("fsync")) {
    process.stderr.write("== fsync (ceiling)\n");
    results.fsync = await runFsync({ sizes: directOptions.sizes, seconds: Number(values["step-seconds"]), batch: 256 });
  }
  if (selected.includes("fanout")) {
    const groups = [];
    for (const members of list(values["fanout-members"])) {
      groups.push(
        await withServer(`fanout ${members}`, (s) =>
          runFanout(s, { members, messages: Number(values["fanout-messages"]), rate: Number(values["fanout-rate"]) }),
        ),
      );
    }
    results.fanout = groups;
  }
  if (selected.includes("idle"))
    results.idle = await withServer("idle", (s) => runIdle(s, { connections: Number(values.idle) }));
  if (selected.includes("catchup"))
    results.catchup = await withServer("catchup", (s) => runCatchup(s, { missed: Number(values.missed), rounds: 5 }));
  if (selected.includes("history")) {
    results.history = await withServer("history", (s) =>
      runHistory(s, { rows: Number(values["history-rows"]), requests: Number(values["history-requests"]) }),
    );
  }
  if (selected.includes("notices")) {
    process.stderr.write("== notices\n");
    results.notices = await runNotices(serverOptions, {
      recipients: Number(values["notice-recipients"]),
      probeUsers: 20,
      probeRate: Number(values["notice-probe-rate"]),
      probeSeconds: 3,
      drainTimeoutSeconds: Number(values["notice-drain-timeout"]),
    });
  }
  const output = {
    benchmark: "obhut-messaging",
    database: values.pg ? "postgresql+redis" : "sqlite",
    nodes,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    results,
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
}
