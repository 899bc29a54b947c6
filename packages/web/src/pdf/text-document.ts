// SPDX-License-Identifier: AGPL-3.0-or-later
import { PDFDocument, type PDFName, type PDFPage } from "pdf-lib";
import { createCidFont, type CidFont } from "./cid-font";
import { lineOperators, type LineStyle } from "./draw-line";
import { loadFontsFor, type FontLoader } from "./font-set";
import { analyseParagraph, measureText, shapeLine, type Paragraph } from "./shape-line";
import { createStructure, type Role, type StructElement } from "./structure";
import { wrapParagraph } from "./wrap";

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 56;
const LEADING = 1.35;
const RTL_LANGUAGES = /^(ar|fa|he|ur|ps|ckb|yi|dv)(-|$)/i;

/**
 * A flowing A4 document of tagged paragraphs in any script (ADR 0043): the
 * fonts its texts need are loaded first (`texts` lists them), then each
 * `write` wraps, shapes and places one text, one paragraph per line break.
 * A paragraph runs right to left when its first strong letter does (or, with
 * none, when the document's language does) and is then set flush right.
 */
export async function createTextDocument(props: {
  title: string;
  lang: string;
  texts: Iterable<string>;
  loadFont: FontLoader;
}) {
  const { title, lang } = props;
  const fonts = await loadFontsFor(props.texts, props.loadFont);
  const doc = await PDFDocument.create();
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setProducer("Obhut");
  doc.setCreator("Obhut");
  const structure = createStructure(doc);
  const documentRtl = RTL_LANGUAGES.test(lang);

  const cids: CidFont[] = [];
  const cid = (i: number) =>
    (cids[i] ??= createCidFont(
      doc,
      fonts[i]!.font,
      `OBH${String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))}A`,
    ));
  const resources = new Map<PDFPage, Map<number, PDFName>>();
  const resourceOn = (page: PDFPage) => (i: number) => {
    const names = resources.get(page) ?? new Map<number, PDFName>();
    resources.set(page, names);
    let name = names.get(i);
    if (!name) {
      name = page.node.newFontDictionary(`F${i}`, cid(i).ref);
      names.set(i, name);
    }
    return name;
  };
  const widths = new Map<string, number>();
  const measure = (size: number) => (s: string) => {
    const key = `${size}\u0000${s}`;
    let w = widths.get(key);
    if (w === undefined) widths.set(key, (w = measureText(s, fonts, size, documentRtl)));
    return w;
  };

  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;
  const ensure = (height: number) => {
    if (y - height >= MARGIN + 20) return;
    page = doc.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN;
  };

  const drawLine = (
    paragraph: Paragraph,
    start: number,
    end: number,
    style: LineStyle,
    at: { y: number; p: PDFPage },
  ) => {
    const { clusters, width } = shapeLine(paragraph, start, end, fonts, style.size);
    const x = paragraph.rtl ? PAGE.width - MARGIN - width : MARGIN;
    return lineOperators({ ctx: doc.context, clusters, x, y: at.y, style, fonts, cid, resource: resourceOn(at.p) });
  };

  /** Writes `text`, one `role` element per paragraph under `parent`. */
  const write = (text: string, style: LineStyle, role: Role, parent?: StructElement) => {
    const normalised = text.replace(/\r\n?/g, "\n").replace(/\t/g, "    ");
    for (const paragraphText of normalised.split("\n")) {
      if (paragraphText.trim() === "") {
        ensure(style.size * LEADING);
        y -= style.size * LEADING;
        continue;
      }
      const element = structure.add(role, parent);
      const paragraph = analyseParagraph(paragraphText, fonts, documentRtl);
      for (const line of wrapParagraph(paragraphText, PAGE.width - 2 * MARGIN, measure(style.size))) {
        ensure(style.size * LEADING);
        y -= style.size * LEADING;
        page.pushOperators(
          structure.begin(page, element),
          ...drawLine(paragraph, line.start, line.end, style, { y, p: page }),
          structure.end(),
        );
      }
    }
  };

  /** Page numbers at the foot of every page, marked as artifacts (not part of the text). */
  const footer = (label: (page: number, pages: number) => string, style: LineStyle) => {
    const pages = doc.getPages();
    pages.forEach((p, i) => {
      const text = label(i + 1, pages.length);
      const paragraph = analyseParagraph(text, fonts, documentRtl);
      p.pushOperators(
        structure.artifact(),
        ...drawLine(paragraph, 0, text.length, style, { y: MARGIN / 2, p }),
        structure.end(),
      );
    });
  };

  const save = async (): Promise<Uint8Array> => {
    for (const c of cids) if (c) await c.finish();
    structure.finish(lang);
    return doc.save();
  };

  return {
    structure,
    write,
    gap: (points: number) => {
      y -= points;
    },
    ensure,
    footer,
    save,
  };
}
