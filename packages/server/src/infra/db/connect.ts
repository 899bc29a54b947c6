// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from "kysely";
import pg from "pg";
import { sqliteFile } from "../data-dir";
import type { DialectName } from "./dialect";
import type { Database } from "./schema";

// PostgreSQL returns int8 as string by default; our bigints are epoch
// milliseconds and counters, all far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export interface DbHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Throws if the database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Present in SQLite mode: the raw connection, for online backups. */
  sqlite?: SQLite.Database;
}

export interface ConnectOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Called for every query with its duration; feeds the metrics histogram. */
  onQuery?: (durationMs: number, failed: boolean) => void;
  poolSize?: number;
}

export { sqliteFile };

export function openSqlite(file: string): SQLite.Database {
  // Create the file ourselves with 0600 (an empty file is a valid empty
  // database); SQLite gives its -wal and -shm files the same permissions.
  if (!fs.existsSync(file)) fs.writeFileSync(file, "", { mode: 0o600, flag: "wx" });
  const conn = new SQLite(file);
  // WAL for concurrent readers; synchronous=FULL so that a write the server
  // acknowledged survives a crash or power loss (NORMAL would risk the
  // last transactions in WAL mode).
  conn.pragma("journal_mode = WAL");
  conn.pragma("synchronous = FULL");
  conn.pragma("foreign_keys = ON");
  conn.pragma("busy_timeout = 5000");
  return conn;
}

/** Prepared statements kept per SQL text (least recently used go first). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; on the request path
 * that `prepare` was a tenth of the server's CPU (docs/PERFORMANCE.md).
 * Statements are reusable, and Kysely runs one query at a time on the one
 * connection, so the same SQL text can share one statement. SQLite
 * re-prepares a cached statement itself after a schema change.
 */
export function withStatementCache(conn: SQLite.Database, size = STATEMENT_CACHE_SIZE) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => conn.close(),
    prepare: (text: string): SQLite.Statement => {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = conn.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

export function connect(options: ConnectOptions): DbHandle {
  const log = options.onQuery
    ? (event: LogEvent) => options.onQuery?.(event.queryDurationMillis, event.level === "error")
    : undefined;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client that errors (e.g. the server restarts) must not crash the process.
    pool.on("error", () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
    return {
      db,
      dialect: "postgres",
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: () => db.destroy(),
    };
  }
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const conn = openSqlite(sqliteFile(options.dataDir));
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(conn) }),
    ...(log ? { log } : {}),
  });
  return {
    db,
    dialect: "sqlite",
    sqlite: conn,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
