// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Stable error codes. Callers (server, web) switch on `code`, never on the
 * message, so these strings are part of the public API and must not change.
 */
export type CryptoErrorCode =
  | "bad_format" // blob cannot be parsed, wrong length, trailing bytes
  | "unsupported_version" // unknown format version or cipher suite
  | "bad_signature" // Ed25519 signature invalid or signer not authorised
  | "decrypt_failed" // AEAD / HPKE authentication failed (wrong key or tampered)
  | "chain_broken" // hash chain mismatch, gap, or fork
  | "rollback" // an older state than one already seen was presented
  | "unknown_key" // a referenced key is not in the trusted set
  | "invalid_transition" // a log entry is well-signed but not allowed in the current state
  | "bad_parameters" // caller passed out-of-range parameters (e.g. Argon2id limits)
  | "auth_failed"; // OPAQUE login failed (wrong password or tampered response)

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.name = "CryptoError";
    this.code = code;
  }
}

export function isCryptoError(error: unknown, code?: CryptoErrorCode): error is CryptoError {
  return error instanceof CryptoError && (code === undefined || error.code === code);
}
