// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { secretsFile, sqliteFile } from "../infra/data-dir";
import { CliError } from "./errors";
import { configFromOptions, STORAGE_KEYS, withConfigOptions } from "./options";
import { runningServerPid } from "./serve";

/**
 * A backup is one SQLite file: a consistent online copy of the database
 * (SQLite's backup API, safe while the server runs) plus a table holding the
 * secrets file and every blob. One file is easy to move, and `sqlite3` can
 * inspect it. It contains the instance secrets: store it encrypted.
 */
const FILES_TABLE = "obhut_backup_files";

function progress(label: string, done: number, total: number): void {
  if (!process.stderr.isTTY && done !== total) return;
  const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
  process.stderr.write(`\r${label}: ${pct}% (${done}/${total})${done === total ? "\n" : ""}`);
}

function* walkFiles(root: string): Generator<string> {
  if (!fs.existsSync(root)) return;
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) yield* walkFiles(full);
    else if (entry.isFile() && !entry.name.endsWith(".tmp")) yield full;
  }
}

export async function backup(dataDir: string, target: string): Promise<{ pages: number; files: number }> {
  const dbFile = sqliteFile(dataDir);
  if (!fs.existsSync(dbFile)) throw new CliError(`No Obhut database in ${dataDir}`);
  if (fs.existsSync(target)) throw new CliError(`${target} exists already; choose a new file name`);
  const tmp = `${target}.partial`;
  fs.rmSync(tmp, { force: true });
  const { default: SQLite } = await import("better-sqlite3");
  const { openSqlite } = await import("../infra/db/connect");
  const source = openSqlite(dbFile);
  let pages = 0;
  try {
    await source.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        pages = totalPages;
        progress("database", totalPages - remainingPages, totalPages);
        return 256;
      },
    });
  } finally {
    source.close();
  }
  const out = new SQLite(tmp);
  let files = 0;
  try {
    out.pragma("journal_mode = DELETE");
    out.exec(`CREATE TABLE ${FILES_TABLE} (path TEXT PRIMARY KEY, mode INTEGER NOT NULL, data BLOB NOT NULL)`);
    const insert = out.prepare(`INSERT INTO ${FILES_TABLE} (path, mode, data) VALUES (?, ?, ?)`);
    const list = [secretsFile(dataDir), ...walkFiles(path.join(dataDir, "blobs"))].filter((f) => fs.existsSync(f));
    const insertAll = out.transaction(() => {
      for (const file of list) {
        insert.run(
          path.relative(dataDir, file).split(path.sep).join("/"),
          fs.statSync(file).mode & 0o777,
          fs.readFileSync(file),
        );
        files += 1;
        progress("files", files, list.length);
      }
    });
    insertAll();
    if (list.length === 0) progress("files", 0, 0);
  } finally {
    out.close();
  }
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, target);
  return { pages, files };
}

export async function restore(
  dataDir: string,
  source: string,
  options: { force: boolean },
): Promise<{ files: number }> {
  if (!fs.existsSync(source)) throw new CliError(`${source} does not exist`);
  const pid = runningServerPid(dataDir);
  if (pid) throw new CliError(`Obhut (pid ${pid}) is running on ${dataDir}; stop it before restoring`);
  const dbFile = sqliteFile(dataDir);
  if (fs.existsSync(dbFile) && !options.force)
    throw new CliError(`${dataDir} already holds a database; add --force to replace it`);
  const { default: SQLite } = await import("better-sqlite3");
  const check = new SQLite(source, { readonly: true });
  let rows: { path: string; mode: number; data: Buffer }[];
  try {
    const integrity = check.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new CliError(`${source} is damaged (integrity check: ${String(integrity)})`);
    const hasMigrations = check
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='obhut_migrations'")
      .get();
    const hasFiles = check.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name='${FILES_TABLE}'`).get();
    if (!hasMigrations || !hasFiles) throw new CliError(`${source} is not an Obhut backup`);
    rows = check.prepare(`SELECT path, mode, data FROM ${FILES_TABLE}`).all() as typeof rows;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${source} is not an Obhut backup (${(err as Error).message})`);
  } finally {
    check.close();
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const staging = `${dbFile}.restore`;
  fs.copyFileSync(source, staging);
  const staged = new SQLite(staging);
  staged.exec(`DROP TABLE ${FILES_TABLE}`);
  staged.exec("VACUUM");
  staged.close();
  let files = 0;
  fs.rmSync(path.join(dataDir, "blobs"), { recursive: true, force: true });
  for (const row of rows) {
    const normalised = path.posix.normalize(row.path);
    // Never write outside the data folder, whatever the backup says.
    if (
      normalised.startsWith("..") ||
      path.isAbsolute(normalised) ||
      !/^(secrets\.json|blobs\/[A-Za-z0-9_/-]+)$/.test(normalised)
    ) {
      throw new CliError(`${source} contains an unexpected path; refusing to restore`);
    }
    const target = path.join(dataDir, normalised);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    fs.writeFileSync(target, row.data, { mode: row.mode & 0o700 });
    files += 1;
    progress("files", files, rows.length);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${dbFile}${suffix}`, { force: true });
  fs.renameSync(staging, dbFile);
  fs.chmodSync(dbFile, 0o600);
  return { files };
}

export function registerBackupCommands(program: Command): void {
  withConfigOptions(
    program
      .command("backup")
      .argument("<file>", "Backup file to create")
      .description("Consistent online backup of an SQLite instance (database, secrets, blobs) into one file"),
    STORAGE_KEYS,
  ).action(async (file: string, options: Record<string, unknown>) => {
    const config = configFromOptions(options);
    if (config.databaseUrl) {
      throw new CliError("With PostgreSQL use pg_dump and copy secrets.json; see docs/OPERATIONS.md (Backups)");
    }
    const { pages, files } = await backup(config.dataDir, path.resolve(file));
    process.stdout.write(
      `Backup written to ${file} (${pages} database pages, ${files} files). It contains the instance secrets: keep it encrypted.\n`,
    );
  });

  withConfigOptions(
    program
      .command("restore")
      .argument("<file>", "Backup file made by `obhut backup`")
      .option("--force", "Replace an existing database in the data folder")
      .description("Restore an SQLite instance from a backup (the server must be stopped)"),
    STORAGE_KEYS,
  ).action(async (file: string, options: Record<string, unknown>) => {
    const config = configFromOptions(options);
    if (config.databaseUrl) throw new CliError("With PostgreSQL use pg_restore; see docs/OPERATIONS.md (Backups)");
    const { files } = await restore(config.dataDir, path.resolve(file), { force: Boolean(options.force) });
    process.stdout.write(`Restored ${file} into ${config.dataDir} (${files} files).\n`);
  });
}
