// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import readline from "node:readline";
import type { BlobStore } from "../../infra/blobs";
import { replaceOpaqueServerSetup, secretsFingerprint, type Secrets } from "../../infra/config/secrets";
import type { DbHandle } from "../../infra/db/connect";
import { migrateToLatest, migrationNames } from "../../infra/db/migrate";
import { recordAudit } from "../../core/audit";
import { anchorKeyFingerprint, anchorMessage, signAnchor, verifyAnchor } from "../../core/audit-chain";
import { verifyAuditLog } from "../dpo";
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  ExportFormatError,
  HeaderSchema,
  LineSchema,
  deriveExportKey,
  openValue,
  secretContext,
  type ExportHeader,
  type ExportKey,
  type ExportLine,
} from "./format";
import type { PortabilityProgress } from "./export";
import { exportTable, type AnyDb, type ExportTable } from "./tables";
import { pruneMessage } from "../retention";
import { countAccounts, findRowsByKey, insertRows, markSetUp, storeSecretsFingerprint } from "./store";

/** Rows per insert transaction: an interrupted import loses at most one batch, and a rerun skips what is there. */
const BATCH = 200;

export class ImportError extends Error {
  override name = "ImportError";
}

export interface ImportOptions {
  db: DbHandle;
  blobs: BlobStore;
  file: string;
  passphrase: string;
  /** Target data folder: its secrets.json may take over the OPAQUE server setup. */
  dataDir: string;
  secrets: Secrets;
  now: number;
  /**
   * Import although this instance already has accounts under another OPAQUE
   * server setup: the imported users then cannot log in with their password
   * and set a new one with their recovery code.
   */
  allowPasswordReset?: boolean;
  onProgress?: (p: PortabilityProgress) => void;
}

export interface ImportSummary {
  organisationId: string;
  tables: Record<string, { inserted: number; skipped: number }>;
  blobs: { inserted: number; skipped: number };
  /** Whether the imported users log in with their passwords (the OPAQUE setup is the exported one). */
  passwordsWork: boolean;
  sourceAnchorKeyFingerprint: string | null;
}

async function* readLines(file: string): AsyncGenerator<string> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  try {
    for await (const line of rl) yield line;
  } finally {
    rl.close();
  }
}

function parseLine(text: string, n: number): ExportLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ExportFormatError(`Line ${n} is not JSON`);
  }
  const parsed = LineSchema.safeParse(value);
  if (!parsed.success) throw new ExportFormatError(`Line ${n} is not a valid export line`);
  return parsed.data;
}

/**
 * First pass over the file, before anything is written: the header is
 * understood, and the trailer's line count and checksum prove the file is
 * complete and unchanged since the export.
 */
export async function checkExportFile(file: string): Promise<ExportHeader> {
  if (!fs.existsSync(file)) throw new ExportFormatError(`${file} does not exist`);
  const hash = crypto.createHash("sha256");
  let n = 0;
  let header: ExportHeader | undefined;
  let end: Extract<ExportLine, { type: "end" }> | undefined;
  const counts: Record<string, number> = {};
  let blobs = 0;
  for await (const text of readLines(file)) {
    n += 1;
    if (end) throw new ExportFormatError(`${file} has lines after its trailer`);
    if (n === 1) {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        throw new ExportFormatError(`${file} is not an Obhut organisation export`);
      }
      const format = (raw as { format?: unknown } | null)?.format;
      if (format !== EXPORT_FORMAT) throw new ExportFormatError(`${file} is not an Obhut organisation export`);
      const version = (raw as { version?: unknown }).version;
      if (version !== EXPORT_VERSION)
        throw new ExportFormatError(
          `${file} uses export format version ${String(version)}; this Obhut reads version ${EXPORT_VERSION} only`,
        );
      const parsed = HeaderSchema.safeParse(raw);
      if (!parsed.success) throw new ExportFormatError(`The header of ${file} is damaged`);
      header = parsed.data;
      hash.update(text + "\n");
      continue;
    }
    const line = parseLine(text, n);
    if (line.type === "end") {
      end = line;
      continue;
    }
    hash.update(text + "\n");
    if (line.type === "row") counts[line.table] = (counts[line.table] ?? 0) + 1;
    if (line.type === "blob-end") blobs += 1;
  }
  if (!header) throw new ExportFormatError(`${file} is empty`);
  if (!end) throw new ExportFormatError(`${file} is incomplete (no trailer): the export was interrupted or cut off`);
  const rowsMatch = Object.entries(end.rows).every(([t, c]) => (counts[t] ?? 0) === c);
  if (end.lines !== n - 1 || end.sha256 !== hash.digest("hex") || !rowsMatch || end.blobs !== blobs)
    throw new ExportFormatError(`${file} does not match its checksum: it is damaged or was changed`);
  return header;
}

