// SPDX-License-Identifier: AGPL-3.0-or-later
import { constantTimeEqual, utf8Decode, utf8Encode } from "./encoding";
import { CryptoError } from "./errors";
import { fingerprint } from "./fingerprint";
import { ByteReader, ByteWriter } from "./framing";
import {
  GCM_NONCE_LENGTH,
  GCM_TAG_LENGTH,
  KEY_LENGTH,
  aesGcmDecrypt,
  aesGcmEncrypt,
  hkdfSha256,
  randomBytes,
} from "./primitives";
import { BlobKind, HEADER_LENGTH, Label, headerBytes, readHeader, writeHeader } from "./suite";

/**
 * The organisations an account has pinned: for each, the genesis root
 * signing key of its log (the organisation's identity, whose fingerprint it
 * publishes). Stored encrypted in the account's key bundle (blob kind 0x0a),
 * so a login on another device pins the same roots; `verifyOrgLog` then gets
 * `pinnedRootFingerprint` and refuses a log with another root.
 */
export interface OrgPin {
  orgId: string;
  /** Ed25519 public key of the log's genesis entry. */
  rootSigningKey: Uint8Array;
  /** When this browser pinned it (ms since the epoch); shown, never trusted for anything. */
  pinnedAt: number;
}

/** Enough for every organisation a person could plausibly counsel with; bounds what a server can make us parse. */
export const MAX_ORG_PINS = 100;
/** Longest organisation id in bytes (protocol ids are at most 64 characters). */
export const MAX_ORG_ID_BYTES = 64;

const MIN_BLOB = HEADER_LENGTH + GCM_NONCE_LENGTH + 4 + GCM_TAG_LENGTH;
const MAX_PLAINTEXT = 4 + MAX_ORG_PINS * (4 + MAX_ORG_ID_BYTES + KEY_LENGTH + 8);
/** Largest blob `encryptOrgPins` writes and `decryptOrgPins` reads. */
export const MAX_ORG_PINS_BLOB = HEADER_LENGTH + GCM_NONCE_LENGTH + MAX_PLAINTEXT + GCM_TAG_LENGTH;

interface AccountPart {
  masterKey: Uint8Array;
  signing: { publicKey: Uint8Array };
  encryption: { publicKey: Uint8Array };
}

/** Its own sub-key of the master key, like the private keys'; the AAD binds the blob to this account's keys. */
function pinsKey(masterKey: Uint8Array): Uint8Array {
  if (masterKey.length !== KEY_LENGTH) throw new CryptoError("bad_parameters", "master key must be 32 bytes");
  return hkdfSha256(masterKey, new Uint8Array(0), Label.orgPins);
}

