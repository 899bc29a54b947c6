// SPDX-License-Identifier: AGPL-3.0-or-later
import { concatBytes, constantTimeEqual } from "./encoding";
import { CryptoError } from "./errors";
import { ByteReader, ByteWriter } from "./framing";
import { unwrapKey, wrapContext, wrapKey } from "./hpke";
import {
  KEY_LENGTH,
  SIGNATURE_LENGTH,
  type SigningKeyPair,
  keyCommitment,
  randomBytes,
  sha256,
  signWithDomain,
  verifyWithDomain,
} from "./primitives";
import { BlobKind, Label, readHeader, writeHeader } from "./suite";
import type { MemberKey } from "./team-keys";

/**
 * A conversation epoch: one 32-byte AES key, used until the next epoch —
 * owed when a reader leaves or after the organisation's message or day limit
 * (docs/CRYPTO.md §7b; the library does not count). The record is signed by
 * whoever started it and chained to the previous epoch's record, so the
 * server can neither forge a membership change nor replay an old epoch.
 */
export interface EpochRecord {
  conversationId: string;
  /** Starts at 1, increases by exactly one. */
  epoch: number;
  /** SHA-256 of the previous record's encoding; zero bytes for epoch 1. */
  prevEpochHash: Uint8Array;
  membersHash: Uint8Array;
  teamId: string;
  teamKeyGeneration: number;
  /** The archive public key the key was wrapped to (must match the org log). */
  archiveKey: Uint8Array;
  /** Hash of the epoch key: recipients check the key they unwrapped against it. */
  keyCommitment: Uint8Array;
  timestamp: number;
  signerKeyId: Uint8Array;
  signature: Uint8Array;
}

export interface EpochKeyWraps {
  participants: { memberKeyId: Uint8Array; wrapped: Uint8Array }[];
  team: Uint8Array;
  archive: Uint8Array;
}

export type EpochWrapRole = "participant" | "team" | "archive";

const ZERO = new Uint8Array(32);

/**
 * members hash = SHA-256( string(label) || u32 n || for each participant,
 * sorted by signing key bytes: signingKey(32) || encryptionKey(32) ).
 * Sorting makes it independent of list order; including the encryption key
 * stops a server from swapping it.
 */
