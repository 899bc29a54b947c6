// SPDX-License-Identifier: AGPL-3.0-or-later
import { isExifPrefix, orientationOnlyTiff, readOrientation } from "./exif-orientation";

/**
 * Photos lose their metadata in the browser before they are encrypted
 * (docs/CRYPTO.md, attachments): a phone photo's Exif names the place it was
 * taken (GPS), the time and the device, and XMP or text chunks can hold the
 * same — things a person seeking help may not know they are sending, and
 * the counsellor does not need. The cut is lossless: the image data is
 * copied byte for byte, only metadata blocks are dropped, and the file is
 * never re-encoded. Only the orientation survives (as a minimal Exif block,
 * exif-orientation.ts), or portrait photos would show lying on their side.
 *
 * JPEG: APP1 (Exif, XMP), APP3–APP13 and APP15 (IPTC, maker blocks),
 * non-ICC APP2 (FlashPix, MPF), JFXX, COM and anything after EOI go; JFIF
 * (its thumbnail dropped), ICC profile and Adobe (colour) stay. PNG: eXIf,
 * tEXt, iTXt, zTXt, tIME and every ancillary chunk not known to be about
 * rendering go. WebP: EXIF, XMP and unknown chunks go, the RIFF size and
 * the VP8X flags are fixed. Other files (GIF included, which has no Exif)
 * pass unchanged; a file that claims by its first bytes to be one of the
 * three but cannot be parsed is refused rather than sent as it is.
 */
export type ImageKind = "jpeg" | "png" | "webp";

export class ImageMetadataError extends Error {
  override readonly name = "ImageMetadataError";
}

/** The kind by the file's first bytes (never by its name or declared type, both of which the sender chose). */
export function imageKind(bytes: Uint8Array): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && PNG_SIGNATURE.every((v, i) => bytes[i] === v)) return "png";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "webp";
  return null;
}

/** The bytes without metadata (a new array), or the very input when it is no JPEG, PNG or WebP. */
export function stripMetadata(bytes: Uint8Array): Uint8Array {
  switch (imageKind(bytes)) {
    case "jpeg":
      return stripJpeg(bytes);
    case "png":
      return stripPng(bytes);
    case "webp":
      return stripWebp(bytes);
    default:
      return bytes;
  }
}

function fail(what: string): never {
  throw new ImageMetadataError(what);
}

// ---- JPEG ----------------------------------------------------------------------------------------

const SOS = 0xda;
const EOI = 0xd9;

function keepJpegSegment(marker: number, payload: Uint8Array): Uint8Array | null {
  if (marker === 0xfe) return null; // COM
  if (marker < 0xe0 || marker > 0xef) return payload; // tables, frame, scan headers, restart interval
  if (marker === 0xe0 && ascii(payload, 0, 5) === "JFIF\0") {
    // Version, units and density stay; an embedded thumbnail (a second, unstripped picture) goes.
    return payload.length >= 14 ? concat([payload.subarray(0, 12), new Uint8Array([0, 0])]) : payload;
  }
  if (marker === 0xe2 && ascii(payload, 0, 12) === "ICC_PROFILE\0") return payload;
  if (marker === 0xee && ascii(payload, 0, 5) === "Adobe") return payload;
  return null;
}

function segment(marker: number, payload: Uint8Array): Uint8Array {
  const length = payload.length + 2;
  if (length > 0xffff) fail("jpeg segment too long");
  return concat([new Uint8Array([0xff, marker, length >> 8, length & 0xff]), payload]);
}

function stripJpeg(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array([0xff, 0xd8])];
  let orientationDone = false;
  let i = 2;
  for (;;) {
    if (i >= b.length) fail("jpeg ends before its image");
    if (b[i] !== 0xff) fail("jpeg marker expected");
    while (i < b.length && b[i] === 0xff) i++; // fill bytes
    if (i >= b.length) fail("jpeg ends in a marker");
    const marker = b[i]!;
    i++;
    if (marker === EOI) {
      // Whatever follows EOI (maker trailers, appended pictures) is not part of this image.
      parts.push(new Uint8Array([0xff, EOI]));
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(new Uint8Array([0xff, marker]));
      continue;
    }
    if (marker === 0x00 || marker === 0xd8) fail("jpeg marker out of place");
    if (i + 2 > b.length) fail("jpeg segment length missing");
    const length = (b[i]! << 8) | b[i + 1]!;
    if (length < 2 || i + length > b.length) fail("jpeg segment length out of range");
    const payload = b.subarray(i + 2, i + length);
    i += length;
    const kept = keepJpegSegment(marker, payload);
    if (kept) parts.push(segment(marker, kept));
    else if (marker === 0xe1 && !orientationDone && isExifPrefix(payload, 0)) {
      orientationDone = true;
      const orientation = readOrientation(payload);
      if (orientation !== null) parts.push(segment(0xe1, concat([EXIF_PREFIX, orientationOnlyTiff(orientation)])));
    }
    if (marker === SOS) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
      let j = i;
      while (j < b.length) {
        if (b[j] !== 0xff || j + 1 >= b.length) {
          j++;
          continue;
        }
        const next = b[j + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) j += 2;
        else if (next === 0xff) j++;
        else break;
      }
      parts.push(b.subarray(i, j));
      i = j;
      // A cut-off scan (the file ends inside it) is kept as it is: browsers show what is there.
      if (i >= b.length) break;
    }
  }
  return concat(parts);
}

