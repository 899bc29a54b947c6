// SPDX-License-Identifier: AGPL-3.0-or-later
import { PDFString, type PDFDocument, type PDFRef } from "pdf-lib";
import type { FkFont, FkSubset } from "./fontkit-types";

/** An embedded, subsetted font whose codes are handed out per (glyph, text, width). */
export interface CidFont {
  ref: PDFRef;
  /** The code that draws glyph `gid`, advances `width` (1/1000 em) and reads as `text` ("" reads as nothing). */
  code(gid: number, text: string, width: number): number;
  finish(): Promise<void>;
}

/**
 * A Type 0 font with a CIDToGIDMap, written here rather than by pdf-lib's
 * embedder because pdf-lib numbers codes by glyph: one glyph has one ToUnicode
 * entry, so glyphs shared by several characters (Farsi ی and Arabic ى in
 * their joined forms) or drawn for a ligature read back wrong. Here every
 * (glyph, text, width) gets its own code; the font program is still one
 * fontkit subset with each glyph once.
 */
export function createCidFont(doc: PDFDocument, font: FkFont, tag: string): CidFont {
  const ref = doc.context.nextRef();
  const scale = 1000 / font.unitsPerEm;
  const codes = new Map<string, number>();
  const entries: { gid: number; text: string; width: number }[] = [{ gid: 0, text: "", width: 0 }];

  return {
    ref,
    code(gid, text, width) {
      const rounded = Math.round(width * 1000) / 1000;
      const key = `${gid}\u0000${rounded}\u0000${text}`;
      let code = codes.get(key);
      if (code === undefined) {
        code = entries.length;
        if (code > 0xffff) throw new Error("pdf_font_codes_exhausted");
        entries.push({ gid, text, width: rounded });
        codes.set(key, code);
      }
      return code;
    },
    async finish() {
      const ctx = doc.context;
      const subset = font.createSubset();
      const map = new Uint8Array(entries.length * 2);
      entries.forEach((e, cid) => {
        const gid = subset.includeGlyph(e.gid);
        map[cid * 2] = gid >> 8;
        map[cid * 2 + 1] = gid & 0xff;
      });
      const program = await encodeSubset(subset);
      const name = `${tag}+${(font.postscriptName ?? "Font").replace(/[^A-Za-z0-9-]/g, "")}`;
      const { minX, minY, maxX, maxY } = font.bbox;
      const descriptor = ctx.register(
        ctx.obj({
          Type: "FontDescriptor",
          FontName: name,
          Flags: 4,
          FontBBox: [minX * scale, minY * scale, maxX * scale, maxY * scale].map(Math.round),
          ItalicAngle: font.italicAngle || 0,
          Ascent: Math.round(font.ascent * scale),
          Descent: Math.round(font.descent * scale),
          CapHeight: Math.round((font.capHeight || font.ascent) * scale),
          StemV: 80,
          FontFile2: ctx.register(ctx.flateStream(program, { Length1: program.length })),
        }),
      );
      const cidFont = ctx.register(
        ctx.obj({
          Type: "Font",
          Subtype: "CIDFontType2",
          BaseFont: name,
          CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 },
          FontDescriptor: descriptor,
          DW: 0,
          W: [1, entries.slice(1).map((e) => e.width)],
          CIDToGIDMap: ctx.register(ctx.flateStream(map)),
        }),
      );
      const toUnicode = ctx.register(ctx.flateStream(toUnicodeCMap(entries.map((e) => e.text))));
      ctx.assign(
        ref,
        ctx.obj({
          Type: "Font",
          Subtype: "Type0",
          BaseFont: name,
          Encoding: "Identity-H",
          DescendantFonts: [cidFont],
          ToUnicode: toUnicode,
        }),
      );
    },
  };
}

interface SubsetInternals {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

/**
 * fontkit copies each glyph's bytes as they are and then, for a small subset,
 * writes the short `loca` format, which stores offsets halved: a glyph of odd
 * length (Noto Emoji has them) shifts every later glyph by a byte and breaks
 * it. Padding each glyph to an even length, as TrueType expects, keeps them
 * whole.
 */
function padGlyphs(subset: FkSubset): void {
  const internals = subset as unknown as SubsetInternals;
  const add = internals._addGlyph.bind(internals);
  internals._addGlyph = (gid: number) => {
    const index = add(gid);
    const bytes = internals.glyf[index]!;
    if (bytes.length % 2 === 1) {
      const make = bytes.constructor as { alloc?: (n: number) => Uint8Array };
      const padded = make.alloc ? make.alloc(bytes.length + 1) : new Uint8Array(bytes.length + 1);
      padded.set(bytes);
      internals.glyf[index] = padded;
      internals.offset += 1;
    }
    return index;
  };
}

function encodeSubset(subset: FkSubset): Promise<Uint8Array> {
  padGlyphs(subset);
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    subset
      .encodeStream()
      .on("data", (chunk) => parts.push(chunk))
      .on("end", () => {
        const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of parts) {
          out.set(p, at);
          at += p.length;
        }
        resolve(out);
      })
      .on("error", reject);
  });
}

const hex4 = (n: number) => n.toString(16).padStart(4, "0");
/** UTF-16BE, as ToUnicode wants it. */
const utf16 = (text: string) => Array.from({ length: text.length }, (_, i) => hex4(text.charCodeAt(i))).join("");

/** The ToUnicode CMap: one bfchar per code that reads as something (at most 100 per block, as the format requires). */
export function toUnicodeCMap(texts: string[]): string {
  const pairs = texts.flatMap((text, code) => (text === "" ? [] : [`<${hex4(code)}> <${utf16(text)}>`]));
  const blocks: string[] = [];
  for (let i = 0; i < pairs.length; i += 100) {
    const block = pairs.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join("\n")}\nendbfchar`);
  }
  return [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange",
    "<0000> <ffff>",
    "endcodespacerange",
    ...blocks,
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
  ].join("\n");
}
