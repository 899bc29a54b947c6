// SPDX-License-Identifier: AGPL-3.0-or-later
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import WebSocket from "ws";
import { connect, type DbHandle } from "../src/infra/db/connect";
import { hashToken } from "../src/modules/identity/session";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const OBHUT_BIN = path.join(ROOT, "packages/server/bin/obhut.js");

export interface BenchServer {
  /** The first node's address. */
  url: string;
  /** Every node's address (one unless `--nodes N` with PostgreSQL + Redis). */
  urls: string[];
  /** Node `i mod N`: workloads spread their clients round-robin, so neighbours talk across nodes. */
  urlFor(index: number): string;
  /** Process ids of the nodes (RSS is read per node). */
  pids: number[];
  pid: number;
  db: DbHandle;
  /** The first node's data folder (its secrets.json: the notices workload seals addresses with its key). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  pg: boolean;
  pgAdminUrl: string;
  redisUrl: string;
  /** Server processes sharing the database and Redis (PostgreSQL only). */
  nodes: number;
  /** More environment for the servers (the notices workload: its SMTP server). */
  env?: Record<string, string>;
}

/**
 * Real `obhut serve` processes on loopback (SQLite, or PostgreSQL + Redis
 * with one or more nodes sharing database and Redis) plus a direct database
 * handle for seeding.
 */
export async function startBenchServer(options: ServerOptions): Promise<BenchServer> {
  if (options.nodes > 1 && !options.pg) throw new Error("several nodes need PostgreSQL + Redis (--pg)");
  const dataDirs: string[] = [];
  const newDataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obhut-bench-"));
    dataDirs.push(dir);
    return dir;
  };
  let dropPg: (() => Promise<void>) | undefined;
  const env: Record<string, string> = {
    OBHUT_RATE_LIMITS: "api=100000000,public=100000000",
    OBHUT_LOG_LEVEL: "warn",
    ...options.env,
  };
  if (options.pg) {
    const name = `obhut_bench_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: options.pgAdminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(options.pgAdminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    env.REDIS_URL = options.redisUrl;
    dropPg = async () => {
      const c = new pg.Client({ connectionString: options.pgAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  // OBHUT_BENCH_PROFILE=<dir> writes a V8 CPU profile of the server (open it in Chrome DevTools).
  const profile = process.env.OBHUT_BENCH_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.OBHUT_BENCH_PROFILE}`]
    : [];
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  const cleanUp = async () => {
    await Promise.all(
      children.map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGTERM");
        return new Promise((r) => child.once("exit", r));
      }),
    );
    await dropPg?.();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  };
  // One after the other: the first node runs the migrations, the others find them done.
  try {
    for (let i = 0; i < Math.max(1, options.nodes); i++) {
      const dataDir = newDataDir();
      // Scale-out nodes share the instance secrets (OPERATIONS.md): copy the first node's file.
      if (i > 0) fs.copyFileSync(path.join(dataDirs[0]!, "secrets.json"), path.join(dataDir, "secrets.json"));
      const child = spawn(
        process.execPath,
        [...profile, OBHUT_BIN, "serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir],
        {
          cwd: ROOT,
          env: { ...process.env, ...env },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      children.push(child);
      // OBHUT_BENCH_SERVER_LOG=<file> keeps what the servers print (warnings, errors) for a look after the run.
      if (process.env.OBHUT_BENCH_SERVER_LOG) {
        const log = fs.createWriteStream(process.env.OBHUT_BENCH_SERVER_LOG, { flags: "a" });
        child.stdout!.pipe(log);
        child.stderr!.pipe(log);
      }
      urls.push(await waitForUrl(child));
    }
  } catch (err) {
    await cleanUp();
    throw err;
  }
  const db = connect({ databaseUrl: env.DATABASE_URL, dataDir: dataDirs[0]!, poolSize: 4 });
  return {
    url: urls[0]!,
    urls,
    urlFor: (index) => urls[index % urls.length]!,
    pids: children.map((c) => c.pid!),
    pid: children[0]!.pid!,
    db,
    dataDir: dataDirs[0]!,
    stop: async () => {
      await db.close();
      await cleanUp();
    },
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Obhut is running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

export interface BenchUser {
  id: string;
  cookie: string;
}

/** Staff accounts with sessions, written straight into the database (login speed is not what we measure). */
export async function seedUsers(db: DbHandle, count: number): Promise<{ org: string; users: BenchUser[] }> {
  const now = Date.now();
  const org = `org-${crypto.randomBytes(6).toString("hex")}`;
  await db.db
    .insertInto("organisations")
    .values({ id: org, name: "Bench", root_public_key: null, created_at: now })
    .execute();
  const users: BenchUser[] = [];
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, () => {
      const token = crypto.randomBytes(32).toString("base64url");
      return { id: `u-${crypto.randomBytes(8).toString("hex")}`, token };
    });
    await db.db
      .insertInto("accounts")
      .values(
        batch.map((u) => ({
          id: u.id,
          organisation_id: org,
          username: u.id,
          kind: "staff" as const,
          role: "staff",
          opaque_record: "-",
          key_bundle: "{}",
          created_at: now,
          disabled_at: null,
        })),
      )
      .execute();
    await db.db
      .insertInto("sessions")
      .values(
        batch.map((u) => ({
          id: crypto.randomBytes(12).toString("base64url"),
          account_id: u.id,
          token_hash: hashToken(u.token),
          created_at: now,
          last_seen_at: now,
          expires_at: now + 12 * 3600_000,
          revoked_at: null,
        })),
      )
      .execute();
    for (const u of batch) users.push({ id: u.id, cookie: `obhut_session=${u.token}` });
  }
  return { org, users };
}

/** A conversation with the given members (first is owner). */
export async function seedConversation(
  db: DbHandle,
  org: string,
  kind: "direct" | "team",
  members: BenchUser[],
): Promise<string> {
  const id = `c-${crypto.randomBytes(8).toString("hex")}`;
  const now = Date.now();
  await db.db
    .insertInto("conversations")
    .values({ id, organisation_id: org, kind, created_by: members[0]!.id, created_at: now })
    .execute();
  for (let i = 0; i < members.length; i += 500) {
    await db.db
      .insertInto("conversation_members")
      .values(
        members.slice(i, i + 500).map((m, j) => ({
          conversation_id: id,
          account_id: m.id,
          role: i + j === 0 ? ("owner" as const) : ("member" as const),
          joined_at: now,
          left_at: null,
        })),
      )
      .execute();
  }
  return id;
}

/** Opens an authenticated socket and resolves after `hello`. */
export function openWs(url: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, "ws") + "/ws", { headers: { cookie }, perMessageDeflate: false });
    ws.once("message", () => resolve(ws));
    ws.once("error", reject);
    ws.once("close", (code) => reject(new Error(`closed ${code}`)));
  });
}

/** Envelope bytes carrying a message number in the first 8 bytes, so the receiver can measure latency. */
export function envelopeFor(n: number, size: number): string {
  const b = Buffer.alloc(size, 0x5a);
  b.writeDoubleBE(n, 0);
  return b.toString("base64url");
}

export function numberOf(envelope: string): number {
  return Buffer.from(envelope.slice(0, 12), "base64url").readDoubleBE(0);
}

export async function runInBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}
