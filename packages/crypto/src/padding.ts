// SPDX-License-Identifier: AGPL-3.0-or-later
import { CryptoError } from "./errors";

/**
 * Padmé padding (Nikitin et al., "Reducing Metadata Leakage from Encrypted
 * Files and Communication with PURBs", 2019): rounds a length up so only
 * O(log log n) bits of it leak, with at most ~12 % overhead. Deterministic,
 * so the server learns a bucket, never the exact size.
 */
export function padSize(length: number, minimum = 256): number {
  if (!Number.isSafeInteger(length) || length < 0) throw new CryptoError("bad_parameters", "invalid length");
  if (length <= minimum) return minimum;
  // Integer bit lengths instead of Math.log2, whose rounding is engine-specific.
  const e = length.toString(2).length - 1;
  const s = e.toString(2).length;
  const step = 2 ** (e - s);
  return Math.ceil(length / step) * step;
}

/** A 4-byte big-endian length, the plaintext, zeros up to the Padmé bucket (at least `minimum` bytes). */
export function padWithLength(plaintext: Uint8Array, minimum: number): Uint8Array {
  const out = new Uint8Array(padSize(4 + plaintext.length, minimum));
  new DataView(out.buffer).setUint32(0, plaintext.length);
  out.set(plaintext, 4);
  return out;
}

/** The inverse of `padWithLength`; refuses a length past the end and padding that is not all zeros. */
export function unpadWithLength(padded: Uint8Array): Uint8Array {
  if (padded.length < 4) throw new CryptoError("bad_format", "padded plaintext too short");
  const length = new DataView(padded.buffer, padded.byteOffset, 4).getUint32(0);
  if (length > padded.length - 4) throw new CryptoError("bad_format", "bad padding length");
  if (padded.subarray(4 + length).some((b) => b !== 0)) throw new CryptoError("bad_format", "non-zero padding");
  return padded.slice(4, 4 + length);
}
