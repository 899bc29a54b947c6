// SPDX-License-Identifier: AGPL-3.0-or-later
import { fromBase64Url } from "@obhut/crypto";
import { crc32 } from "./strip-metadata";

/**
 * Photos with metadata for the tests of strip-metadata.ts, built
 * deterministically: three tiny pictures as Chromium's canvas encodes them
 * (8×6 px; the JPEG carries an ICC profile, the WebP is an extended one
 * with ICCP), into which Exif with GPS, XMP, IPTC, comments and text chunks
 * are put the way cameras and phone apps put them.
 */
const b64 = (text: string) => fromBase64Url(text.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));

export const BASE = {
  jpeg: b64(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAGAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAbEAEAAAcAAAAAAAAAAAAAAAAAAgQGByEikf/EABUBAQEAAAAAAAAAAAAAAAAAAAQG/8QAHREAAAUFAAAAAAAAAAAAAAAAAAECBAYFFBUiI//aAAwDAQACEQMRAD8Anp63knrmDgCckj9xfK3MPi1Td49PQx//2Q==",
  ),
  png: b64(
    "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAYAAAD+Bd/7AAAAPklEQVR4AczKMRkAEBSF0f+TxCiEQQQRDEIYBRDihRDAKIYmVwOz4WzHwZZnKmEqDHWajKpF1iHKEeDlh3ABAAD//7ANHssAAAAGSURBVAMAAAMV1XUoFXgAAAAASUVORK5CYII=",
  ),
  webp: b64(
    "UklGRjwCAABXRUJQVlA4WAoAAAAgAAAABwAABQAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggTgAAABADAJ0BKggABgABQCYlsAJ0ugFAA+wC5APX/A2+9n/YAAD++V/SOp2mf64qLexiVLLxkw0ZuXZB7+xbR7l75DvvdB1/l38IP4HvOsGgAA==",
  ),
} as const;

/** Texts that stand for what must not leave the device: they appear only inside metadata. */
export const SECRETS = { device: "ObhutTestPhone", place: "Musterstadt Hinterhof 7", note: "aufgenommen zuhause" };

const text = (s: string) => new TextEncoder().encode(s);

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A TIFF/Exif block as a phone writes it: IFD0 with Make, (Orientation) and
 * a GPS pointer; the GPS IFD with N/E references and latitude/longitude as
 * degree/minute/second rationals (52° 31' 12", 13° 24' 36" — Berlin).
 */
export function gpsExif(options: { orientation?: number; little?: boolean } = {}): Uint8Array {
  const little = options.little ?? true;
  const make = text(`${SECRETS.device}\0`);
  const ifd0Entries = options.orientation ? 3 : 2;
  const ifd0At = 8;
  const ifd0Size = 2 + ifd0Entries * 12 + 4;
  const makeAt = ifd0At + ifd0Size;
  const gpsAt = makeAt + make.length + (make.length & 1);
  const gpsSize = 2 + 4 * 12 + 4;
  const latAt = gpsAt + gpsSize;
  const lonAt = latAt + 24;
  const out = new Uint8Array(lonAt + 24);
  const v = new DataView(out.buffer);
  out.set(little ? [0x49, 0x49] : [0x4d, 0x4d]);
  v.setUint16(2, 42, little);
  v.setUint32(4, ifd0At, little);
  const entry = (at: number, tag: number, type: number, count: number, value: (at: number) => void) => {
    v.setUint16(at, tag, little);
    v.setUint16(at + 2, type, little);
    v.setUint32(at + 4, count, little);
    value(at + 8);
  };
  v.setUint16(ifd0At, ifd0Entries, little);
  let e = ifd0At + 2;
  entry(e, 0x010f, 2, make.length, (at) => v.setUint32(at, makeAt, little));
  e += 12;
  if (options.orientation) {
    entry(e, 0x0112, 3, 1, (at) => v.setUint16(at, options.orientation!, little));
    e += 12;
  }
  entry(e, 0x8825, 4, 1, (at) => v.setUint32(at, gpsAt, little));
  out.set(make, makeAt);
  v.setUint16(gpsAt, 4, little);
  entry(gpsAt + 2, 0x0001, 2, 2, (at) => out.set(text("N\0"), at));
  entry(gpsAt + 14, 0x0002, 5, 3, (at) => v.setUint32(at, latAt, little));
  entry(gpsAt + 26, 0x0003, 2, 2, (at) => out.set(text("E\0"), at));
  entry(gpsAt + 38, 0x0004, 5, 3, (at) => v.setUint32(at, lonAt, little));
  [52, 1, 31, 1, 12, 1].forEach((n, k) => v.setUint32(latAt + 4 * k, n, little));
  [13, 1, 24, 1, 36, 1].forEach((n, k) => v.setUint32(lonAt + 4 * k, n, little));
  return out;
}

const xmp = () =>
  text(
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
      `<rdf:Description exif:GPSLatitude="52,31.2N" photoshop:City="${SECRETS.place}"/></rdf:RDF></x:xmpmeta>`,
  );

function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  const n = payload.length + 2;
  return concat([new Uint8Array([0xff, marker, n >> 8, n & 0xff]), payload]);
}

