// SPDX-License-Identifier: AGPL-3.0-or-later
import { sha256 } from "@noble/hashes/sha2.js";
import { base32crockford } from "@scure/base";
import { entropyToMnemonic, mnemonicToEntropy } from "@scure/bip39";
import { wordlist } from "@scure/bip39/wordlists/english.js";
import { argon2id } from "hash-wasm";
import { CryptoError } from "./errors";
import { KEY_LENGTH, randomBytes } from "./primitives";

/**
 * A recovery code carries 128 bits of entropy (the Argon2id input of the
 * recovery wrap, master-key-wrap.ts). Since ADR 0025 it is written as 28
 * characters of Crockford's Base32 (digits and capital letters without
 * I, L, O, U), in seven groups of four: 16 entropy bytes plus one checksum
 * byte (the first byte of SHA-256 of the entropy) = 136 bits, padded with
 * four zero bits. Nothing in it is English; a person can copy it by hand and
 * type it back in any case, with or without the dashes, and I/L read as 1, O
 * as 0. The checksum catches a typo before an expensive Argon2id run.
 *
 * Codes made before ADR 0025 are 12 BIP-39 English words over the same 16
 * bytes; they keep working (recoveryCodeEntropy accepts both), and both forms
 * of one entropy open the same wrap.
 */
export const RECOVERY_CODE_GROUPS = 7;
const GROUP = 4;
const ENTROPY_BYTES = 16;

export function generateRecoveryCode(): string {
  return recoveryCodeFromEntropy(randomBytes(ENTROPY_BYTES));
}

/** Deterministic half of generateRecoveryCode (used by vectors): "XXXX-XXXX-…" (7 groups). */
export function recoveryCodeFromEntropy(entropy: Uint8Array): string {
  checkEntropy(entropy);
  const text = base32crockford.encode(withChecksum(entropy));
  return text.match(/.{4}/g)!.join("-");
}

/** The pre-ADR-0025 form of the same entropy: 12 BIP-39 English words (vectors and tests of old codes). */
export function legacyRecoveryWordsFromEntropy(entropy: Uint8Array): string {
  checkEntropy(entropy);
  return entropyToMnemonic(entropy, wordlist);
}

/**
 * Accepts any case, spacing and dashes a person might type, in either form;
 * returns the 16 entropy bytes or throws `bad_format` (also for a code whose
 * checksum does not match, i.e. a typo).
 */
export function recoveryCodeEntropy(code: string): Uint8Array {
  const normalised = code.normalize("NFKC").trim();
  const compact = normalised.replace(/[\s\-–—_.]+/g, "");
  // 12 words are at least 36 letters: a 28-character string is never an old code.
  if (compact.length === RECOVERY_CODE_GROUPS * GROUP) return characterCodeEntropy(compact);
  return wordCodeEntropy(normalised);
}

function characterCodeEntropy(compact: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = base32crockford.decode(compact.toUpperCase());
  } catch (cause) {
    throw new CryptoError("bad_format", "recovery code has characters outside its alphabet", { cause });
  }
  if (bytes.length !== ENTROPY_BYTES + 1) throw new CryptoError("bad_format", "recovery code has the wrong length");
  const entropy = bytes.slice(0, ENTROPY_BYTES);
  if (bytes[ENTROPY_BYTES] !== checksum(entropy)) throw new CryptoError("bad_format", "recovery code has a typo");
  return entropy;
}

function wordCodeEntropy(normalised: string): Uint8Array {
  const words = normalised.normalize("NFKD").toLowerCase().split(/\s+/).join(" ");
  let entropy: Uint8Array;
  try {
    entropy = mnemonicToEntropy(words, wordlist);
  } catch (cause) {
    throw new CryptoError("bad_format", "recovery code is neither 28 characters nor a valid word list", { cause });
  }
  if (entropy.length !== ENTROPY_BYTES) throw new CryptoError("bad_format", "recovery code must have 12 words");
  return entropy;
}

function checkEntropy(entropy: Uint8Array): void {
  if (entropy.length !== ENTROPY_BYTES)
    throw new CryptoError("bad_parameters", "recovery code entropy must be 16 bytes");
}

function checksum(entropy: Uint8Array): number {
  return sha256(entropy)[0]!;
}

function withChecksum(entropy: Uint8Array): Uint8Array {
  const out = new Uint8Array(ENTROPY_BYTES + 1);
  out.set(entropy);
  out[ENTROPY_BYTES] = checksum(entropy);
  return out;
}

export interface Argon2idParams {
  /** Memory in KiB. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/**
 * RFC 9106 §4, second recommended option (m = 64 MiB, t = 3, p = 4), which
 * is also above the OWASP minimum. hash-wasm runs single-threaded, so p = 4
 * costs us no more time than p = 1 but is what the RFC specifies.
 * Stored in every wrapped blob so it can be raised for new wraps later.
 */
export const DEFAULT_ARGON2ID_PARAMS: Argon2idParams = {
  memoryKiB: 65536,
  iterations: 3,
  parallelism: 4,
};

/**
 * Limits applied to parameters read from a stored blob: the lower bound is
 * Argon2's own (8·p KiB); the upper bound stops a hostile server from making
 * a client allocate gigabytes or spin for minutes.
 */
export const ARGON2ID_LIMITS = {
  maxMemoryKiB: 1 << 20,
  maxIterations: 16,
  maxParallelism: 16,
} as const;

export function checkArgon2idParams(p: Argon2idParams): void {
  const ok =
    Number.isInteger(p.memoryKiB) &&
    Number.isInteger(p.iterations) &&
    Number.isInteger(p.parallelism) &&
    p.parallelism >= 1 &&
    p.parallelism <= ARGON2ID_LIMITS.maxParallelism &&
    p.iterations >= 1 &&
    p.iterations <= ARGON2ID_LIMITS.maxIterations &&
    p.memoryKiB >= 8 * p.parallelism &&
    p.memoryKiB <= ARGON2ID_LIMITS.maxMemoryKiB;
  if (!ok) throw new CryptoError("bad_parameters", "Argon2id parameters out of range");
}

export async function deriveArgon2idKey(
  secret: Uint8Array,
  salt: Uint8Array,
  params: Argon2idParams,
): Promise<Uint8Array> {
  checkArgon2idParams(params);
  if (salt.length < 16) throw new CryptoError("bad_parameters", "Argon2id salt must be at least 16 bytes");
  return argon2id({
    password: secret,
    salt,
    iterations: params.iterations,
    parallelism: params.parallelism,
    memorySize: params.memoryKiB,
    hashLength: KEY_LENGTH,
    outputType: "binary",
  });
}
