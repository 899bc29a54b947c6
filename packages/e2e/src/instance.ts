// SPDX-License-Identifier: AGPL-3.0-or-later
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { REPO_ROOT } from "./stack";

/**
 * What the operator does beside a running stack: the `obhut` command line
 * against the same storage (data folder and, for PostgreSQL, DATABASE_URL),
 * a fresh PostgreSQL database per instance, and direct SQL on either dialect
 * for what a test must arrange (moving time) or prove (rows gone).
 */

export const PG_ADMIN_URL = process.env.OBHUT_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type DialectName = "sqlite" | "postgres";

/** Where an instance keeps its data: always a data folder, plus a database URL on PostgreSQL. */
export interface Storage {
  dataDir: string;
  databaseUrl?: string;
}

/** Environment for `obhut serve` / the CLI on this storage (the data folder goes as --data-dir). */
export function storageEnv(storage: Pick<Storage, "databaseUrl">): Record<string, string> {
  return storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {};
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `obhut <args> --data-dir <dir>` to its end; throws with its output when it fails. */
export async function runObhut(storage: Storage, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = spawn(process.execPath, ["packages/server/bin/obhut.js", ...args, "--data-dir", storage.dataDir], {
    cwd: REPO_ROOT,
    // DATABASE_URL only when asked for: an inherited one must not turn a SQLite run into PostgreSQL.
    env: { ...withoutDatabaseUrl(process.env), ...storageEnv(storage), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`obhut ${args.join(" ")} exited with ${code}\n${stdout}\n${stderr}`);
  return { code, stdout, stderr };
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k !== "DATABASE_URL" && v !== undefined) out[k] = v;
  return out;
}

/** An empty PostgreSQL database; `drop` removes it (even with connections left open). */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import("pg");
  const name = `obhut_e2e_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Direct SQL on an instance's database; `?` placeholders on both dialects. */
export interface Sql {
  all<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  run(query: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export async function openSql(storage: Storage): Promise<Sql> {
  if (storage.databaseUrl) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: storage.databaseUrl });
    await client.connect();
    const numbered = (q: string) => {
      let n = 0;
      return q.replace(/\?/g, () => `$${++n}`);
    };
    return {
      all: async <T>(q: string, p: unknown[] = []) => (await client.query(numbered(q), p)).rows as T[],
      run: async (q, p = []) => void (await client.query(numbered(q), p)),
      close: () => client.end(),
    };
  }
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(storage.dataDir, "obhut.sqlite"));
  db.pragma("busy_timeout = 5000");
  return {
    all: <T>(q: string, p: unknown[] = []) => Promise.resolve(db.prepare(q).all(...p) as T[]),
    run: (q, p = []) => Promise.resolve(void db.prepare(q).run(...p)),
    close: () => Promise.resolve(void db.close()),
  };
}
