// SPDX-License-Identifier: AGPL-3.0-or-later
import { CryptoError } from "./errors";
import type { ByteReader, ByteWriter } from "./framing";

/** Format version of every blob defined in docs/CRYPTO.md. */
export const FORMAT_VERSION = 0x01;

/**
 * Cipher suite ids. Suite 0x01 = X25519 / HKDF-SHA256 / AES-256-GCM /
 * Ed25519 / SHA-256 (see docs/CRYPTO.md). A post-quantum hybrid would get a
 * new id instead of changing this one.
 */
export const SUITE_V1 = 0x01;

/**
 * Third header byte: what the blob is. Distinct kinds make it impossible to
 * feed one blob type (say a key wrap) where another is expected.
 */
export const BlobKind = {
  privateKeys: 0x01,
  masterWrapExport: 0x02,
  masterWrapRecovery: 0x03,
  keyWrap: 0x04,
  orgLogEntry: 0x05,
  epochRecord: 0x06,
  message: 0x07,
  attachment: 0x08,
  masterWrapDevice: 0x09,
  orgPins: 0x0a,
  cannedReply: 0x0b,
} as const;
export type BlobKind = (typeof BlobKind)[keyof typeof BlobKind];

export const HEADER_LENGTH = 3;

export function writeHeader(writer: ByteWriter, kind: BlobKind): ByteWriter {
  return writer.u8(FORMAT_VERSION).u8(SUITE_V1).u8(kind);
}

export function headerBytes(kind: BlobKind): Uint8Array {
  return Uint8Array.of(FORMAT_VERSION, SUITE_V1, kind);
}

/** Version and suite are checked before anything else so a future format fails with a clear code. */
export function readHeader(reader: ByteReader, kind: BlobKind): void {
  const version = reader.u8();
  if (version !== FORMAT_VERSION) throw new CryptoError("unsupported_version", `format version ${version}`);
  const suite = reader.u8();
  if (suite !== SUITE_V1) throw new CryptoError("unsupported_version", `cipher suite ${suite}`);
  const actual = reader.u8();
  if (actual !== kind) throw new CryptoError("bad_format", `expected blob kind ${kind}, got ${actual}`);
}

/**
 * Domain-separation labels. Every KDF info string and every signature
 * context is one of these, so no value computed for one purpose is ever
 * valid for another.
 */
export const Label = {
  masterWrap: "obhut/v1/master-wrap",
  masterWrapRecovery: "obhut/v1/master-wrap-recovery",
  masterWrapDevice: "obhut/v1/master-wrap-device",
  privateKeys: "obhut/v1/private-keys",
  orgPins: "obhut/v1/org-pins",
  keyCommitment: "obhut/v1/key-commitment",
  attachmentPayload: "obhut/v1/attachment-payload",
  fingerprint: "obhut/v1/fingerprint",
  sigOrgLog: "obhut/v1/sig/org-log-entry",
  sigEpoch: "obhut/v1/sig/epoch-record",
  sigMessage: "obhut/v1/sig/message",
  sigRecoveryChallenge: "obhut/v1/sig/recovery-challenge",
  sigCannedReply: "obhut/v1/sig/canned-reply",
  membersHash: "obhut/v1/members",
  hpkeKeyWrap: "obhut/v1/hpke/key-wrap",
} as const;