function normalise(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64url");
  if (typeof value === "bigint") return Number(value);
  return value ?? null;
}

interface ImportContext {
  db: AnyDb;
  key: ExportKey;
  header: ExportHeader;
  mfaKey: string;
  anchorKey: { d: string; x: string };
}

/** A file row as the target stores it: bytes decoded, sealed columns re-sealed under this instance's mfaKey, anchors re-signed. */
function decodeRow(c: ImportContext, table: ExportTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const column of table.binary ?? []) {
    const v = out[column];
    if (typeof v === "string") out[column] = Buffer.from(v, "base64url");
  }
  for (const secret of table.secrets ?? []) {
    const v = out[secret.column];
    if (typeof v !== "string") continue;
    const plain = openValue(c.key, secretContext(table.name, secret.column, table.key, row), v);
    out[secret.column] = secret.seal(c.mfaKey, row, plain);
  }
  if (table.resign) {
    const chain = String(row.chain);
    const seq = Number(row.seq);
    const hash = String(row.hash);
    const message = table.name === "audit_prunes" ? pruneMessage(chain, seq, hash) : anchorMessage(chain, seq, hash);
    const source = c.header.auditAnchorPublicKey;
    if (!source || row.public_key !== source || !verifyAnchor(source, message, String(row.signature)))
      throw new ImportError(
        `${table.name} entry ${seq} of chain ${chain} is not signed by the exporting instance's anchor key; refusing to re-sign it`,
      );
    out.signature = signAnchor(c.anchorKey, message);
    out.public_key = c.anchorKey.x;
  }
  return out;
}

/** Whether the stored row says the same as the file row (sealed columns by their plaintext). */
function sameRow(
  c: ImportContext,
  table: ExportTable,
  fileRow: Record<string, unknown>,
  stored: Record<string, unknown>,
) {
  const columns = table.resign ? table.resign.compare : Object.keys(fileRow);
  for (const column of columns) {
    const secret = table.secrets?.find((s) => s.column === column);
    const a = fileRow[column] ?? null;
    const b = stored[column] ?? null;
    if (secret && typeof a === "string" && typeof b === "string") {
      const plainA = openValue(c.key, secretContext(table.name, column, table.key, fileRow), a);
      if (plainA !== secret.open(c.mfaKey, stored, b)) return false;
      continue;
    }
    if (JSON.stringify(normalise(a)) !== JSON.stringify(normalise(b))) return false;
  }
  return true;
}

async function insertBatch(
  c: ImportContext,
  table: ExportTable,
  rows: Record<string, unknown>[],
): Promise<{ inserted: number; skipped: number }> {
  return c.db.transaction().execute(async (trx) => {
    const existing = await findRowsByKey(trx, table, rows);
    const keyOf = (r: Record<string, unknown>) => JSON.stringify(table.key.map((k) => normalise(r[k])));
    const byKey = new Map(existing.map((r) => [keyOf(r), r]));
    const fresh: Record<string, unknown>[] = [];
    for (const row of rows) {
      const stored = byKey.get(keyOf(row));
      if (!stored) {
        fresh.push(decodeRow(c, table, row));
        continue;
      }
      if (!sameRow(c, table, row, stored))
        throw new ImportError(
          `${table.name} ${table.key.map((k) => `${k}=${String(row[k])}`).join(", ")} already exists here with different content; ` +
            "this instance holds other data under the same id, so the import stops without changing it",
        );
    }
    if (fresh.length > 0) {
      try {
        await insertRows(trx, table.name, fresh);
      } catch (err) {
        throw new ImportError(`Could not insert into ${table.name}: ${(err as Error).message}`);
      }
    }
    return { inserted: fresh.length, skipped: rows.length - fresh.length };
  });
}