export function membersHash(participants: readonly MemberKey[]): Uint8Array {
  const sorted = [...participants].sort((a, b) => compareBytes(a.signingKey, b.signingKey));
  const w = new ByteWriter().string(Label.membersHash).u32(sorted.length);
  for (const p of sorted) w.fixed(p.signingKey, KEY_LENGTH).fixed(p.encryptionKey, KEY_LENGTH);
  return sha256(w.finish());
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function epochRecordBody(r: Omit<EpochRecord, "signature">): Uint8Array {
  return writeHeader(new ByteWriter(), BlobKind.epochRecord)
    .string(r.conversationId)
    .u32(r.epoch)
    .fixed(r.prevEpochHash, 32)
    .fixed(r.membersHash, 32)
    .string(r.teamId)
    .u32(r.teamKeyGeneration)
    .fixed(r.archiveKey, KEY_LENGTH)
    .fixed(r.keyCommitment, 32)
    .u64(r.timestamp)
    .fixed(r.signerKeyId, KEY_LENGTH)
    .finish();
}

export function encodeEpochRecord(r: EpochRecord): Uint8Array {
  return concatBytes(epochRecordBody(r), new ByteWriter().fixed(r.signature, SIGNATURE_LENGTH).finish());
}

export function decodeEpochRecord(bytes: Uint8Array): EpochRecord {
  const rd = new ByteReader(bytes);
  readHeader(rd, BlobKind.epochRecord);
  const record: EpochRecord = {
    conversationId: rd.string(),
    epoch: rd.u32(),
    prevEpochHash: rd.fixed(32).slice(),
    membersHash: rd.fixed(32).slice(),
    teamId: rd.string(),
    teamKeyGeneration: rd.u32(),
    archiveKey: rd.fixed(KEY_LENGTH).slice(),
    keyCommitment: rd.fixed(32).slice(),
    timestamp: rd.u64(),
    signerKeyId: rd.fixed(KEY_LENGTH).slice(),
    signature: rd.fixed(SIGNATURE_LENGTH).slice(),
  };
  rd.end();
  return record;
}

export function epochRecordHash(r: EpochRecord): Uint8Array {
  return sha256(encodeEpochRecord(r));
}

const wrapCtx = (conversationId: string, epoch: number, role: EpochWrapRole) =>
  wrapContext("epoch-key", [conversationId, epoch, role]);

export interface CreateEpochProps {
  conversationId: string;
  previous: EpochRecord | null;
  participants: readonly MemberKey[];
  team: { teamId: string; generation: number; publicKey: Uint8Array };
  archiveKey: Uint8Array;
  signer: SigningKeyPair;
  timestamp: number;
}

export async function createEpoch(props: CreateEpochProps): Promise<{
  record: EpochRecord;
  epochKey: Uint8Array;
  wraps: EpochKeyWraps;
}> {
  return createEpochWithKey(props, randomBytes(KEY_LENGTH));
}

/** Internal: explicit epoch key (vectors). The wraps are still randomised by HPKE. */
export async function createEpochWithKey(
  props: CreateEpochProps,
  epochKey: Uint8Array,
): Promise<{
  record: EpochRecord;
  epochKey: Uint8Array;
  wraps: EpochKeyWraps;
}> {
  const record = signEpochRecord(
    {
      conversationId: props.conversationId,
      epoch: props.previous ? props.previous.epoch + 1 : 1,
      prevEpochHash: props.previous ? epochRecordHash(props.previous) : ZERO,
      membersHash: membersHash(props.participants),
      teamId: props.team.teamId,
      teamKeyGeneration: props.team.generation,
      archiveKey: props.archiveKey,
      keyCommitment: keyCommitment(epochKey),
      timestamp: props.timestamp,
      signerKeyId: props.signer.publicKey,
    },
    props.signer,
  );
  const { conversationId, epoch } = record;
  const wraps: EpochKeyWraps = {
    participants: await Promise.all(
      props.participants.map(async (p) => ({
        memberKeyId: p.signingKey,
        wrapped: await wrapKey(p.encryptionKey, epochKey, wrapCtx(conversationId, epoch, "participant")),
      })),
    ),
    team: await wrapKey(props.team.publicKey, epochKey, wrapCtx(conversationId, epoch, "team")),
    archive: await wrapKey(props.archiveKey, epochKey, wrapCtx(conversationId, epoch, "archive")),
  };
  return { record, epochKey, wraps };
}

function signEpochRecord(unsigned: Omit<EpochRecord, "signature">, signer: SigningKeyPair): EpochRecord {
  return {
    ...unsigned,
    signature: signWithDomain(Label.sigEpoch, epochRecordBody(unsigned), signer.secretKey),
  };
}

/**
 * `isAuthorisedSigner` answers from the verified org log (certified staff of
 * the team) or the case binding; an unknown signer is `unknown_key`.
 */
export function verifyEpochRecord(record: EpochRecord, isAuthorisedSigner: (signingKey: Uint8Array) => boolean): void {
  if (!isAuthorisedSigner(record.signerKeyId)) throw new CryptoError("unknown_key", "epoch signer is not authorised");
  if (!verifyWithDomain(Label.sigEpoch, epochRecordBody(record), record.signature, record.signerKeyId)) {
    throw new CryptoError("bad_signature", "epoch record signature invalid");
  }
}

/** Opens one of the wraps and checks the key against the signed commitment. */
export async function unwrapEpochKey(props: {
  record: EpochRecord;
  role: EpochWrapRole;
  wrapped: Uint8Array;
  recipientSecretKey: Uint8Array;
}): Promise<Uint8Array> {
  const { record } = props;
  const key = await unwrapKey(
    props.recipientSecretKey,
    props.wrapped,
    wrapCtx(record.conversationId, record.epoch, props.role),
  );
  if (!constantTimeEqual(keyCommitment(key), record.keyCommitment)) {
    throw new CryptoError("decrypt_failed", "epoch key does not match its signed commitment");
  }
  return key;
}

/**
 * Wraps an existing epoch key to another team's key (a case handed over to
 * another team, or a team key rotation that re-wraps history). The wrap uses
 * the same context as the team wrap made with the epoch, so the receiving
 * team opens it with `unwrapEpochKey({ role: "team" })`, which still checks
 * the key against the record's signed commitment: a wrong key cannot be
 * slipped in this way. The key is checked here too, so a caller cannot
 * publish a wrap that recipients would refuse.
 */
export async function wrapEpochKeyForTeam(
  record: EpochRecord,
  epochKey: Uint8Array,
  teamPublicKey: Uint8Array,
): Promise<Uint8Array> {
  if (!constantTimeEqual(keyCommitment(epochKey), record.keyCommitment)) {
    throw new CryptoError("bad_parameters", "epoch key does not match the record's commitment");
  }
  return wrapKey(teamPublicKey, epochKey, wrapCtx(record.conversationId, record.epoch, "team"));
}

/**
 * Wraps an existing epoch key to one more participant (a case re-bound to the
 * client's new account: docs/CRYPTO.md, "Case re-binding"). Same context as
 * the participant wraps made with the epoch, so the recipient opens it with
 * `unwrapEpochKey({ role: "participant" })`, which checks the key against the
 * record's signed commitment; checked here too, like `wrapEpochKeyForTeam`.
 */
export async function wrapEpochKeyForParticipant(
  record: EpochRecord,
  epochKey: Uint8Array,
  encryptionPublicKey: Uint8Array,
): Promise<Uint8Array> {
  if (!constantTimeEqual(keyCommitment(epochKey), record.keyCommitment)) {
    throw new CryptoError("bad_parameters", "epoch key does not match the record's commitment");
  }
  return wrapKey(encryptionPublicKey, epochKey, wrapCtx(record.conversationId, record.epoch, "participant"));
}
