// SPDX-License-Identifier: AGPL-3.0-or-later
import bidiFactory from "bidi-js";
import { assignFonts, isIgnorable, type PdfFont } from "./font-set";
import type { FkFont, FkGlyph } from "./fontkit-types";

const bidi = bidiFactory();

/**
 * One user-perceived unit of a line: a base glyph with its marks, a ligature,
 * an emoji sequence. `text` is the exact characters it stands for, in logical
 * order; `x0`..`x1` its box on the line. ADR 0043 explains how it is written.
 */
export interface Cluster {
  font: number;
  text: string;
  /** On a right-to-left level (Unicode bidi algorithm): its characters read right to left. */
  rtl: boolean;
  x0: number;
  x1: number;
  /** Outlines to draw, at x (points from the line's start) and raised by dy. */
  glyphs: { gid: number; x: number; dy: number }[];
}

export interface Paragraph {
  text: string;
  rtl: boolean;
  levels: Uint8Array;
  fonts: Uint8Array;
}

/**
 * The bidi algorithm in bidi-js reads UTF-16 units one by one and would take
 * an emoji's surrogates for strong left-to-right letters; a stand-in of the
 * same bidi class (two units, so indices stay put) fixes that.
 */
function forBidi(text: string): string {
  return text.replace(/[\u{10000}-\u{10ffff}]/gu, (c) => {
    const cp = c.codePointAt(0)!;
    if ((cp >= 0x10800 && cp <= 0x10fff) || (cp >= 0x1e800 && cp <= 0x1efff)) return "\u05d0\u05d0"; // R
    if (cp >= 0xe0000 && cp <= 0xe0fff) return "\u200b\u200b"; // BN (tags)
    if (/\p{Regional_Indicator}/u.test(c)) return "aa"; // L
    if (/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{S}|\p{P}/u.test(c)) return "\ufffc\ufffc"; // ON
    return "aa";
  });
}

const TRAILING = new Set(["WS", "S", "B", "BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"]);

/** Resolves a paragraph's direction (its first strong letter, else the document's) and bidi levels. */
export function analyseParagraph(text: string, fonts: PdfFont[], documentRtl: boolean): Paragraph {
  const stand = forBidi(text);
  let rtl = documentRtl;
  for (const ch of stand) {
    const type = bidi.getBidiCharTypeName(ch);
    if (type === "L" || type === "R" || type === "AL") {
      rtl = type !== "L";
      break;
    }
  }
  const { levels } = bidi.getEmbeddingLevels(stand, rtl ? "rtl" : "ltr");
  return { text, rtl, levels, fonts: assignFonts(text, fonts) };
}

/** Visual order of the line's UTF-16 indices (rules L1 and L2 of the bidi algorithm). */
function visualOrder(p: Paragraph, start: number, end: number): { order: number[]; levels: number[] } {
  const base = p.rtl ? 1 : 0;
  const levels = Array.from(p.levels.subarray(start, end));
  const stand = forBidi(p.text.slice(start, end));
  for (let i = levels.length - 1; i >= 0 && TRAILING.has(bidi.getBidiCharTypeName(stand[i]!)); i--) levels[i] = base;
  const order = levels.map((_, i) => i);
  const max = Math.max(base, ...levels);
  const minOdd = Math.min(...levels.map((l) => l | 1), max | 1);
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < order.length; i++) {
      if (levels[order[i]!]! < level) continue;
      let j = i;
      while (j + 1 < order.length && levels[order[j + 1]!]! >= level) j++;
      order.splice(i, j - i + 1, ...order.slice(i, j + 1).reverse());
      i = j;
    }
  }
  return { order: order.map((i) => i + start), levels: order.map((i) => levels[i]!) };
}

interface Run {
  lo: number;
  hi: number;
  level: number;
  font: number;
}

function runsOf(p: Paragraph, start: number, end: number): Run[] {
  const { order, levels } = visualOrder(p, start, end);
  const runs: Run[] = [];
  order.forEach((index, k) => {
    const level = levels[k]!;
    const font = p.fonts[index]!;
    const last = runs.at(-1);
    const step = level % 2 === 1 ? -1 : 1;
    if (
      last &&
      last.level === level &&
      last.font === font &&
      (step === 1 ? index === last.hi + 1 : index === last.lo - 1)
    ) {
      if (step === 1) last.hi = index;
      else last.lo = index;
    } else runs.push({ lo: index, hi: index, level, font });
  });
  return runs;
}

interface Captured {
  codePoints: number[];
  isMark: boolean;
}

interface LayoutEngineInternals {
  engine?: { glyphInfos?: Captured[] | null };
  hideDefaultIgnorables(glyphs: unknown[], positions: unknown[]): void;
}

const captured = new WeakMap<FkFont, { last: Captured[] | null }>();

