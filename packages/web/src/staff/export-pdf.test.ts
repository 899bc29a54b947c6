// SPDX-License-Identifier: AGPL-3.0-or-later
import { PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { diskFonts, pdffonts, pdftotext, structureText } from "../../test/pdf-read-back";
import { renderCaseFilePdf, type CaseFile } from "./export-pdf";

/**
 * Issue #22: every script comes back out of the PDF exactly, read back with
 * Debian's poppler-utils (a missing tool fails the test).
 *
 * - `pdfinfo -struct-text` reads the tagged text in content order, as
 *   assistive technology does: it must equal the input character for
 *   character, for every sample.
 * - `pdftotext` ignores the tags and rebuilds the order from glyph positions:
 *   it must equal the input up to whitespace and the embedding marks
 *   (U+202A–U+202C) it puts around right-to-left text — for every sample its
 *   heuristic can order. It cannot order some lines, whatever made the PDF (ADR
 *   0043): it reads "." and "،" as parts of numbers, takes one direction per
 *   page, and moves the spaces and punctuation at the edges of right-to-left
 *   stretches. Those samples (`tagsOnly`) are asserted through the tags alone.
 */
const SAMPLES: { name: string; text: string; tagsOnly?: true }[] = [
  { name: "German", text: "Grüße aus Köln: Ärger über die Öffnungszeiten, „Straße“ – süß & scharf." },
  { name: "Turkish", text: "Işık, ağaç, şehir, çiçek, öğretmen; İstanbul’da buluşalım mı?" },
  { name: "Polish", text: "Zażółć gęślą jaźń. Żółw, źdźbło, ćma, łódź." },
  { name: "Ukrainian", text: "Доброго дня! Як справи? Ґанок, їжак, європейський, інформація." },
  { name: "Russian", text: "Здравствуйте! Мне нужна помощь с документами: ёлка, съезд." },
  // Lam-alef ligatures (السلام, لا), joining forms; Farsi ی next to Arabic ى (they share glyphs) and the
  // zero-width non-joiner of می‌خواهم.
  { name: "Arabic", text: "السلام عليكم لا أعرف ماذا أفعل هل يمكنكم مساعدتي؟" },
  { name: "Farsi", text: "سلام می‌خواهم با یک مشاور صحبت کنم آیا امروز وقت دارید؟ على" },
  { name: "emoji", text: "Danke 🙏 👍🏽 ❤️ 👨‍👩‍👧 🇩🇪 😀" },
  {
    name: "long lines",
    text: Array.from(
      { length: 6 },
      (_, i) =>
        `Absatz ${i + 1}: Ich würde gerne einen Termin vereinbaren, weil mir die Situation zu Hause seit Wochen große Sorgen macht und ich nicht weiß, an wen ich mich wenden kann.`,
    ).join(" "),
  },
  { name: "Arabic with punctuation", text: "السلام عليكم، لا أعرف ماذا أفعل. هل يمكنكم مساعدتي؟", tagsOnly: true },
  { name: "Farsi with punctuation", text: "سلام، می‌خواهم با یک مشاور صحبت کنم. آیا امروز وقت دارید؟", tagsOnly: true },
  {
    name: "mixed, left to right",
    text: "Sie schrieb: «مرحبا بكم» und dann „Привет“ 👋 – Termin 14:30.",
    tagsOnly: true,
  },
  { name: "mixed, right to left", text: "موعدك يوم 12 ديسمبر (الساعة 10:30) في Obhut 🙂", tagsOnly: true },
  {
    name: "long right-to-left lines",
    text: Array.from({ length: 5 }, () => "السلام عليكم، لا أعرف ماذا أفعل. هل يمكنكم مساعدتي؟").join(" "),
    tagsOnly: true,
  },
];

const file = (text: string, lang = "de"): CaseFile => ({
  title: "Fallakte",
  lang,
  facts: [["Fall", "1"]],
  sections: [
    {
      title: "Nachrichten",
      empty: "Keine",
      entries: [{ at: "1.12.2026", author: "Sonnenblume", text, attachments: [] }],
    },
  ],
  attachmentLabel: "Anhang",
  pageLabel: (p, n) => `Seite ${p} von ${n}`,
});

const squash = (s: string) =>
  s
    .replace(/[\u202a-\u202c\f]/g, "")
    .replace(/\s+/g, " ")
    .trim();

describe("case-file PDF: every script exactly", () => {
  for (const { name, text, tagsOnly } of SAMPLES) {
    it(`${name}: read back exactly`, async () => {
      const pdf = await renderCaseFilePdf(file(text), diskFonts);
      expect(structureText(pdf)).toEqual([
        { role: "Document", text: "" },
        { role: "H1", text: "Fallakte" },
        { role: "P", text: "Fall: 1" },
        { role: "Sect", text: "" },
        { role: "H2", text: "Nachrichten" },
        { role: "P", text: "1.12.2026 · Sonnenblume" },
        { role: "P", text },
      ]);
      if (tagsOnly) return;
      const lines = pdftotext(pdf)
        .replace(/[\u202a-\u202c]/g, "")
        .split("\n")
        .filter((l) => l.trim() !== "");
      // The paragraph's lines come out together; where poppler puts the right-aligned block is its choice.
      const labels = ["Fallakte", "Fall: 1", "Nachrichten", "1.12.2026 · Sonnenblume", "Seite 1 von 1"];
      expect(lines.filter((l) => labels.includes(l))).toEqual(labels);
      expect(squash(lines.filter((l) => !labels.includes(l)).join(" "))).toBe(squash(text));
    });
  }

  it("embeds only subsets of its fonts, each with a ToUnicode map, and says its title and language", async () => {
    const pdf = await renderCaseFilePdf(file(SAMPLES.map((s) => s.text).join("\n"), "de-DE"), diskFonts);
    const rows = pdffonts(pdf).trim().split("\n").slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes /);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toBe("Fallakte");
    expect(String(doc.catalog.get(PDFName.of("Lang")))).toBe("(de-DE)");
    expect(String(doc.catalog.lookup(PDFName.of("MarkInfo")))).toContain("/Marked true");
  });

  it("flows a long file over pages, every message read back whole", async () => {
    const texts = Array.from(
      { length: 120 },
      (_, i) => `Nachricht ${i}: Wie geht es Ihnen heute? ${i % 2 ? "شكراً جزيلاً" : "Дякую"}`,
    );
    const pdf = await renderCaseFilePdf(
      {
        ...file(""),
        sections: [
          {
            title: "Nachrichten",
            empty: "Keine",
            entries: texts.map((text) => ({ at: "1.1.2026", author: "Sonnenblume", text, attachments: ["brief.pdf"] })),
          },
          { title: "Interne Notizen", empty: "Keine Notizen", entries: [] },
        ],
      },
      diskFonts,
    );
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThan(2);
    const paragraphs = structureText(pdf)
      .filter((e) => e.role === "P")
      .map((e) => e.text);
    for (const text of texts) expect(paragraphs).toContain(text);
    expect(paragraphs.filter((p) => p === "Anhang: brief.pdf")).toHaveLength(120);
    expect(paragraphs.at(-1)).toBe("Keine Notizen");
  });
});