/** The accounts table decides whether the target may take over the exported OPAQUE server setup. */
async function adoptLoginSecret(
  options: ImportOptions,
  opaqueServerSetup: string,
): Promise<{ passwordsWork: boolean; secrets: Secrets }> {
  if (options.secrets.opaqueServerSetup === opaqueServerSetup) return { passwordsWork: true, secrets: options.secrets };
  if ((await countAccounts(options.db.db)) === 0) {
    const secrets = replaceOpaqueServerSetup(options.dataDir, options.secrets, opaqueServerSetup);
    await storeSecretsFingerprint(options.db.db, secretsFingerprint(secrets), options.now);
    return { passwordsWork: true, secrets };
  }
  if (!options.allowPasswordReset)
    throw new ImportError(
      "This instance already has accounts under its own OPAQUE server setup, so the imported users could not log in " +
        "with their passwords. Import into a fresh instance, or add --allow-password-reset: the imported users then " +
        "set a new password with their recovery code.",
    );
  return { passwordsWork: false, secrets: options.secrets };
}

/**
 * Restores an organisation export into this instance. Runs the migrations
 * first; refuses unknown format versions and exports from a newer schema;
 * inserts table by table in batches. Rerunning after an interruption is
 * safe: rows already present with identical content are skipped, a
 * different row under the same key stops the import.
 */
export async function importOrganisation(options: ImportOptions): Promise<ImportSummary> {
  const header = await checkExportFile(options.file);
  const unknown = header.migrations.filter((m) => !migrationNames.includes(m));
  if (unknown.length > 0)
    throw new ImportError(
      `The export comes from a newer Obhut (schema ${unknown.at(-1)}); upgrade this instance before importing`,
    );
  const key = deriveExportKey(options.passphrase, header.secrets.kdf);
  const carried = JSON.parse(openValue(key, "secrets", header.secrets.data)) as { opaqueServerSetup?: unknown };
  if (typeof carried.opaqueServerSetup !== "string") throw new ExportFormatError("The sealed secrets are incomplete");
  for (const t of header.tables)
    if (!exportTable(t.name)) throw new ImportError(`The export has a table this Obhut does not know: ${t.name}`);

  await migrateToLatest(options.db.db);
  const { passwordsWork, secrets } = await adoptLoginSecret(options, carried.opaqueServerSetup);
  const c: ImportContext = {
    db: options.db.db as AnyDb,
    key,
    header,
    mfaKey: secrets.mfaKey,
    anchorKey: secrets.auditAnchorKey,
  };

  const tables: ImportSummary["tables"] = {};
  const blobs = { inserted: 0, skipped: 0 };
  let current: ExportTable | undefined;
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (!current || batch.length === 0) return;
    const r = await insertBatch(c, current, batch);
    batch = [];
    const t = (tables[current.name] ??= { inserted: 0, skipped: 0 });
    t.inserted += r.inserted;
    t.skipped += r.skipped;
    options.onProgress?.({ kind: "table", table: current.name, rows: t.inserted + t.skipped, done: false });
  };

  const lines = readLines(options.file);
  let n = 0;
  const next = async (): Promise<ExportLine | undefined> => {
    const r = await lines.next();
    if (r.done) return undefined;
    n += 1;
    return parseLine(r.value, n);
  };
  await lines.next(); // the header, checked above
  n = 1;
  for (let line = await next(); line && line.type !== "end"; line = await next()) {
    if (line.type === "table") {
      await flush();
      if (current) {
        const t = tables[current.name] ?? { inserted: 0, skipped: 0 };
        options.onProgress?.({ kind: "table", table: current.name, rows: t.inserted + t.skipped, done: true });
      }
      current = exportTable(line.table);
      if (!current) throw new ImportError(`Unknown table ${line.table} in line ${n}`);
      tables[current.name] ??= { inserted: 0, skipped: 0 };
    } else if (line.type === "row") {
      if (!current || line.table !== current.name) throw new ExportFormatError(`Line ${n}: row outside its table`);
      batch.push(line.row);
      if (batch.length >= BATCH) await flush();
    } else if (line.type === "blob") {
      await flush();
      const inserted = await importBlob(options.blobs, line, next);
      if (inserted) blobs.inserted += 1;
      else blobs.skipped += 1;
      options.onProgress?.({ kind: "blobs", blobs: blobs.inserted + blobs.skipped, bytes: 0, done: false });
    } else {
      throw new ExportFormatError(`Line ${n}: unexpected ${line.type}`);
    }
  }
  await flush();
  if (current) {
    const t = tables[current.name] ?? { inserted: 0, skipped: 0 };
    options.onProgress?.({ kind: "table", table: current.name, rows: t.inserted + t.skipped, done: true });
  }

  const org = header.organisation.id;
  const reports = await verifyAuditLog(options.db.db, { chains: [org], anchorPublicKey: secrets.auditAnchorKey.x });
  const broken = reports.find((r) => !r.ok);
  if (broken)
    throw new ImportError(
      `The imported audit chain does not verify (${broken.problems[0]?.kind ?? "?"} at entry ${broken.problems[0]?.seq ?? "?"})`,
    );
  await finishImport(options, header, tables);
  return {
    organisationId: org,
    tables,
    blobs,
    passwordsWork,
    sourceAnchorKeyFingerprint: header.auditAnchorPublicKey ? anchorKeyFingerprint(header.auditAnchorPublicKey) : null,
  };
}

