// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orientationOnlyTiff, readOrientation } from "./exif-orientation";
import { crc32, ImageMetadataError, imageKind, stripMetadata } from "./strip-metadata";
import {
  BASE,
  SECRETS,
  concat,
  gpsExif,
  jpegWithMetadata,
  pngChunk,
  pngWithMetadata,
  webpChunk,
  webpWithMetadata,
} from "./strip-metadata.test-util";

/*
 * The checks below read the files with their own small walkers (not the
 * code under test): every container must still parse, the image data must be
 * the same bytes, and the only Exif left may be the orientation-only block.
 */
const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const includes = (hay: Uint8Array, needle: string) => latin1(hay).includes(latin1(new TextEncoder().encode(needle)));
const noSecrets = (bytes: Uint8Array) => Object.values(SECRETS).filter((s) => includes(bytes, s));

interface Parsed {
  /** The bytes that make the picture: JPEG tables, frame and scans; PNG IHDR/PLTE/IDAT; WebP VP8/VP8L/ALPH. */
  image: Uint8Array;
  exif: Uint8Array[];
}

function parseJpeg(b: Uint8Array): Parsed {
  expect([b[0], b[1]]).toEqual([0xff, 0xd8]);
  const image: Uint8Array[] = [];
  const exif: Uint8Array[] = [];
  let i = 2;
  for (;;) {
    expect(b[i]).toBe(0xff);
    const marker = b[i + 1]!;
    if (marker === 0xd9) {
      expect(i + 2).toBe(b.length); // nothing after EOI
      return { image: concat(image), exif };
    }
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    const seg = b.subarray(i, i + 2 + length);
    if (marker === 0xe1) exif.push(seg.subarray(4));
    if ((marker < 0xe0 || marker > 0xef) && marker !== 0xfe) image.push(seg);
    i += 2 + length;
    if (marker === 0xda) {
      const eoi = b.length - 2;
      expect([b[eoi], b[eoi + 1]]).toEqual([0xff, 0xd9]);
      image.push(b.subarray(i, eoi));
      i = eoi;
    }
  }
}

function parsePng(b: Uint8Array): Parsed & { types: string[] } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const image: Uint8Array[] = [];
  const exif: Uint8Array[] = [];
  const types: string[] = [];
  let i = 8;
  while (i < b.length) {
    const length = v.getUint32(i);
    const type = latin1(b.subarray(i + 4, i + 8));
    expect(v.getUint32(i + 8 + length)).toBe(crc32(b.subarray(i + 4, i + 8 + length)));
    types.push(type);
    if (["IHDR", "PLTE", "IDAT", "IEND"].includes(type)) image.push(b.subarray(i, i + 12 + length));
    if (type === "eXIf") exif.push(b.subarray(i + 8, i + 8 + length));
    i += 12 + length;
  }
  expect(i).toBe(b.length);
  expect(types[0]).toBe("IHDR");
  expect(types.at(-1)).toBe("IEND");
  return { image: concat(image), exif, types };
}

function parseWebp(b: Uint8Array): Parsed & { flags: number } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  expect(v.getUint32(4, true)).toBe(b.length - 8);
  const image: Uint8Array[] = [];
  const exif: Uint8Array[] = [];
  let flags = 0;
  let i = 12;
  while (i < b.length) {
    const fourcc = latin1(b.subarray(i, i + 4));
    const size = v.getUint32(i + 4, true);
    const data = b.subarray(i + 8, i + 8 + size);
    if (fourcc === "VP8X") flags = data[0]!;
    if (["VP8 ", "VP8L", "ALPH"].includes(fourcc)) image.push(b.subarray(i, i + 8 + size));
    if (fourcc === "EXIF") exif.push(data);
    expect(["VP8X", "ICCP", "VP8 ", "VP8L", "ALPH", "EXIF"]).toContain(fourcc);
    i += 8 + size + (size & 1);
  }
  expect(i).toBe(b.length);
  // The EXIF flag is set exactly when an EXIF chunk is there; the XMP flag never.
  expect(flags & 0x04).toBe(0);
  expect(Boolean(flags & 0x08)).toBe(exif.length > 0);
  return { image: concat(image), exif, flags };
}

const PARSE = { jpeg: parseJpeg, png: parsePng, webp: parseWebp } as const;
const BUILD = { jpeg: jpegWithMetadata, png: pngWithMetadata, webp: webpWithMetadata } as const;
const KINDS = ["jpeg", "png", "webp"] as const;

/** The Exif blocks left hold only the orientation, or there are none. */
function expectOnlyOrientation(exif: Uint8Array[], orientation: number | undefined) {
  if (!orientation || orientation === 1) {
    expect(exif).toEqual([]);
    return;
  }
  expect(exif).toHaveLength(1);
  const block = exif[0]!;
  const tiff = latin1(block.subarray(0, 6)) === "Exif\0\0" ? block.subarray(6) : block;
  expect(tiff).toEqual(orientationOnlyTiff(orientation));
  expect(readOrientation(block)).toBe(orientation);
}

