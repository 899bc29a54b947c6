// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PDFFont } from "pdf-lib";

/**
 * The case file as a PDF, made in the browser (issue 6, item 10): the
 * server never sees the plaintext, only a count for the audit log.
 *
 * pdf-lib is loaded on demand (its own chunk), so nobody downloads it who
 * never exports. The standard Helvetica font covers Windows-1252 (German,
 * most Western European text); other characters are first reduced to their
 * base letter (ğ → g) and otherwise shown as "?". Embedding a full Unicode
 * font would make the export exact for every script at the cost of a
 * several-hundred-kilobyte font download.
 */
export interface ExportEntry {
  at: string;
  author: string;
  text: string;
  attachments: string[];
}

export interface CaseFile {
  title: string;
  /** Label/value lines under the title (case, client, team, state, exported by/at). */
  facts: [string, string][];
  sections: { title: string; empty: string; entries: ExportEntry[] }[];
  attachmentLabel: string;
  pageLabel: (page: number, pages: number) => string;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 56;
const SIZE = { title: 18, heading: 13, meta: 9, body: 10.5 };
const LEADING = 1.35;

/** Replaces what the font cannot draw: first by the base letter, else "?"; keeps line breaks. */
export function toDrawable(text: string, supported: (codePoint: number) => boolean): string {
  let out = "";
  for (const ch of text.replace(/\r\n?/g, "\n").replace(/\t/g, "    ")) {
    const cp = ch.codePointAt(0)!;
    if (ch === "\n" || supported(cp)) {
      out += ch;
      continue;
    }
    const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
    out += base !== "" && [...base].every((c) => supported(c.codePointAt(0)!)) ? base : "?";
  }
  return out;
}

/** Greedy word wrap by measured width; breaks words that are longer than a line. */
export function wrapText(text: string, maxWidth: number, width: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/ +/)) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (width(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== "") lines.push(line);
      line = "";
      let rest = word;
      while (width(rest) > maxWidth) {
        let cut = rest.length - 1;
        while (cut > 1 && width(rest.slice(0, cut)) > maxWidth) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export async function renderCaseFilePdf(file: CaseFile): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, rgb } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  doc.setTitle(file.title);
  doc.setProducer("Obhut");
  doc.setCreator("Obhut");
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const charset = new Set(regular.getCharacterSet());
  const drawable = (s: string) => toDrawable(s, (cp) => charset.has(cp));
  const textWidth = PAGE.width - 2 * MARGIN;

  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;
  const ensure = (height: number) => {
    if (y - height >= MARGIN + 20) return;
    page = doc.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN;
  };
  const write = (text: string, font: PDFFont, size: number, grey = false) => {
    for (const line of wrapText(drawable(text), textWidth, (s) => font.widthOfTextAtSize(s, size))) {
      ensure(size * LEADING);
      y -= size * LEADING;
      page.drawText(line, { x: MARGIN, y, size, font, color: grey ? rgb(0.3, 0.3, 0.3) : rgb(0, 0, 0) });
    }
  };

  write(file.title, bold, SIZE.title);
  y -= 6;
  for (const [label, value] of file.facts) write(`${label}: ${value}`, regular, SIZE.meta, true);
  for (const section of file.sections) {
    y -= 14;
    ensure(SIZE.heading * 3);
    write(section.title, bold, SIZE.heading);
    y -= 4;
    if (section.entries.length === 0) write(section.empty, regular, SIZE.body, true);
    for (const entry of section.entries) {
      y -= 6;
      ensure(SIZE.meta * LEADING + SIZE.body * LEADING * 2);
      write(`${entry.at} · ${entry.author}`, bold, SIZE.meta);
      if (entry.text.trim() !== "") write(entry.text, regular, SIZE.body);
      for (const name of entry.attachments) write(`${file.attachmentLabel}: ${name}`, regular, SIZE.meta, true);
    }
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const label = drawable(file.pageLabel(i + 1, pages.length));
    p.drawText(label, { x: MARGIN, y: MARGIN / 2, size: SIZE.meta, font: regular, color: rgb(0.3, 0.3, 0.3) });
  });
  return doc.save();
}
