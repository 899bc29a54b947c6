// SPDX-License-Identifier: AGPL-3.0-or-later
import { signWithDomain, verifyWithDomain } from "./primitives";
import { Label } from "./suite";

/**
 * Proof of possession of an account's signing key during recovery: the
 * client signs the server's random challenge under its own domain label, so
 * the signature can never be replayed as a log entry, epoch record or
 * message signature (and none of those can be replayed as this).
 */
export function signRecoveryChallenge(challenge: Uint8Array, signingSecretKey: Uint8Array): Uint8Array {
  return signWithDomain(Label.sigRecoveryChallenge, challenge, signingSecretKey);
}

/** Strict Ed25519 verification; false (never a throw) for any malformed input. */
export function verifyRecoveryChallenge(
  challenge: Uint8Array,
  signature: Uint8Array,
  signingPublicKey: Uint8Array,
): boolean {
  return verifyWithDomain(Label.sigRecoveryChallenge, challenge, signature, signingPublicKey);
}