describe("stripMetadata", () => {
  it.each(KINDS)("drops GPS, XMP, comments and text from a %s and keeps the picture byte for byte", (kind) => {
    const photo = BUILD[kind]();
    expect(imageKind(photo)).toBe(kind);
    expect(noSecrets(photo)).toContain(SECRETS.device);
    const stripped = stripMetadata(photo);
    expect(noSecrets(stripped)).toEqual([]);
    expect(includes(stripped, "http://ns.adobe.com")).toBe(false);
    const before = PARSE[kind](kind === "webp" ? BASE.webp : BASE[kind]);
    const after = PARSE[kind](stripped);
    expect(after.image).toEqual(before.image);
    expectOnlyOrientation(after.exif, undefined);
  });

  it("leaves the canvas pictures themselves as they were (nothing to strip)", () => {
    for (const kind of KINDS) expect(stripMetadata(BASE[kind])).toEqual(BASE[kind]);
  });

  it.each(KINDS)("keeps a %s photo's orientation as the only Exif fact", (kind) => {
    const stripped = stripMetadata(BUILD[kind]({ orientation: 6 }));
    expect(noSecrets(stripped)).toEqual([]);
    expectOnlyOrientation(PARSE[kind](stripped).exif, 6);
  });

  it("keeps the ICC profile (colours) of the JPEG and the WebP", () => {
    expect(includes(stripMetadata(jpegWithMetadata()), "ICC_PROFILE")).toBe(true);
    expect(includes(stripMetadata(webpWithMetadata()), "ICCP")).toBe(true);
  });

  it("drops a JFIF thumbnail and unknown PNG and WebP chunks", () => {
    const jfif = stripMetadata(
      concat([
        BASE.jpeg.subarray(0, 2),
        new Uint8Array([0xff, 0xe0, 0, 19]),
        new TextEncoder().encode("JFIF\0"),
        new Uint8Array([1, 1, 0, 0, 1, 0, 1, 1, 1, 9, 9, 9]),
        BASE.jpeg.subarray(20),
      ]),
    );
    expect([...jfif.subarray(2, 20)]).toEqual([
      0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    ]);
    const png = parsePng(stripMetadata(pngWithMetadata({ extra: [pngChunk("prVt", new Uint8Array([1, 2, 3]))] })));
    expect(png.types).not.toContain("prVt");
    const webp = stripMetadata(webpWithMetadata({ extra: [webpChunk("ABCD", new Uint8Array([1, 2, 3]))] }));
    expect(includes(webp, "ABCD")).toBe(false);
    parseWebp(webp);
  });

  it("passes other files unchanged and refuses a broken picture instead of sending it as it is", () => {
    const gif = new TextEncoder().encode("GIF89a\x01\x00\x01\x00");
    expect(stripMetadata(gif)).toBe(gif);
    const text = new TextEncoder().encode("Hallo");
    expect(stripMetadata(text)).toBe(text);
    const photo = jpegWithMetadata();
    expect(() => stripMetadata(photo.subarray(0, 40))).toThrow(ImageMetadataError);
    expect(() => stripMetadata(pngWithMetadata().subarray(0, 60))).toThrow(ImageMetadataError);
    expect(() => stripMetadata(webpWithMetadata().subarray(0, 60))).toThrow(ImageMetadataError);
  });

  it("reads orientation from either byte order and ignores a missing or default one", () => {
    expect(readOrientation(gpsExif({ orientation: 8 }))).toBe(8);
    expect(readOrientation(gpsExif({ orientation: 3, little: false }))).toBe(3);
    expect(readOrientation(gpsExif({ orientation: 1 }))).toBeNull();
    expect(readOrientation(gpsExif())).toBeNull();
    expect(readOrientation(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});

describe("stripMetadata, properties", () => {
  const metadata = fc.record({
    kind: fc.constantFrom(...KINDS),
    orientation: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    little: fc.boolean(),
    blobs: fc.array(fc.uint8Array({ minLength: 0, maxLength: 300 }), { maxLength: 4 }),
  });
  /** Extra metadata blocks of random content: JPEG APPn/COM segments, PNG text chunks, WebP XMP chunks. */
  const extras = (kind: (typeof KINDS)[number], blobs: Uint8Array[]) =>
    blobs.map((blob, k) => {
      if (kind === "jpeg") {
        const marker = [0xe1, 0xe3, 0xe9, 0xed, 0xef, 0xfe, 0xe2][k % 7]!;
        return concat([new Uint8Array([0xff, marker, (blob.length + 2) >> 8, (blob.length + 2) & 0xff]), blob]);
      }
      if (kind === "png") return pngChunk(["tEXt", "zTXt", "iTXt", "eXIf", "tIME"][k % 5]!, blob);
      return webpChunk(k % 2 ? "XMP " : "EXIF", blob);
    });

  it("output parses, the picture is the same bytes, no Exif but the orientation, and stripping twice changes nothing", () => {
    fc.assert(
      fc.property(metadata, ({ kind, orientation, little, blobs }) => {
        const options = { orientation, little, extra: extras(kind, blobs) };
        const photo = BUILD[kind](options);
        const stripped = stripMetadata(photo);
        const parsed = PARSE[kind](stripped);
        expect(parsed.image).toEqual(PARSE[kind](BASE[kind]).image);
        expectOnlyOrientation(parsed.exif, orientation);
        expect(noSecrets(stripped)).toEqual([]);
        expect(stripMetadata(stripped)).toEqual(stripped);
      }),
      { numRuns: 200 },
    );
  });

  it("any bytes: the same bytes back, a stripped picture, or ImageMetadataError — never another failure", () => {
    const prefixes = [new Uint8Array([0xff, 0xd8, 0xff]), BASE.png.subarray(0, 8), BASE.webp.subarray(0, 12)];
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...prefixes), { nil: undefined }),
        fc.uint8Array({ maxLength: 400 }),
        (prefix, tail) => {
          const bytes = prefix ? concat([prefix, tail]) : tail;
          try {
            const out = stripMetadata(bytes);
            if (imageKind(bytes) === null) expect(out).toBe(bytes);
            else expect(out.length).toBeLessThanOrEqual(bytes.length + 64);
          } catch (error) {
            expect(error).toBeInstanceOf(ImageMetadataError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
