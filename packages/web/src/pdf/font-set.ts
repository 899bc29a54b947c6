// SPDX-License-Identifier: AGPL-3.0-or-later
import fontkit from "@pdf-lib/fontkit";
import type { FkFont } from "./fontkit-types";

/**
 * The fonts a PDF can draw with, in the order they are tried (ADR 0043): Noto
 * Sans in the slices Fontsource ships it (Latin, Latin Extended for Turkish,
 * Polish …, Cyrillic, Greek), Noto Sans Arabic (Arabic, Farsi, Urdu) and the
 * monochrome Noto Emoji. Each is loaded only when the document has text for
 * it, and only when a PDF is made.
 */
export const PDF_FONTS = ["latin", "latin-ext", "cyrillic", "cyrillic-ext", "greek", "arabic", "emoji"] as const;
export type PdfFontName = (typeof PDF_FONTS)[number];

/** Returns a font file's bytes (WOFF). The browser fetches them from Obhut itself; tests read them from disk. */
export type FontLoader = (name: PdfFontName) => Promise<Uint8Array>;

type Ranges = [number, number][];

/** Code points that make a font worth loading (roughly the unicode-range of its file; the cmap decides the rest). */
const WANTS: Record<PdfFontName, Ranges> = {
  latin: [
    [0x20, 0xff],
    [0x2000, 0x206f],
    [0x20ac, 0x20ac],
    [0x2122, 0x2122],
  ],
  "latin-ext": [
    [0x100, 0x24f],
    [0x1e00, 0x1eff],
    [0x2c60, 0x2c7f],
    [0xa720, 0xa7ff],
  ],
  cyrillic: [
    [0x400, 0x45f],
    [0x490, 0x491],
    [0x4b0, 0x4b1],
    [0x2116, 0x2116],
  ],
  "cyrillic-ext": [
    [0x460, 0x48f],
    [0x492, 0x4af],
    [0x4b2, 0x52f],
    [0x1c80, 0x1c8a],
    [0x2de0, 0x2dff],
    [0xa640, 0xa69f],
  ],
  greek: [
    [0x370, 0x3ff],
    [0x1f00, 0x1fff],
  ],
  arabic: [
    [0x600, 0x6ff],
    [0x750, 0x77f],
    [0x870, 0x8ff],
    [0xfb50, 0xfdff],
    [0xfe70, 0xfeff],
  ],
  emoji: [
    [0x2190, 0x21ff],
    [0x2300, 0x23ff],
    [0x2460, 0x27bf],
    [0x2900, 0x297f],
    [0x2b00, 0x2bff],
    [0x3030, 0x3030],
    [0x303d, 0x303d],
    [0x3297, 0x3299],
    [0x1f000, 0x1faff],
  ],
};

const within = (cp: number, ranges: Ranges) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

export interface PdfFont {
  name: PdfFontName;
  font: FkFont;
  /** A glyph that draws nothing: carries text that has no glyph of its own (ADR 0043, "slots"). */
  emptyGlyph: number;
}

/** Parsed fonts by their bytes: a second PDF from the same bytes skips parsing (and fontkit's table decoding). */
const parsed = new WeakMap<Uint8Array, FkFont>();

/** Loads the fonts the given texts need (always Latin: labels, digits, punctuation). */
export async function loadFontsFor(texts: Iterable<string>, load: FontLoader): Promise<PdfFont[]> {
  const needed = new Set<PdfFontName>(["latin"]);
  for (const text of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      for (const name of PDF_FONTS) if (within(cp, WANTS[name])) needed.add(name);
    }
  }
  const names = PDF_FONTS.filter((n) => needed.has(n));
  return Promise.all(
    names.map(async (name) => {
      const bytes = await load(name);
      const font = parsed.get(bytes) ?? (fontkit.create(bytes) as unknown as FkFont);
      parsed.set(bytes, font);
      return { name, font, emptyGlyph: findEmptyGlyph(font) };
    }),
  );
}

function findEmptyGlyph(font: FkFont): number {
  for (const cp of [0x20, 0x200b, 0x200c, 0x200d, 0xa0, 0x2009]) {
    if (!font.hasGlyphForCodePoint(cp)) continue;
    const glyph = font.glyphForCodePoint(cp);
    if (glyph.path.commands.length === 0) return glyph.id;
  }
  for (let id = 1; id < Math.min(font.numGlyphs, 2000); id++) {
    if (font.getGlyph(id).path.commands.length === 0) return id;
  }
  return 0;
}

/** Default-ignorable code points (joiners, variation selectors, bidi marks, tags): they ride with their neighbour. */
const IGNORABLE: Ranges = [
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x61c, 0x61c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe0fff],
];
export const isIgnorable = (cp: number) => within(cp, IGNORABLE);
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3|\ufe0f/u;
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]+$/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The font of each UTF-16 index of a paragraph, chosen per grapheme cluster:
 * emoji sequences go to the emoji font, other clusters to the first font that
 * has all their characters; spaces, digits and punctuation stay with the text
 * font before them when it has them, so a run of Arabic is not cut at each
 * space (but not with the emoji font, whose space is two ems wide).
 */
export function assignFonts(text: string, fonts: PdfFont[]): Uint8Array {
  const out = new Uint8Array(text.length);
  const emoji = fonts.findIndex((f) => f.name === "emoji");
  let previous = -1;
  for (const { segment, index } of graphemes.segment(text)) {
    const cps = [...segment].map((c) => c.codePointAt(0)!).filter((cp) => !isIgnorable(cp));
    const has = (i: number) => cps.every((cp) => fonts[i]!.font.hasGlyphForCodePoint(cp));
    let chosen = -1;
    if (emoji >= 0 && EMOJI.test(segment) && cps.length > 0 && fonts[emoji]!.font.hasGlyphForCodePoint(cps[0]!)) {
      chosen = emoji;
    } else if (previous >= 0 && previous !== emoji && (cps.length === 0 || NEUTRAL.test(segment)) && has(previous)) {
      chosen = previous;
    } else {
      chosen = fonts.findIndex((_, i) => i !== emoji && has(i));
      if (chosen < 0) chosen = fonts.findIndex((_, i) => has(i));
      // Nothing draws it: the first font shows its "missing glyph" box, the text inside stays exact.
      if (chosen < 0) chosen = previous >= 0 ? previous : 0;
    }
    out.fill(chosen, index, index + segment.length);
    previous = chosen;
  }
  return out;
}
