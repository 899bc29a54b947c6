// SPDX-License-Identifier: AGPL-3.0-or-later
import { concatBytes } from "./encoding";
import { CryptoError } from "./errors";
import { ByteReader, ByteWriter } from "./framing";
import { KEY_LENGTH, SIGNATURE_LENGTH, type SigningKeyPair, sha256, signWithDomain } from "./primitives";
import { BlobKind, Label, readHeader, writeHeader } from "./suite";

/**
 * One entry of the organisation log. Payload `type` is the discriminator;
 * key ids are the full 32-byte Ed25519 public keys (no truncated ids, so no
 * id collisions to reason about).
 */
export type OrgLogPayload =
  | {
      type: "genesis";
      orgId: string;
      rootSigningKey: Uint8Array;
      archiveKey: Uint8Array;
    }
  | {
      type: "admin-added";
      accountId: string;
      signingKey: Uint8Array;
      encryptionKey: Uint8Array;
    }
  | { type: "admin-removed"; signingKey: Uint8Array }
  | {
      type: "staff-key-certified";
      accountId: string;
      signingKey: Uint8Array;
      encryptionKey: Uint8Array;
    }
  | { type: "staff-key-revoked"; signingKey: Uint8Array }
  | { type: "team-created"; teamId: string }
  | { type: "team-member-added"; teamId: string; signingKey: Uint8Array }
  | { type: "team-member-removed"; teamId: string; signingKey: Uint8Array }
  | {
      type: "team-key-generation";
      teamId: string;
      generation: number;
      publicKey: Uint8Array;
    }
  | { type: "contact-form-key"; formId: string; publicKey: Uint8Array }
  | { type: "archive-key-rotated"; archiveKey: Uint8Array }
  /** Hands the root key's signing authority to a new key; the genesis root stays the pinned identity (ADR 0026). */
  | { type: "root-key-rotated"; rootSigningKey: Uint8Array };

export type OrgLogEntryType = OrgLogPayload["type"];

export interface OrgLogEntry {
  seq: number;
  /** SHA-256 of the previous entry's wire encoding; 32 zero bytes for seq 0. */
  prevHash: Uint8Array;
  /** Milliseconds since the epoch, chosen by the signer (informational; the server's clock is not trusted). */
  timestamp: number;
  payload: OrgLogPayload;
  signerKeyId: Uint8Array;
  signature: Uint8Array;
}

/** Wire codes; never reuse a retired code. */
export const ORG_LOG_TYPE_CODES: Record<OrgLogEntryType, number> = {
  genesis: 0x01,
  "admin-added": 0x02,
  "admin-removed": 0x03,
  "staff-key-certified": 0x04,
  "staff-key-revoked": 0x05,
  "team-created": 0x06,
  "team-member-added": 0x07,
  "team-member-removed": 0x08,
  "team-key-generation": 0x09,
  "contact-form-key": 0x0a,
  "archive-key-rotated": 0x0b,
  "root-key-rotated": 0x0c,
};
const TYPE_BY_CODE = new Map(Object.entries(ORG_LOG_TYPE_CODES).map(([t, c]) => [c, t as OrgLogEntryType]));

export const ZERO_HASH = new Uint8Array(32);

function encodePayload(p: OrgLogPayload): Uint8Array {
  const w = new ByteWriter();
  switch (p.type) {
    case "genesis":
      return w.string(p.orgId).fixed(p.rootSigningKey, KEY_LENGTH).fixed(p.archiveKey, KEY_LENGTH).finish();
    case "admin-added":
    case "staff-key-certified":
      return w.string(p.accountId).fixed(p.signingKey, KEY_LENGTH).fixed(p.encryptionKey, KEY_LENGTH).finish();
    case "admin-removed":
    case "staff-key-revoked":
      return w.fixed(p.signingKey, KEY_LENGTH).finish();
    case "team-created":
      return w.string(p.teamId).finish();
    case "team-member-added":
    case "team-member-removed":
      return w.string(p.teamId).fixed(p.signingKey, KEY_LENGTH).finish();
    case "team-key-generation":
      return w.string(p.teamId).u32(p.generation).fixed(p.publicKey, KEY_LENGTH).finish();
    case "contact-form-key":
      return w.string(p.formId).fixed(p.publicKey, KEY_LENGTH).finish();
    case "archive-key-rotated":
      return w.fixed(p.archiveKey, KEY_LENGTH).finish();
    case "root-key-rotated":
      return w.fixed(p.rootSigningKey, KEY_LENGTH).finish();
  }
}

