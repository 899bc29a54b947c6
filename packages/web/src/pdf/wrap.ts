// SPDX-License-Identifier: AGPL-3.0-or-later

/** One wrapped line: `text` is an exact slice of its paragraph, trailing spaces included. */
export interface WrappedLine {
  start: number;
  end: number;
  text: string;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Greedy wrap by measured width that keeps every character of the input: the
 * lines of a paragraph concatenate back to the paragraph, so the text a reader
 * copies (or a screen reader reads) out of the PDF is what was written, spaces
 * included. A line breaks after a run of spaces; a word wider than a line is
 * cut between grapheme clusters (never inside an emoji or a letter with its
 * marks). `width` measures a piece without its trailing spaces.
 */
export function wrapParagraph(paragraph: string, maxWidth: number, width: (s: string) => number): WrappedLine[] {
  const lines: WrappedLine[] = [];
  let start = 0;
  let end = 0;
  const push = (to: number) => {
    lines.push({ start, end: to, text: paragraph.slice(start, to) });
    start = to;
  };
  for (const match of paragraph.matchAll(/\S+\s*|\s+/gu)) {
    const tokenStart = match.index;
    const tokenEnd = tokenStart + match[0].length;
    if (end > start && width(paragraph.slice(start, tokenEnd).trimEnd()) > maxWidth) push(tokenStart);
    end = tokenEnd;
    // A single word wider than the line: cut it where the line is full.
    while (width(paragraph.slice(start, end).trimEnd()) > maxWidth) {
      let cut = start;
      for (const g of graphemes.segment(paragraph.slice(start, end))) {
        const next = start + g.index + g.segment.length;
        if (cut > start && width(paragraph.slice(start, next).trimEnd()) > maxWidth) break;
        cut = next;
      }
      if (cut >= end) break;
      push(cut);
    }
  }
  if (end > start || lines.length === 0) lines.push({ start, end: paragraph.length, text: paragraph.slice(start) });
  return lines;
}