const EXIF_PREFIX = new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0]);

// ---- PNG -----------------------------------------------------------------------------------------

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Ancillary chunks about how to render the picture (colour, transparency, animation); all others go. */
const PNG_RENDERING = new Set([
  "tRNS",
  "gAMA",
  "cHRM",
  "sRGB",
  "iCCP",
  "sBIT",
  "bKGD",
  "pHYs",
  "sPLT",
  "hIST",
  "cICP",
  "mDCv",
  "cLLi",
  "acTL",
  "fcTL",
  "fdAT",
]);

function stripPng(b: Uint8Array): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  let orientationDone = false;
  let i = 8;
  let ended = false;
  while (!ended) {
    if (i + 12 > b.length) fail("png ends before IEND");
    const length = view.getUint32(i);
    const type = ascii(b, i + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) fail("png chunk type invalid");
    if (length > b.length - i - 12) fail("png chunk length out of range");
    const data = b.subarray(i + 8, i + 8 + length);
    const chunk = b.subarray(i, i + 12 + length);
    i += 12 + length;
    ended = type === "IEND";
    const critical = type.charCodeAt(0) < 0x61;
    if (critical || PNG_RENDERING.has(type)) parts.push(chunk);
    else if (type === "eXIf" && !orientationDone) {
      orientationDone = true;
      const orientation = readOrientation(data);
      if (orientation !== null) parts.push(pngChunk("eXIf", orientationOnlyTiff(orientation)));
    }
  }
  return concat(parts);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let k = 0; k < 4; k++) out[4 + k] = type.charCodeAt(k);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 as PNG uses it (ISO 3309, polynomial 0xEDB88320). */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---- WebP ----------------------------------------------------------------------------------------

/** Chunks of the image itself (RIFF container of the WebP spec); EXIF, XMP and unknown ones go. */
const WEBP_IMAGE = new Set(["VP8X", "ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L"]);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(b: Uint8Array): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > b.length || riffEnd < 12) fail("webp size out of range");
  const chunks: { fourcc: string; bytes: Uint8Array }[] = [];
  let orientation: number | null = null;
  let i = 12;
  while (i < riffEnd) {
    if (i + 8 > riffEnd) fail("webp chunk header cut off");
    const fourcc = ascii(b, i, 4);
    const size = view.getUint32(i + 4, true);
    if (size > riffEnd - i - 8) fail("webp chunk size out of range");
    const padded = Math.min(size + (size & 1), riffEnd - i - 8);
    const data = b.subarray(i + 8, i + 8 + size);
    const whole = concat([b.subarray(i, i + 8 + padded), new Uint8Array(size + (size & 1) - padded)]);
    i += 8 + padded;
    if (WEBP_IMAGE.has(fourcc)) chunks.push({ fourcc, bytes: whole });
    else if (fourcc === "EXIF" && orientation === null && chunks[0]?.fourcc === "VP8X") {
      orientation = readOrientation(data) ?? 0;
      if (orientation !== 0) chunks.push({ fourcc, bytes: webpChunk("EXIF", orientationOnlyTiff(orientation)) });
    }
  }
  if (chunks.length === 0) fail("webp without image");
  const first = chunks[0]!;
  if (first.fourcc === "VP8X") {
    if (first.bytes.length < 18) fail("webp VP8X too short");
    const flags = first.bytes[8]! & ~(VP8X_EXIF | VP8X_XMP);
    first.bytes[8] = orientation ? flags | VP8X_EXIF : flags;
  }
  const body = concat(chunks.map((c) => c.bytes));
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, 4 + body.length, true);
  return concat([header, body]);
}

function webpChunk(fourcc: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length + (data.length & 1));
  for (let k = 0; k < 4; k++) out[k] = fourcc.charCodeAt(k);
  new DataView(out.buffer).setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

// ---- bytes ---------------------------------------------------------------------------------------

function ascii(bytes: Uint8Array, at: number, length: number): string {
  let text = "";
  for (let k = at; k < at + length && k < bytes.length; k++) text += String.fromCharCode(bytes[k]!);
  return text;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
