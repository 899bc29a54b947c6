// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * The part of @pdf-lib/fontkit (1.1.1, pinned) that the PDF writer uses. Its
 * bundled typings omit `layout`'s script and direction arguments and the
 * glyph positions, so the shapes are stated here once.
 */
export interface FkGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
  path: { commands: unknown[] };
}

export interface FkPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

export interface FkSubset {
  includeGlyph(glyph: number): number;
  encodeStream(): {
    on(event: "data", listener: (chunk: Uint8Array) => void): FkSubsetStream;
  };
}

interface FkSubsetStream {
  on(event: "data", listener: (chunk: Uint8Array) => void): FkSubsetStream;
  on(event: "end", listener: () => void): FkSubsetStream;
  on(event: "error", listener: (error: unknown) => void): FkSubsetStream;
}

export interface FkFont {
  unitsPerEm: number;
  numGlyphs: number;
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  postscriptName: string | null;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): FkGlyph;
  getGlyph(id: number, codePoints?: number[]): FkGlyph;
  layout(
    text: string | FkGlyph[],
    features?: string[],
    script?: string,
    language?: string,
    direction?: "ltr" | "rtl",
  ): { glyphs: FkGlyph[]; positions: FkPosition[] };
  createSubset(): FkSubset;
}
