// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import { Writable } from "node:stream";
import { loadConfig } from "../../src/infra/config/config";
import type { Clock } from "../../src/core/context";
import type { DialectName } from "../../src/infra/db/dialect";
import { startServer, type RunningServer } from "../../src/app/server";
import { createPgDatabase, REDIS_TEST_URL, tempDir } from "./databases";

export interface TestServer extends RunningServer {
  dataDir: string;
  databaseUrl: string | undefined;
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  /** Raw log text, for grepping. */
  logText(): string;
  printed: string[];
  stop(): Promise<void>;
}

export interface TestServerOptions {
  dialect?: DialectName;
  redis?: boolean;
  clock?: Clock;
  env?: Record<string, string>;
  /** Reuse an existing database / data folder (second node, restart). */
  dataDir?: string;
  databaseUrl?: string;
  publicUrl?: string;
}

/** A real Obhut server in this process, on a random free port, with its logs captured. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dialect = options.dialect ?? "sqlite";
  const dataDir = options.dataDir ?? tempDir();
  let databaseUrl = options.databaseUrl;
  let drop: (() => Promise<void>) | undefined;
  if (dialect === "postgres" && !databaseUrl) {
    const created = await createPgDatabase();
    databaseUrl = created.url;
    drop = created.drop;
  }
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      raw.push(chunk.toString("utf8"));
      cb();
    },
  });
  const printed: string[] = [];
  const config = loadConfig(
    {
      dataDir,
      host: "127.0.0.1",
      port: "0",
      databaseUrl,
      redisUrl: options.redis ? REDIS_TEST_URL : undefined,
      logLevel: "info",
      publicUrl: options.publicUrl,
      shutdownTimeoutMs: "2000",
    },
    options.env ?? {},
  );
  const server = await startServer({
    config,
    logDestination: destination,
    print: (line) => printed.push(line),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  // Jobs that the moved clock made due run at once, as they would when their time comes, instead of at the
  // queue's next look (every five seconds): a test waits for what the server does, not for a poll.
  const clock = options.clock as Partial<ManualClock> | undefined;
  const unwatch = clock?.onMove?.(() => server.ctx.jobs.wake());
  return {
    ...server,
    dataDir,
    databaseUrl,
    printed,
    get logs() {
      return raw
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    logText: () => raw.join(""),
    stop: async () => {
      unwatch?.();
      await server.close();
      await drop?.();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A manually advanced clock for deterministic time-dependent tests. */
export function manualClock(start = Date.UTC(2026, 10, 22, 12, 0, 0)): ManualClock {
  let now = start;
  const listeners = new Set<() => void>();
  const moved = () => {
    for (const listener of listeners) listener();
  };
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
      moved();
    },
    set: (ms) => {
      now = ms;
      moved();
    },
    onMove: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ManualClock = Clock & {
  advance(ms: number): void;
  set(ms: number): void;
  /** Called after each move; returns a function that stops it. */
  onMove(listener: () => void): () => void;
};

/** `Send` over Fastify's in-process injection (no sockets), capturing bodies if asked. */
let clientCounter = 0;

export function injectSend(
  server: RunningServer,
  options: { cookie?: () => string | undefined; capture?: string[] } = {},
) {
  // Each test client gets its own address so per-client rate limits of one test don't leak into another.
  clientCounter += 1;
  const remoteAddress = `10.77.${(clientCounter >> 8) % 256}.${clientCounter % 256}`;
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) options.capture?.push(payload);
    const cookie = options.cookie?.();
    const res = await server.app.inject({
      method: method as "GET",
      url: path,
      remoteAddress,
      ...(payload !== undefined
        ? { payload, headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}), ...headers } }
        : { headers: { ...(cookie ? { cookie } : {}), ...headers } }),
    });
    let parsed: unknown = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      /* not JSON */
    }
    return {
      status: res.statusCode,
      body: parsed,
      headers: res.headers as Record<string, string | string[] | undefined>,
    };
  };
}
