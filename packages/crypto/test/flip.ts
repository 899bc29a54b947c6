// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";

/** Arbitrary for "one bit position inside a blob of this length". */
export const bitIndex = (length: number) => fc.nat({ max: length * 8 - 1 });

export function flipBit(blob: Uint8Array, bit: number): Uint8Array {
  const out = blob.slice();
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}
