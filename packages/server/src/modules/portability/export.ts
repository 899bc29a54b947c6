// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import { once } from "node:events";
import type { BlobStore } from "../../infra/blobs";
import type { DbHandle } from "../../infra/db/connect";
import { migrationStatus } from "../../infra/db/migrate";
import { VERSION } from "../../core/version";
import { recordAudit } from "../../core/audit";
import {
  BLOB_PART_BYTES,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  deriveExportKey,
  secretContext,
  sealValue,
  type ExportHeader,
  type ExportKey,
  type ExportLine,
} from "./format";
import { EXPORT_TABLES, type AnyDb, type ExportTable } from "./tables";
import { PAGE, findOrganisation, scopedRows } from "./store";

export type PortabilityProgress =
  | { kind: "table"; table: string; rows: number; done: boolean }
  | { kind: "blobs"; blobs: number; bytes: number; done: boolean };

export interface ExportOptions {
  db: DbHandle;
  blobs: BlobStore;
  organisationId: string;
  file: string;
  passphrase: string;
  /** Source instance secrets: the OPAQUE setup to carry, the mfaKey to open sealed columns with. */
  secrets: { opaqueServerSetup: string; mfaKey: string; auditAnchorKey?: { x: string } | undefined };
  now: number;
  onProgress?: (p: PortabilityProgress) => void;
}

export interface ExportSummary {
  file: string;
  rows: Record<string, number>;
  blobs: number;
  blobBytes: number;
  lines: number;
  sha256: string;
}

export class ExportError extends Error {
  override name = "ExportError";
}

/** Appends JSON lines to a file, hashing and counting them, and waits when the stream is full. */
class LineWriter {
  readonly hash = crypto.createHash("sha256");
  lines = 0;
  constructor(private readonly out: fs.WriteStream) {}
  async write(value: unknown): Promise<void> {
    const text = JSON.stringify(value) + "\n";
    this.hash.update(text);
    this.lines += 1;
    if (!this.out.write(text)) await once(this.out, "drain");
  }
  async trailer(value: Omit<Extract<ExportLine, { type: "end" }>, "type" | "lines" | "sha256">): Promise<string> {
    const sha256 = this.hash.digest("hex");
    const line: ExportLine = { type: "end", ...value, lines: this.lines, sha256 };
    this.out.write(JSON.stringify(line) + "\n");
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return sha256;
  }
}

/** A database row as it goes into the file: binary as base64url, sealed columns re-sealed under the export key. */
function encodeRow(
  table: ExportTable,
  row: Record<string, unknown>,
  key: ExportKey,
  mfaKey: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (table.omit?.includes(column)) continue;
    if (value instanceof Uint8Array) {
      if (!table.binary?.includes(column))
        throw new ExportError(
          `${table.name}.${column} holds bytes but is not declared binary in portability-tables.ts`,
        );
      out[column] = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64url");
    } else if (typeof value === "bigint") out[column] = Number(value);
    else out[column] = value;
  }
  for (const secret of table.secrets ?? []) {
    const sealed = out[secret.column];
    if (typeof sealed !== "string") continue;
    const plain = secret.open(mfaKey, row, sealed);
    out[secret.column] = sealValue(key, secretContext(table.name, secret.column, table.key, out), plain);
  }
  return out;
}

/**
 * Writes the organisation to `file` (via `<file>.partial`, renamed when
 * complete). Rows are read inside one transaction, a consistent snapshot on
 * PostgreSQL (REPEATABLE READ) and SQLite (a read transaction in WAL mode).
 */
