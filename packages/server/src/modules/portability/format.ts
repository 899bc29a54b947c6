// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { z } from "zod";

/**
 * The organisation export file (docs/EXPORT_FORMAT.md, ADR 0015): UTF-8 JSON
 * lines. The first line is the header, the last the trailer; in between one
 * line per table start, row, blob start and blob part. Every line stands on
 * its own, so both sides stream with bounded memory however large the
 * organisation is.
 */
export const EXPORT_FORMAT = "obhut-export";
export const EXPORT_VERSION = 1;
/** Raw bytes per blob-part line (base64 makes it 256 KiB of text). */
export const BLOB_PART_BYTES = 192 * 1024;

/**
 * scrypt with N = 2^17, r = 8 (128 MiB, about half a second): the passphrase
 * protects the OPAQUE server setup, which would let whoever holds the file
 * test password guesses offline against the exported OPAQUE records.
 */
export const DEFAULT_KDF = { name: "scrypt" as const, N: 2 ** 17, r: 8, p: 1 };

const B64 = z.string().regex(/^[A-Za-z0-9_-]*$/);

export const SealedSchema = z.object({
  kdf: z.object({
    name: z.literal("scrypt"),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: B64,
  }),
  /** base64url nonce (12) | ciphertext | tag (16), AES-256-GCM. */
  data: B64,
});
export type Sealed = z.infer<typeof SealedSchema>;

export const HeaderSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int(),
  createdAt: z.number().int(),
  obhutVersion: z.string(),
  /** Migrations applied in the source database: the schema the rows follow. */
  migrations: z.array(z.string()),
  organisation: z.object({ id: z.string().min(1), name: z.string() }),
  /** Exported tables, in import order. */
  tables: z.array(z.object({ name: z.string(), key: z.array(z.string()), binary: z.array(z.string()) })),
  /** Ed25519 public key (JWK x) that signed the exported audit anchors and prune points; null if the source had none. */
  auditAnchorPublicKey: z.string().nullable(),
  /** The instance secrets the target needs ({ opaqueServerSetup }), sealed under the export passphrase. */
  secrets: SealedSchema,
});
export type ExportHeader = z.infer<typeof HeaderSchema>;

export const LineSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("table"), table: z.string() }),
  z.object({ type: z.literal("row"), table: z.string(), row: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal("blob"), id: z.string(), size: z.number().int().nonnegative() }),
  /** base64url bytes; parts follow each other in order. */
  z.object({ type: z.literal("blob-part"), id: z.string(), data: B64 }),
  z.object({ type: z.literal("blob-end"), id: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({
    type: z.literal("end"),
    rows: z.record(z.string(), z.number().int()),
    blobs: z.number().int(),
    /** Lines before this one, header included. */
    lines: z.number().int(),
    /** Lower-case hex SHA-256 of every byte before this line. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
]);
export type ExportLine = z.infer<typeof LineSchema>;

export class ExportFormatError extends Error {
  override name = "ExportFormatError";
}

export interface ExportKey {
  key: Buffer;
  kdf: Sealed["kdf"];
}

export function deriveExportKey(passphrase: string, kdf?: Sealed["kdf"]): ExportKey {
  if (passphrase.length < 12) throw new ExportFormatError("The export passphrase must be at least 12 characters long");
  const params = kdf ?? { ...DEFAULT_KDF, salt: crypto.randomBytes(16).toString("base64url") };
  const key = crypto.scryptSync(passphrase.normalize("NFC"), Buffer.from(params.salt, "base64url"), 32, {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  });
  return { key, kdf: params };
}

/** AES-256-GCM under the export key; `context` (what the value is) is bound as associated data. */
export function sealValue(key: ExportKey, context: string, plain: string): string {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key.key, nonce);
  cipher.setAAD(Buffer.from(`obhut-export-v1:${context}`));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url");
}

export function openValue(key: ExportKey, context: string, sealed: string): string {
  const raw = Buffer.from(sealed, "base64url");
  if (raw.length < 28) throw new ExportFormatError(`Sealed value ${context} is damaged`);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(`obhut-export-v1:${context}`));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw new ExportFormatError("Wrong export passphrase, or the file was changed");
  }
}

export interface ExportSecrets {
  opaqueServerSetup: string;
}

/** Identifies a row's sealed column in the associated data, so sealed values cannot be moved between rows. */
export function secretContext(table: string, column: string, key: string[], row: Record<string, unknown>): string {
  return JSON.stringify([table, column, ...key.map((k) => row[k] ?? null)]);
}
