// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  PDFHexString,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames as Ops,
  type PDFContext,
  type PDFName,
  type PDFObject,
} from "pdf-lib";
import type { CidFont } from "./cid-font";
import type { PdfFont } from "./font-set";
import { isStrongRtl, type Cluster } from "./shape-line";

export interface LineStyle {
  size: number;
  bold: boolean;
  /** Fill colour, 0..1 grey level. */
  grey: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const hex4 = (n: number) => n.toString(16).padStart(4, "0");

/**
 * The operators that draw one shaped line with its left end at (x, y).
 *
 * Glyphs are shown in logical order (the order the text is read), each moved
 * to its visual place with TJ offsets, so the content stream itself reads as
 * the text does: tagged-PDF readers and screen readers take it in that order
 * (ADR 0043). Each cluster carries its exact characters; a right-to-left
 * cluster of several characters (lam-alef, a letter with a joiner) is split
 * into equal slots with one character each, laid out right to left, so tools
 * that rebuild the order from positions (pdftotext, pdf.js) read it right too.
 * Bold is the regular outline filled and stroked: one font file per script.
 */
export function lineOperators(props: {
  ctx: PDFContext;
  clusters: Cluster[];
  x: number;
  y: number;
  style: LineStyle;
  fonts: PdfFont[];
  cid: (font: number) => CidFont;
  resource: (font: number) => PDFName;
}): PDFOperator[] {
  const { ctx, clusters, x, y, style, fonts, cid, resource } = props;
  const { size } = style;
  const em = (points: number) => (points * 1000) / size;
  const ops: PDFOperator[] = [PDFOperator.of(Ops.BeginText)];
  const grey = PDFNumber.of(style.grey);
  ops.push(PDFOperator.of(Ops.NonStrokingColorRgb, [grey, grey, grey]));
  // The rendering mode is graphics state and outlives ET: set it on every line.
  ops.push(PDFOperator.of(Ops.SetTextRenderingMode, [PDFNumber.of(style.bold ? 2 : 0)]));
  if (style.bold) {
    ops.push(PDFOperator.of(Ops.StrokingColorRgb, [grey, grey, grey]));
    ops.push(PDFOperator.of(Ops.SetLineWidth, [PDFNumber.of(round(size * 0.03))]));
  }
  ops.push(
    PDFOperator.of(
      Ops.SetTextMatrix,
      [1, 0, 0, 1, round(x), round(y)].map((n) => PDFNumber.of(n)),
    ),
  );

  let pen = 0;
  let font = -1;
  let rise = 0;
  let items: PDFObject[] = [];
  let codes = "";
  const flushCodes = () => {
    if (codes !== "") items.push(PDFHexString.of(codes));
    codes = "";
  };
  const flush = () => {
    flushCodes();
    if (items.length > 0) ops.push(PDFOperator.of(Ops.ShowTextAdjusted, [ctx.obj(items)]));
    items = [];
  };
  /** Shows glyph `gid` of font `f` at (gx, dy) as `text`, advancing `width` points. */
  const show = (f: number, gid: number, gx: number, dy: number, text: string, width: number) => {
    if (f !== font) {
      flush();
      ops.push(PDFOperator.of(Ops.SetFontAndSize, [resource(f), PDFNumber.of(size)]));
      font = f;
    }
    if (Math.abs(dy - rise) > 0.001) {
      flush();
      ops.push(PDFOperator.of(Ops.SetTextRise, [PDFNumber.of(round(dy))]));
      rise = dy;
    }
    const shift = round(em(pen - gx));
    if (shift !== 0) {
      flushCodes();
      items.push(PDFNumber.of(shift));
    }
    const code = cid(f).code(gid, text, em(width));
    codes += hex4(code);
    pen = gx + width;
  };

  // Each cluster's text box runs from where its glyph is drawn to where the next one (to the right) is:
  // the boxes tile the line, so readers that find words by gaps see no gap inside a word, whatever the
  // kerning and cursive offsets of the glyphs.
  const start = (c: Cluster) => c.glyphs[0]?.x ?? c.x0;
  const visual = [...clusters].sort((a, b) => a.x0 - b.x0 || a.x1 - b.x1);
  const end = new Map<Cluster, number>();
  visual.forEach((c, i) => end.set(c, i + 1 < visual.length ? start(visual[i + 1]!) : c.x1));

  for (const c of clusters) {
    const chars = [...c.text];
    const x = start(c);
    const width = Math.max(0, end.get(c)! - x);
    const [base, ...marks] = c.glyphs;
    const empty = fonts[c.font]!.emptyGlyph;
    if (c.rtl && chars.length > 1 && isStrongRtl(c.text)) {
      // Slots from the right: the first character reads first; the leftmost slot draws the outline.
      const slot = width / chars.length;
      for (let k = chars.length - 1; k >= 1; k--)
        show(c.font, empty, x + k * slot, 0, chars[chars.length - 1 - k]!, slot);
      show(c.font, base?.gid ?? empty, x, base?.dy ?? 0, chars[chars.length - 1]!, slot);
    } else {
      show(c.font, base?.gid ?? empty, x, base?.dy ?? 0, c.text, width);
    }
    for (const m of marks) show(c.font, m.gid, m.x, m.dy, "", 0);
  }
  flush();
  ops.push(PDFOperator.of(Ops.EndText));
  return ops;
}
