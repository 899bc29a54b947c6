// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FontLoader } from "../pdf/font-set";
import type { LineStyle } from "../pdf/draw-line";
import { fetchFont } from "../pdf/font-files";
import { createTextDocument } from "../pdf/text-document";

/**
 * The case file as a PDF, made in the browser (issue 6, item 10): the
 * server never sees the plaintext, only a count for the audit log. The same
 * writer makes the client's data export and the Art. 30 record.
 *
 * Every script is drawn exactly (ADR 0043): subsetted Noto fonts, Arabic and
 * Farsi shaped and set right to left, emoji in Noto Emoji; the PDF is tagged
 * (title, language, headings and paragraphs in reading order). This module,
 * pdf-lib, fontkit, the bidi algorithm and the fonts load only when a PDF is
 * made.
 */
export interface ExportEntry {
  at: string;
  author: string;
  text: string;
  attachments: string[];
}

export interface CaseFile {
  title: string;
  /** Language of the labels (BCP 47, the app's language), written as the document's /Lang. */
  lang: string;
  /** Label/value lines under the title (case, client, team, state, exported by/at). */
  facts: [string, string][];
  sections: { title: string; empty: string; entries: ExportEntry[] }[];
  attachmentLabel: string;
  pageLabel: (page: number, pages: number) => string;
}

const STYLE = {
  title: { size: 18, bold: true, grey: 0 },
  heading: { size: 13, bold: true, grey: 0 },
  fact: { size: 9, bold: false, grey: 0.3 },
  meta: { size: 9, bold: true, grey: 0 },
  note: { size: 9, bold: false, grey: 0.3 },
  body: { size: 10.5, bold: false, grey: 0 },
} satisfies Record<string, LineStyle>;
const LEADING = 1.35;

/** Every text the file will draw (to load only the fonts it needs). */
function textsOf(file: CaseFile): string[] {
  return [
    file.title,
    file.pageLabel(1, 1),
    ...file.facts.flat(),
    ...file.sections.flatMap((s) => [
      s.title,
      s.empty,
      ...s.entries.flatMap((e) => [
        e.at,
        e.author,
        e.text,
        ...e.attachments.map((a) => `${file.attachmentLabel}: ${a}`),
      ]),
    ]),
  ];
}

/** `loadFont` defaults to the fonts as the web app serves them (hashed assets of its own build). */
export async function renderCaseFilePdf(file: CaseFile, loadFont: FontLoader = fetchFont): Promise<Uint8Array> {
  const pdf = await createTextDocument({ title: file.title, lang: file.lang, texts: textsOf(file), loadFont });
  const { structure } = pdf;

  pdf.write(file.title, STYLE.title, "H1");
  pdf.gap(6);
  for (const [label, value] of file.facts) pdf.write(`${label}: ${value}`, STYLE.fact, "P");
  for (const section of file.sections) {
    pdf.gap(14);
    pdf.ensure(STYLE.heading.size * 3);
    const sect = structure.add("Sect");
    pdf.write(section.title, STYLE.heading, "H2", sect);
    pdf.gap(4);
    if (section.entries.length === 0) pdf.write(section.empty, STYLE.note, "P", sect);
    for (const entry of section.entries) {
      pdf.gap(6);
      pdf.ensure(STYLE.meta.size * LEADING + STYLE.body.size * LEADING * 2);
      pdf.write([entry.at, entry.author].filter((s) => s !== "").join(" · "), STYLE.meta, "P", sect);
      if (entry.text.trim() !== "") pdf.write(entry.text, STYLE.body, "P", sect);
      for (const name of entry.attachments) pdf.write(`${file.attachmentLabel}: ${name}`, STYLE.note, "P", sect);
    }
  }
  pdf.footer(file.pageLabel, STYLE.note);
  return pdf.save();
}
