// SPDX-License-Identifier: AGPL-3.0-or-later
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderCaseFilePdf, toDrawable, wrapText } from "./export-pdf";

const latin1 = (cp: number) => cp >= 0x20 && cp <= 0xff;

describe("case-file PDF", () => {
  it("keeps German text, reduces other accents to their letter and marks the rest", () => {
    expect(toDrawable("Grüße aus Köln", latin1)).toBe("Grüße aus Köln");
    expect(toDrawable("Doğan\r\nŞule", latin1)).toBe("Dogan\nSule");
    expect(toDrawable("مرحبا 😀", latin1)).toBe("????? ?");
  });

  it("wraps by width, keeps blank lines and splits overlong words", () => {
    const width = (s: string) => s.length;
    expect(wrapText("eins zwei drei vier", 9, width)).toEqual(["eins zwei", "drei vier"]);
    expect(wrapText("a\n\nb", 9, width)).toEqual(["a", "", "b"]);
    expect(wrapText("abcdefghijkl", 5, width)).toEqual(["abcde", "fghij", "kl"]);
  });

  it("renders a multi-page PDF with every section", async () => {
    const long = Array.from({ length: 120 }, (_, i) => `Nachricht ${i}: Wie geht es Ihnen heute?`);
    const bytes = await renderCaseFilePdf({
      title: "Fallakte",
      facts: [
        ["Fall", "abc"],
        ["Ratsuchende Person", "Sonnenblume"],
      ],
      sections: [
        {
          title: "Nachrichten",
          empty: "Keine",
          entries: long.map((text) => ({ at: "1.1.2026", author: "Sonnenblume", text, attachments: ["brief.pdf"] })),
        },
        { title: "Interne Notizen", empty: "Keine Notizen", entries: [] },
      ],
      attachmentLabel: "Anhang",
      pageLabel: (p, n) => `Seite ${p} von ${n}`,
    });
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(2);
    expect(doc.getTitle()).toBe("Fallakte");
  });
});
