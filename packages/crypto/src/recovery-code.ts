// SPDX-License-Identifier: AGPL-3.0-or-later
import { entropyToMnemonic, mnemonicToEntropy } from "@scure/bip39";
import { wordlist } from "@scure/bip39/wordlists/english.js";
import { argon2id } from "hash-wasm";
import { CryptoError } from "./errors";
import { KEY_LENGTH, randomBytes } from "./primitives";

/**
 * Recovery codes are 12 BIP-39 English words = 128 bits of entropy plus a
 * 4-bit checksum. The checksum catches typos before an expensive Argon2id run.
 */
export function generateRecoveryCode(): string {
  return recoveryCodeFromEntropy(randomBytes(16));
}

/** Deterministic half of generateRecoveryCode (used by vectors). */
export function recoveryCodeFromEntropy(entropy: Uint8Array): string {
  if (entropy.length !== 16) throw new CryptoError("bad_parameters", "recovery code entropy must be 16 bytes");
  return entropyToMnemonic(entropy, wordlist);
}

/** Accepts any case and spacing a person might type; returns the 16 entropy bytes or throws `bad_format`. */
export function recoveryCodeEntropy(code: string): Uint8Array {
  const normalised = code.normalize("NFKD").trim().toLowerCase().split(/\s+/).join(" ");
  let entropy: Uint8Array;
  try {
    entropy = mnemonicToEntropy(normalised, wordlist);
  } catch (cause) {
    throw new CryptoError("bad_format", "recovery code is not a valid word list", { cause });
  }
  if (entropy.length !== 16) throw new CryptoError("bad_format", "recovery code must have 12 words");
  return entropy;
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