function decodePayload(type: OrgLogEntryType, bytes: Uint8Array): OrgLogPayload {
  const r = new ByteReader(bytes);
  const key = () => r.fixed(KEY_LENGTH).slice();
  let p: OrgLogPayload;
  switch (type) {
    case "genesis":
      p = { type, orgId: r.string(), rootSigningKey: key(), archiveKey: key() };
      break;
    case "admin-added":
    case "staff-key-certified":
      p = {
        type,
        accountId: r.string(),
        signingKey: key(),
        encryptionKey: key(),
      };
      break;
    case "admin-removed":
    case "staff-key-revoked":
      p = { type, signingKey: key() };
      break;
    case "team-created":
      p = { type, teamId: r.string() };
      break;
    case "team-member-added":
    case "team-member-removed":
      p = { type, teamId: r.string(), signingKey: key() };
      break;
    case "team-key-generation":
      p = { type, teamId: r.string(), generation: r.u32(), publicKey: key() };
      break;
    case "contact-form-key":
      p = { type, formId: r.string(), publicKey: key() };
      break;
    case "archive-key-rotated":
      p = { type, archiveKey: key() };
      break;
    case "root-key-rotated":
      p = { type, rootSigningKey: key() };
      break;
  }
  r.end();
  return p;
}

/** The signed part of an entry (everything except the signature). */
export function orgLogEntryBody(e: Omit<OrgLogEntry, "signature">): Uint8Array {
  return writeHeader(new ByteWriter(), BlobKind.orgLogEntry)
    .u64(e.seq)
    .fixed(e.prevHash, 32)
    .u64(e.timestamp)
    .u8(ORG_LOG_TYPE_CODES[e.payload.type])
    .bytes(encodePayload(e.payload))
    .fixed(e.signerKeyId, KEY_LENGTH)
    .finish();
}

export function encodeOrgLogEntry(e: OrgLogEntry): Uint8Array {
  return concatBytes(orgLogEntryBody(e), new ByteWriter().fixed(e.signature, SIGNATURE_LENGTH).finish());
}

export function decodeOrgLogEntry(bytes: Uint8Array): OrgLogEntry {
  const r = new ByteReader(bytes);
  readHeader(r, BlobKind.orgLogEntry);
  const seq = r.u64();
  const prevHash = r.fixed(32).slice();
  const timestamp = r.u64();
  const code = r.u8();
  const type = TYPE_BY_CODE.get(code);
  if (!type) throw new CryptoError("bad_format", `unknown org log entry type ${code}`);
  const payload = decodePayload(type, r.bytes());
  const signerKeyId = r.fixed(KEY_LENGTH).slice();
  const signature = r.fixed(SIGNATURE_LENGTH).slice();
  r.end();
  return { seq, prevHash, timestamp, payload, signerKeyId, signature };
}

/** Hash over the full wire encoding, signature included, so a re-signed entry is a different link. */
export function orgLogEntryHash(e: OrgLogEntry): Uint8Array {
  return sha256(encodeOrgLogEntry(e));
}

/**
 * Creates the next entry. `previous` is null only for genesis. The caller
 * (an admin client) appends it after verifying the current log.
 */
export function createOrgLogEntry(props: {
  previous: OrgLogEntry | null;
  payload: OrgLogPayload;
  signer: SigningKeyPair;
  timestamp: number;
}): OrgLogEntry {
  const unsigned = {
    seq: props.previous ? props.previous.seq + 1 : 0,
    prevHash: props.previous ? orgLogEntryHash(props.previous) : ZERO_HASH,
    timestamp: props.timestamp,
    payload: props.payload,
    signerKeyId: props.signer.publicKey,
  };
  return {
    ...unsigned,
    signature: signWithDomain(Label.sigOrgLog, orgLogEntryBody(unsigned), props.signer.secretKey),
  };
}