export async function exportOrganisation(options: ExportOptions): Promise<ExportSummary> {
  const { db, organisationId: org } = options;
  const organisation = await findOrganisation(db.db, org);
  if (!organisation) throw new ExportError(`No organisation with id ${JSON.stringify(org)}`);
  if (fs.existsSync(options.file)) throw new ExportError(`${options.file} exists already; choose a new file name`);
  const status = await migrationStatus(db.db);
  if (status.pending.length > 0) throw new ExportError("The database is not up to date; run `obhut migrate` first");

  const key = deriveExportKey(options.passphrase);
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    createdAt: options.now,
    obhutVersion: VERSION,
    migrations: status.applied,
    organisation: { id: organisation.id, name: organisation.name },
    tables: EXPORT_TABLES.map((t) => ({ name: t.name, key: t.key, binary: t.binary ?? [] })),
    auditAnchorPublicKey: options.secrets.auditAnchorKey?.x ?? null,
    secrets: {
      kdf: key.kdf,
      data: sealValue(key, "secrets", JSON.stringify({ opaqueServerSetup: options.secrets.opaqueServerSetup })),
    },
  };

  const partial = `${options.file}.partial`;
  const out = fs.createWriteStream(partial, { mode: 0o600, flags: "w" });
  const writer = new LineWriter(out);
  const rows: Record<string, number> = {};
  let blobs = 0;
  let blobBytes = 0;
  try {
    // Audited before the snapshot starts, so the file carries the record of its own making (and writing it
    // inside the long read transaction would hold the chain's lock for the whole export).
    await recordAudit(db.db, options.now, {
      organisationId: org,
      actorId: null,
      action: "organisation.exported",
      target: { type: "organisation", id: org },
      data: { via: "cli" },
    });
    await writer.write(header);
    const run = async (trx: AnyDb) => {
      for (const table of EXPORT_TABLES) {
        await writer.write({ type: "table", table: table.name } satisfies ExportLine);
        let n = 0;
        for await (const row of scopedRows(trx, table, org)) {
          await writer.write({
            type: "row",
            table: table.name,
            row: encodeRow(table, row, key, options.secrets.mfaKey),
          } satisfies ExportLine);
          n += 1;
          if (n % PAGE === 0) options.onProgress?.({ kind: "table", table: table.name, rows: n, done: false });
        }
        rows[table.name] = n;
        options.onProgress?.({ kind: "table", table: table.name, rows: n, done: true });
        if (table.name === "attachments") {
          for await (const row of scopedRows(trx, table, org)) {
            blobBytes += await writeBlob(writer, options.blobs, String(row.id));
            blobs += 1;
            options.onProgress?.({ kind: "blobs", blobs, bytes: blobBytes, done: false });
          }
          options.onProgress?.({ kind: "blobs", blobs, bytes: blobBytes, done: true });
        }
      }
    };
    if (db.dialect === "postgres") {
      await db.db
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute((trx) => run(trx as AnyDb));
    } else {
      await db.db.transaction().execute((trx) => run(trx as AnyDb));
    }
    const sha256 = await writer.trailer({ rows, blobs });
    fs.renameSync(partial, options.file);
    return { file: options.file, rows, blobs, blobBytes, lines: writer.lines, sha256 };
  } catch (err) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

async function writeBlob(writer: LineWriter, store: BlobStore, id: string): Promise<number> {
  const size = await store.size(id);
  if (size === null) throw new ExportError(`The bytes of attachment ${id} are missing from the blob store`);
  await writer.write({ type: "blob", id, size } satisfies ExportLine);
  const hash = crypto.createHash("sha256");
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    const data = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    await writer.write({ type: "blob-part", id, data: data.toString("base64url") } satisfies ExportLine);
  };
  for await (const piece of await store.get(id)) {
    hash.update(piece);
    let rest = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (rest.length > 0) {
      const take = Math.min(rest.length, BLOB_PART_BYTES - pendingBytes);
      pending.push(rest.subarray(0, take));
      pendingBytes += take;
      rest = rest.subarray(take);
      if (pendingBytes === BLOB_PART_BYTES) await flush();
    }
  }
  if (pendingBytes > 0) await flush();
  await writer.write({ type: "blob-end", id, sha256: hash.digest("hex") } satisfies ExportLine);
  return size;
}
