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