/** The JPEG with Exif (GPS), XMP, IPTC, a comment and a trailer after EOI, as phone apps leave them. */
export function jpegWithMetadata(
  options: { orientation?: number; little?: boolean; extra?: readonly Uint8Array[] } = {},
): Uint8Array {
  const base = BASE.jpeg;
  const app0End = 4 + ((base[4]! << 8) | base[5]!); // SOI, then the JFIF APP0
  const exif = concat([text("Exif\0\0"), gpsExif(options)]);
  const inserted = [
    jpegSegment(0xe1, exif),
    jpegSegment(0xe1, concat([text("http://ns.adobe.com/xap/1.0/\0"), xmp()])),
    jpegSegment(0xed, concat([text("Photoshop 3.0\x008BIM"), text(SECRETS.place)])),
    jpegSegment(0xfe, text(SECRETS.note)),
    ...(options.extra ?? []),
  ];
  return concat([base.subarray(0, app0End), ...inserted, base.subarray(app0End), text(`SEFH${SECRETS.device}`)]);
}

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  out.set(text(type), 4);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The PNG with eXIf (GPS), text chunks (XMP in iTXt, as tools write it) and a time stamp. */
export function pngWithMetadata(options: { orientation?: number; extra?: readonly Uint8Array[] } = {}): Uint8Array {
  const base = BASE.png;
  const ihdrEnd = 8 + 25;
  const iendAt = base.length - 12;
  return concat([
    base.subarray(0, ihdrEnd),
    pngChunk("eXIf", gpsExif({ ...options, little: false })),
    pngChunk("tEXt", text(`Comment\0${SECRETS.note}`)),
    pngChunk("iTXt", concat([text("XML:com.adobe.xmp\0\0\0\0\0"), xmp()])),
    pngChunk("tIME", new Uint8Array([0x07, 0xe8, 6, 1, 12, 0, 0])),
    ...(options.extra ?? []),
    base.subarray(ihdrEnd, iendAt),
    pngChunk("zTXt", concat([text("Author\0\0"), text(SECRETS.device)])),
    base.subarray(iendAt),
  ]);
}

export function webpChunk(fourcc: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length + (data.length & 1));
  out.set(text(fourcc));
  new DataView(out.buffer).setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

/** The extended WebP with EXIF (GPS) and XMP chunks after the image, their VP8X flags set. */
export function webpWithMetadata(options: { orientation?: number; extra?: readonly Uint8Array[] } = {}): Uint8Array {
  const base = BASE.webp;
  const body = concat([
    base.subarray(12),
    webpChunk("EXIF", gpsExif(options)),
    webpChunk("XMP ", xmp()),
    ...(options.extra ?? []),
  ]);
  const out = concat([base.subarray(0, 12), body]);
  new DataView(out.buffer).setUint32(4, 4 + body.length, true);
  out[20] = out[20]! | 0x08 | 0x04;
  return out;
}