/** The target counts as set up (no setup link for strangers), and the instance chain records the import. */
async function finishImport(options: ImportOptions, header: ExportHeader, tables: ImportSummary["tables"]) {
  const now = options.now;
  await options.db.db.transaction().execute(async (trx) => {
    await markSetUp(trx, now);
    const inserted = Object.values(tables).reduce((s, t) => s + t.inserted, 0);
    await recordAudit(trx, now, {
      organisationId: null,
      actorId: null,
      action: "organisation.imported",
      target: { type: "organisation", id: header.organisation.id },
      data: {
        exportedAt: header.createdAt,
        sourceVersion: header.obhutVersion,
        rowsInserted: inserted,
        sourceAnchorKey: header.auditAnchorPublicKey ? anchorKeyFingerprint(header.auditAnchorPublicKey) : null,
      },
    });
  });
}

async function importBlob(
  store: BlobStore,
  start: Extract<ExportLine, { type: "blob" }>,
  next: () => Promise<ExportLine | undefined>,
): Promise<boolean> {
  const id = start.id;
  let end: Extract<ExportLine, { type: "blob-end" }> | undefined;
  const hash = crypto.createHash("sha256");
  async function* parts(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const line = await next();
      if (line?.type === "blob-part" && line.id === id) {
        const bytes = Buffer.from(line.data, "base64url");
        hash.update(bytes);
        yield bytes;
      } else if (line?.type === "blob-end" && line.id === id) {
        end = line;
        return;
      } else throw new ExportFormatError(`Blob ${id} is cut short`);
    }
  }
  const existing = await store.size(id);
  if (existing !== null) {
    // A rerun: read past the parts, then check the stored blob is the same.
    for await (const _ of parts()) void _;
    const stored = crypto.createHash("sha256");
    for await (const piece of await store.get(id)) stored.update(piece);
    if (existing !== start.size || stored.digest("hex") !== end!.sha256)
      throw new ImportError(`Blob ${id} already exists here with different content; the import stops`);
    return false;
  }
  const { size } = await store.put(id, parts());
  if (size !== start.size || hash.digest("hex") !== end!.sha256) {
    await store.delete(id);
    throw new ExportFormatError(`Blob ${id} does not match its checksum`);
  }
  return true;
}
