// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The one Exif fact a photo keeps when its metadata is stripped
 * (strip-metadata.ts): the orientation (tag 0x0112), because phones store
 * pictures sideways and say so only there — without it a portrait photo
 * would show lying on its side. Everything else (place, time, device,
 * thumbnail) goes.
 */

const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/** The orientation 2–8 stated in IFD0 of a TIFF/Exif block, or null when absent, 1 (as stored) or unreadable. */
export function readOrientation(tiff: Uint8Array): number | null {
  const block = tiff.length >= 6 && isExifPrefix(tiff, 0) ? tiff.subarray(6) : tiff;
  if (block.length < 8) return null;
  const little = block[0] === 0x49 && block[1] === 0x49;
  const big = block[0] === 0x4d && block[1] === 0x4d;
  if (!little && !big) return null;
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  if (view.getUint16(2, little) !== 42) return null;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > block.length) return null;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > block.length) return null;
    if (view.getUint16(at, little) !== ORIENTATION_TAG) continue;
    if (view.getUint16(at + 2, little) !== SHORT) return null;
    const value = view.getUint16(at + 8, little);
    return value >= 2 && value <= 8 ? value : null;
  }
  return null;
}

/** A TIFF block (big-endian) whose IFD0 holds only the orientation: 26 bytes, nothing else to tell. */
export function orientationOnlyTiff(orientation: number): Uint8Array {
  const out = new Uint8Array(26);
  const view = new DataView(out.buffer);
  out.set([0x4d, 0x4d, 0x00, 0x2a]);
  view.setUint32(4, 8);
  view.setUint16(8, 1);
  view.setUint16(10, ORIENTATION_TAG);
  view.setUint16(12, SHORT);
  view.setUint32(14, 1);
  view.setUint16(18, orientation);
  view.setUint32(22, 0);
  return out;
}

/** "Exif\0\0", the prefix of an Exif block in JPEG APP1 (and, by some writers, in WebP). */
export function isExifPrefix(bytes: Uint8Array, at: number): boolean {
  return (
    bytes.length >= at + 6 &&
    bytes[at] === 0x45 &&
    bytes[at + 1] === 0x78 &&
    bytes[at + 2] === 0x69 &&
    bytes[at + 3] === 0x66 &&
    bytes[at + 4] === 0 &&
    bytes[at + 5] === 0
  );
}
