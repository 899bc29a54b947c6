// SPDX-License-Identifier: AGPL-3.0-or-later
import os from "node:os";
import { parseArgs } from "node:util";
import { startXmppServer, XMPP_SERVERS, type XmppServer, type XmppServerKind } from "./servers";
import { runXmppCatchup, runXmppDirect, runXmppFanout, runXmppHistory, runXmppIdle } from "./workloads";

const WORKLOADS = ["direct", "fanout", "idle", "catchup", "history"] as const;

const HELP = `npm run bench:xmpp -- --server prosody|ejabberd [options]
Runs the workloads of \`npm run bench\` against Prosody or ejabberd (Debian packages, MAM in SQLite),
started as a child process with its own config in a temp dir on a free loopback port, and prints JSON.
Needs: apt-get install -y prosody lua-dbi-sqlite3 ejabberd erlang-p1-sqlite3
  --server NAME             ${XMPP_SERVERS.join(" | ")} (required)
  --quick                   small settings for a smoke run (~1 minute)
  --journal wal|default     SQLite journal: wal (default, as Obhut: WAL + synchronous=FULL) or the
                            server's own default (rollback journal, synchronous=FULL)
  --workloads LIST          ${WORKLOADS.join(",")} (default: all)
  --users N                 direct: connected users, in pairs (default 200)
  --rates LIST              direct: offered msg/s steps (default 500,1000,2000)
  --sizes LIST              direct: body bytes (default 300,1024)
  --step-seconds N          direct: seconds per step (default 3)
  --fanout-members LIST     fanout: room sizes (default 200,1000)
  --fanout-messages N       fanout: messages per room (default 50)
  --fanout-rate N           fanout: msg/s of the sender (default 50)
  --idle N                  idle: c2s streams (default 2000)
  --missed N                catchup: missed messages (default 1000)
  --mam-page N              catchup: MAM page size (default 250, ejabberd's maximum)
  --history-rows N          history: messages in the archive (default 200000)
  --history-requests N      history: measured requests (default 200)`;

const QUICK: Record<string, string> = {
  users: "20",
  rates: "200",
  sizes: "300",
  "step-seconds": "2",
  "fanout-members": "20",
  "fanout-messages": "20",
  idle: "100",
  missed: "200",
  "history-rows": "2000",
  "history-requests": "20",
};

const list = (s: string) => s.split(",").map((x) => Number(x.trim()));

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      server: { type: "string" },
      quick: { type: "boolean", default: false },
      journal: { type: "string", default: "wal" },
      help: { type: "boolean", default: false },
      workloads: { type: "string", default: WORKLOADS.join(",") },
      users: { type: "string" },
      rates: { type: "string" },
      sizes: { type: "string" },
      "step-seconds": { type: "string" },
      "fanout-members": { type: "string" },
      "fanout-messages": { type: "string" },
      "fanout-rate": { type: "string" },
      idle: { type: "string" },
      missed: { type: "string" },
      "mam-page": { type: "string" },
      "history-rows": { type: "string" },
      "history-requests": { type: "string" },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const kind = values.server as XmppServerKind | undefined;
  if (!kind || !(XMPP_SERVERS as readonly string[]).includes(kind)) {
    process.stderr.write(`--server must be one of ${XMPP_SERVERS.join(", ")}\n${HELP}\n`);
    return 2;
  }
  const journal = values.journal === "default" ? "default" : "wal";
  const selected = values.workloads.split(",").map((w) => w.trim());
  const unknown = selected.filter((w) => !(WORKLOADS as readonly string[]).includes(w));
  if (unknown.length) {
    process.stderr.write(`unknown workload(s): ${unknown.join(", ")}\n${HELP}\n`);
    return 2;
  }
  const defaults: Record<string, string> = {
    users: "200",
    rates: "500,1000,2000",
    sizes: "300,1024",
    "step-seconds": "3",
    "fanout-members": "200,1000",
    "fanout-messages": "50",
    "fanout-rate": "50",
    idle: "2000",
    missed: "1000",
    "mam-page": "250",
    "history-rows": "200000",
    "history-requests": "200",
    ...(values.quick ? QUICK : {}),
  };
  const opt = (name: string): string =>
    ((values as Record<string, unknown>)[name] as string | undefined) ?? defaults[name]!;
  const results: Record<string, unknown> = {};
  let version = "unknown";
  // A fresh server (and temp dir) per workload, as in `npm run bench`.
  const withServer = async <T>(name: string, fn: (s: XmppServer) => Promise<T>) => {
    process.stderr.write(`== ${kind} ${name}\n`);
    const server = await startXmppServer(kind, { journal });
    version = server.version;
    try {
      return await fn(server);
    } catch (e) {
      // One workload failing (a server refusing connections, say) should not lose the others' figures.
      process.stderr.write(`${kind} ${name} failed: ${(e as Error).stack ?? String(e)}\n`);
      return { error: String(e) };
    } finally {
      await server.stop();
    }
  };
  const started = Date.now();
  if (selected.includes("direct")) {
    results.direct = await withServer("direct", (s) =>
      runXmppDirect(s, {
        users: Number(opt("users")),
        rates: list(opt("rates")),
        sizes: list(opt("sizes")),
        stepSeconds: Number(opt("step-seconds")),
      }),
    );
  }
  if (selected.includes("fanout")) {
    const rooms = [];
    for (const members of list(opt("fanout-members"))) {
      rooms.push(
        await withServer(`fanout ${members}`, (s) =>
          runXmppFanout(s, {
            members,
            messages: Number(opt("fanout-messages")),
            rate: Number(opt("fanout-rate")),
          }),
        ),
      );
    }
    results.fanout = rooms;
  }
  if (selected.includes("idle"))
    results.idle = await withServer("idle", (s) => runXmppIdle(s, { connections: Number(opt("idle")) }));
  if (selected.includes("catchup")) {
    results.catchup = await withServer("catchup", (s) =>
      runXmppCatchup(s, { missed: Number(opt("missed")), rounds: 5, pageSize: Number(opt("mam-page")) }),
    );
  }
  if (selected.includes("history")) {
    results.history = await withServer("history", (s) =>
      runXmppHistory(s, { rows: Number(opt("history-rows")), requests: Number(opt("history-requests")) }),
    );
  }
  const output = {
    benchmark: "xmpp-messaging",
    server: kind,
    serverVersion: version,
    storage: `sqlite (MAM and accounts), journal ${journal === "wal" ? "WAL" : "server default"}, synchronous=FULL`,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 10) / 10),
    },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    results,
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
}
