// SPDX-License-Identifier: AGPL-3.0-or-later
/** Shapes of test-vectors/crypto/*.json. All byte strings are lowercase hex. */
import type { Argon2idParams } from "../recovery-code";

export interface EnvelopeVectors {
  vectors: {
    name: string;
    epochKey: string;
    senderSecretKey: string;
    senderPublicKey: string;
    header: {
      conversationId: string;
      epoch: number;
      messageId: string;
      timestamp: number;
    };
    nonce: string;
    plaintext: string;
    blob: string;
  }[];
  /** Blobs that must be rejected with exactly this error code. */
  invalid: {
    name: string;
    epochKey: string;
    senderPublicKey: string;
    blob: string;
    expectedError: string;
  }[];
}

export interface KeyWrapVectors {
  vectors: {
    name: string;
    recipientSecretKey: string;
    recipientPublicKey: string;
    context: { purpose: string; fields: (string | number)[] };
    contextBytes: string;
    key: string;
    wrapped: string;
  }[];
}

export interface AccountKeyVectors {
  vectors: {
    name: string;
    masterKey: string;
    signingSecretKey: string;
    signingPublicKey: string;
    encryptionSecretKey: string;
    encryptionPublicKey: string;
    privateKeysNonce: string;
    encryptedPrivateKeys: string;
    exportKey: string;
    exportWrapNonce: string;
    masterWrapExport: string;
    recoveryEntropy: string;
    recoveryCode: string;
    /** The same entropy as 12 BIP-39 words, the form codes had before ADR 0025: must open the same wrap. */
    recoveryWords: string;
    argon2: Argon2idParams;
    recoverySalt: string;
    recoveryNonce: string;
    masterWrapRecovery: string;
    /** Raw bytes of the device key (a real one is non-extractable; vectors import these bytes as such). */
    deviceKey: string;
    deviceBinding: { accountId: string; deviceId: string };
    deviceWrapNonce: string;
    masterWrapDevice: string;
  }[];
}

export interface AttachmentStreamVectors {
  vectors: {
    name: string;
    fileKey: string;
    nonce: string;
    /** Either the plaintext itself or a length whose bytes are i mod 251 (keeps big vectors small). */
    plaintext?: string;
    patternLength?: number;
    padTo?: number;
    /** Either the full ciphertext or, for big vectors, its SHA-256. */
    ciphertext?: string;
    ciphertextSha256?: string;
  }[];
}

export interface OrgLogVectors {
  rootFingerprint: string;
  entries: string[];
  expected: {
    orgId: string;
    admins: string[];
    staff: string[];
    teams: Record<string, { members: string[]; generations: number[]; publishedAt?: number[] }>;
    /** Revoked staff keys and the seqs of the entries that certified and revoked them (ADR 0031). */
    formerStaff?: { accountId: string; signingKey: string; certifiedAt: number; revokedAt: number }[];
    contactForms: string[];
    /** Archive key generations the log announces (1 = genesis). */
    archiveGenerations: number[];
    archiveRotationOwed: boolean;
    /** Root key generations (1 = the genesis root). */
    rootGenerations: number[];
    rootRotationOwed: boolean;
    headSeq: number;
    headHash: string;
  };
  invalid: { name: string; entries: string[]; expectedError: string }[];
}

export interface FingerprintVectors {
  vectors: {
    publicKey: string;
    kind: "signing" | "encryption";
    fingerprint: string;
  }[];
  padSize: [number, number][];
}

/** The account part an org-pins blob is bound to (AAD: the public keys; key: HKDF of the master key). */
export interface OrgPinsAccount {
  masterKey: string;
  signingPublicKey: string;
  encryptionPublicKey: string;
}

export interface OrgPinsVectors {
  vectors: (OrgPinsAccount & {
    name: string;
    nonce: string;
    /** In canonical order (by the id's UTF-8 bytes); `fingerprint` is what verifyOrgLog compares. */
    pins: { orgId: string; rootSigningKey: string; pinnedAt: number; fingerprint: string }[];
    blob: string;
  })[];
  /** Blobs that must be refused with exactly this error code. */
  invalid: (OrgPinsAccount & { name: string; blob: string; expectedError: string })[];
}

/** Canned replies (blob kind 0x0b, CRYPTO.md §7f). The wrap is HPKE (randomised): checked by opening only. */
export interface CannedReplyVectors {
  vectors: {
    name: string;
    teamId: string;
    generation: number;
    teamSecretKey: string;
    teamPublicKey: string;
    authorSecretKey: string;
    authorPublicKey: string;
    timestamp: number;
    contentKey: string;
    nonce: string;
    content: { title: string; text: string; textInformal?: string };
    wrap: string;
    ciphertext: string;
  }[];
  /** Stored snippets that must be refused with exactly this error code. */
  invalid: {
    name: string;
    teamId: string;
    generation: number;
    teamSecretKey: string;
    /** Keys the reader trusts as authors. */
    authorKeys: string[];
    sealedGeneration: number;
    wrap: string;
    ciphertext: string;
    expectedError: string;
  }[];
}

export interface VectorFiles {
  envelope: EnvelopeVectors;
  keyWrap: KeyWrapVectors;
  accountKeys: AccountKeyVectors;
  attachmentStream: AttachmentStreamVectors;
  orgLog: OrgLogVectors;
  fingerprint: FingerprintVectors;
  orgPins: OrgPinsVectors;
  cannedReply: CannedReplyVectors;
}

export interface VectorResult {
  file: keyof VectorFiles;
  name: string;
  ok: boolean;
  error?: string;
}

/** Deterministic filler for large attachment vectors. */
export function patternBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = i % 251;
  return out;
}