function pinsAad(account: AccountPart): Uint8Array {
  return new ByteWriter()
    .fixed(headerBytes(BlobKind.orgPins), HEADER_LENGTH)
    .fixed(account.signing.publicKey, KEY_LENGTH)
    .fixed(account.encryption.publicKey, KEY_LENGTH)
    .finish();
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Exactly one encoding per set of pins: sorted by the UTF-8 bytes of the id, each id once. */
export function encodeOrgPins(pins: readonly OrgPin[]): Uint8Array {
  if (pins.length > MAX_ORG_PINS) throw new CryptoError("bad_parameters", `more than ${MAX_ORG_PINS} pins`);
  const sorted = pins.map((pin) => ({ pin, id: utf8Encode(pin.orgId) })).sort((a, b) => compareBytes(a.id, b.id));
  const writer = new ByteWriter().u32(sorted.length);
  for (const [i, { pin, id }] of sorted.entries()) {
    if (id.length === 0 || id.length > MAX_ORG_ID_BYTES)
      throw new CryptoError("bad_parameters", "organisation id length");
    if (i > 0 && compareBytes(sorted[i - 1]!.id, id) === 0)
      throw new CryptoError("bad_parameters", "organisation pinned twice");
    writer.bytes(id).fixed(pin.rootSigningKey, KEY_LENGTH).u64(pin.pinnedAt);
  }
  return writer.finish();
}

/** The inverse of `encodeOrgPins`; anything it would not have written is `bad_format`. */
export function decodeOrgPins(plaintext: Uint8Array): OrgPin[] {
  const reader = new ByteReader(plaintext);
  const count = reader.u32();
  if (count > MAX_ORG_PINS) throw new CryptoError("bad_format", "too many pins");
  const pins: OrgPin[] = [];
  let previous: Uint8Array | null = null;
  for (let i = 0; i < count; i++) {
    const id = reader.bytes();
    if (id.length === 0 || id.length > MAX_ORG_ID_BYTES) throw new CryptoError("bad_format", "organisation id length");
    if (previous && compareBytes(previous, id) >= 0) throw new CryptoError("bad_format", "pins not in canonical order");
    previous = id;
    const rootSigningKey = reader.fixed(KEY_LENGTH).slice();
    const pinnedAt = reader.u64();
    pins.push({ orgId: utf8Decode(id), rootSigningKey, pinnedAt });
  }
  reader.end();
  return pins;
}

export async function encryptOrgPins(account: AccountPart, pins: readonly OrgPin[]): Promise<Uint8Array> {
  return encryptOrgPinsWithNonce(account, pins, randomBytes(GCM_NONCE_LENGTH));
}

/** Internal: deterministic variant with explicit nonce, used by encryptOrgPins and the vector generator. */
export async function encryptOrgPinsWithNonce(
  account: AccountPart,
  pins: readonly OrgPin[],
  nonce: Uint8Array,
): Promise<Uint8Array> {
  return sealOrgPinsPlaintext(account, encodeOrgPins(pins), nonce);
}

/** Internal (vectors of malformed plaintext): seals any bytes as an org-pins blob. */
export async function sealOrgPinsPlaintext(
  account: AccountPart,
  plaintext: Uint8Array,
  nonce: Uint8Array,
): Promise<Uint8Array> {
  const ct = await aesGcmEncrypt(pinsKey(account.masterKey), nonce, plaintext, pinsAad(account));
  return writeHeader(new ByteWriter(), BlobKind.orgPins).fixed(nonce, GCM_NONCE_LENGTH).fixed(ct, ct.length).finish();
}

/**
 * What the server can check without any key: header, kind and length. It
 * refuses what no browser could ever open; it proves nothing about content.
 */
export function checkOrgPinsBlob(blob: Uint8Array): void {
  const reader = new ByteReader(blob);
  readHeader(reader, BlobKind.orgPins);
  if (blob.length < MIN_BLOB || blob.length > MAX_ORG_PINS_BLOB) throw new CryptoError("bad_format", "blob length");
}

/**
 * Opens the pins. A blob from another account, under another master key or
 * changed in any bit fails with `decrypt_failed`; never returns partial pins.
 */
export async function decryptOrgPins(account: AccountPart, blob: Uint8Array): Promise<OrgPin[]> {
  checkOrgPinsBlob(blob);
  const reader = new ByteReader(blob);
  readHeader(reader, BlobKind.orgPins);
  const nonce = reader.fixed(GCM_NONCE_LENGTH);
  const ct = reader.fixed(reader.remaining());
  return decodeOrgPins(await aesGcmDecrypt(pinsKey(account.masterKey), nonce, ct, pinsAad(account)));
}

/**
 * Adds a pin. The same root again changes nothing (same list returned); a
 * different root for an organisation already pinned is `unknown_key` — a pin
 * is never replaced silently (an organisation that really changed its root
 * is a new organisation to its clients, ADR 0026).
 */
export function withOrgPin(pins: readonly OrgPin[], pin: OrgPin): readonly OrgPin[] {
  const existing = pins.find((p) => p.orgId === pin.orgId);
  if (existing) {
    if (!constantTimeEqual(existing.rootSigningKey, pin.rootSigningKey)) {
      throw new CryptoError("unknown_key", "this organisation is pinned to another root key");
    }
    return pins;
  }
  if (pins.length >= MAX_ORG_PINS) throw new CryptoError("bad_parameters", `more than ${MAX_ORG_PINS} pins`);
  return [...pins, pin];
}

/** The fingerprint `verifyOrgLog` compares (`pinnedRootFingerprint`), or undefined when not pinned. */
export function pinnedRootFingerprint(pins: readonly OrgPin[], orgId: string): string | undefined {
  const pin = pins.find((p) => p.orgId === orgId);
  return pin ? fingerprint(pin.rootSigningKey, "signing") : undefined;
}
