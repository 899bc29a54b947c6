// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { connect, type DbHandle } from "../../src/infra/db/connect";
import type { DialectName } from "../../src/infra/db/dialect";
import { migrateToLatest } from "../../src/infra/db/migrate";

/**
 * Real databases for integration tests. PostgreSQL and Redis are part of the
 * test environment: when they are missing the tests FAIL with a clear
 * message; they never skip silently.
 */
export const PG_ADMIN_URL = process.env.OBHUT_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const REDIS_TEST_URL = process.env.OBHUT_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export const DIALECTS: DialectName[] = ["sqlite", "postgres"];

export function tempDir(prefix = "obhut-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Creates an empty PostgreSQL database for one test file and returns its URL. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `obhut_t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL} (set OBHUT_TEST_DATABASE_URL). ` +
        `Integration tests need it; start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start. ` +
        `Cause: ${(err as Error).message}`,
    );
  }
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

export interface TestDb extends DbHandle {
  dataDir: string;
  databaseUrl?: string;
  /** Closes the connection and removes the database / temp folder. */
  destroy(): Promise<void>;
}

/** A migrated, empty database of the given dialect. */
export async function createTestDb(dialect: DialectName, options: { migrate?: boolean } = {}): Promise<TestDb> {
  const dataDir = tempDir();
  let databaseUrl: string | undefined;
  let drop = async () => undefined as void;
  if (dialect === "postgres") {
    const created = await createPgDatabase();
    databaseUrl = created.url;
    drop = created.drop;
  }
  const handle = connect({ databaseUrl, dataDir });
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return {
    ...handle,
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    destroy: async () => {
      await handle.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