/**
 * fontkit hands out one cached glyph object per glyph id, so a glyph's
 * `codePoints` are those of whichever text first used it (Farsi ی and Arabic ى
 * share glyphs), and it turns joiners into spaces. So the glyphs go in with
 * their characters attached (see shapeLine), and the per-run glyph infos that
 * carry them through substitution are copied at the last step of its layout,
 * instead of hiding joiners (pinned @pdf-lib/fontkit 1.1.1; the PDF tests fail
 * if that changes).
 */
function trackCodePoints(font: FkFont): { last: Captured[] | null } {
  let slot = captured.get(font);
  if (slot) return slot;
  const state: { last: Captured[] | null } = { last: null };
  slot = state;
  const engine = (font as unknown as { _layoutEngine: LayoutEngineInternals })._layoutEngine;
  engine.hideDefaultIgnorables = function (this: LayoutEngineInternals) {
    const infos = this.engine?.glyphInfos;
    state.last = infos ? infos.map((i) => ({ codePoints: [...i.codePoints], isMark: i.isMark })) : null;
  };
  captured.set(font, slot);
  return slot;
}

const MARK = /^\p{M}$/u;

/** Whether the text has a strong right-to-left letter (bidi class R or AL). */
export function isStrongRtl(text: string): boolean {
  for (const ch of forBidi(text)) {
    const type = bidi.getBidiCharTypeName(ch);
    if (type === "R" || type === "AL") return true;
  }
  return false;
}
const mirror = (c: string) => (c.length === 1 ? (bidi.getMirroredCharacter(c) ?? c) : c);

/** Shapes the line [start, end) of a paragraph: its clusters in logical order, placed in visual order. */
export function shapeLine(
  p: Paragraph,
  start: number,
  end: number,
  fonts: PdfFont[],
  size: number,
): { clusters: Cluster[]; width: number } {
  const placed: { lo: number; clusters: Cluster[] }[] = [];
  let pen = 0;
  for (const run of runsOf(p, start, end)) {
    const { font } = fonts[run.font]!;
    const rtl = run.level % 2 === 1;
    const source = p.text.slice(run.lo, run.hi + 1);
    const slot = trackCodePoints(font);
    slot.last = null;
    // Glyphs chosen here, each carrying its own character (mirrored brackets keep the one that was written).
    const input = [...source].map((c) => {
      const glyph = font.glyphForCodePoint(rtl ? mirror(c).codePointAt(0)! : c.codePointAt(0)!);
      return Object.create(glyph, { codePoints: { value: [c.codePointAt(0)!] } }) as FkGlyph;
    });
    const { glyphs, positions } = font.layout(input, [], undefined, undefined, rtl ? "rtl" : "ltr");
    const infos = slot.last as Captured[] | null;
    const scale = size / font.unitsPerEm;
    // Visual pass: where each glyph goes.
    const boxes = glyphs.map((glyph, i) => {
      const logical = rtl ? glyphs.length - 1 - i : i;
      const info = infos?.[logical] ?? { codePoints: glyph.codePoints, isMark: false };
      const hidden = info.codePoints.length > 0 && info.codePoints.every(isIgnorable);
      const pos = positions[i]!;
      const x0 = pen;
      const box = { glyph, info, hidden, x: x0 + pos.xOffset * scale, dy: pos.yOffset * scale, x0, x1: x0 };
      if (!hidden) pen += pos.xAdvance * scale;
      box.x1 = pen;
      return box;
    });
    // Logical pass: group into clusters.
    if (rtl) boxes.reverse();
    const clusters: Cluster[] = [];
    for (const b of boxes) {
      const text = String.fromCodePoint(...b.info.codePoints);
      const current = clusters.at(-1);
      const attaches =
        current !== undefined &&
        (b.info.isMark || [...text].every((c) => MARK.test(c) || isIgnorable(c.codePointAt(0)!)));
      const cluster: Cluster = attaches ? current : { font: run.font, text: "", rtl, x0: b.x0, x1: b.x1, glyphs: [] };
      if (!attaches) clusters.push(cluster);
      cluster.text += text;
      cluster.x0 = Math.min(cluster.x0, b.x0);
      cluster.x1 = Math.max(cluster.x1, b.x1);
      if (!b.hidden) cluster.glyphs.push({ gid: b.glyph.id, x: b.x, dy: b.dy });
    }
    placed.push({ lo: run.lo, clusters });
  }
  placed.sort((a, b) => a.lo - b.lo);
  return { clusters: placed.flatMap((r) => r.clusters), width: pen };
}

/** Width of a piece of text in points (for wrapping). */
export function measureText(text: string, fonts: PdfFont[], size: number, documentRtl: boolean): number {
  if (text === "") return 0;
  return shapeLine(analyseParagraph(text, fonts, documentRtl), 0, text.length, fonts, size).width;
}
