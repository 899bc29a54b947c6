// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames as Ops,
  PDFString,
  type PDFArray,
  type PDFDict,
  type PDFDocument,
  type PDFObject,
  type PDFPage,
  type PDFRef,
} from "pdf-lib";

export type Role = "Document" | "Sect" | "H1" | "H2" | "P";

export interface StructElement {
  role: Role;
  ref: PDFRef;
  parent: StructElement | null;
  kids: (StructElement | { page: PDFPage; mcid: number })[];
}

/**
 * The tag tree of a PDF (ISO 32000-1 §14.7–14.8): headings and paragraphs in
 * reading order, each pointing at the marked content it drew; page numbers are
 * marked as pagination artifacts, outside the tree. pdf-lib has no API for
 * this, so the dictionaries are written directly.
 */
/** BDC takes a property dictionary; pdf-lib's operand type leaves dictionaries out but writes them like any object. */
const operand = (properties: PDFDict) => properties as unknown as PDFArray;

export function createStructure(doc: PDFDocument) {
  const ctx = doc.context;
  const rootRef = ctx.nextRef();
  const document: StructElement = { role: "Document", ref: ctx.nextRef(), parent: null, kids: [] };
  const marks = new Map<PDFPage, StructElement[]>();

  const add = (role: Role, parent: StructElement = document): StructElement => {
    const element: StructElement = { role, ref: ctx.nextRef(), parent, kids: [] };
    parent.kids.push(element);
    return element;
  };

  /** BDC that opens `element`'s next piece of content on `page`. */
  const begin = (page: PDFPage, element: StructElement): PDFOperator => {
    const list = marks.get(page) ?? [];
    marks.set(page, list);
    const mcid = list.length;
    list.push(element);
    element.kids.push({ page, mcid });
    return PDFOperator.of(Ops.BeginMarkedContentSequence, [PDFName.of(element.role), operand(ctx.obj({ MCID: mcid }))]);
  };

  const artifact = (): PDFOperator =>
    PDFOperator.of(Ops.BeginMarkedContentSequence, [
      PDFName.of("Artifact"),
      operand(ctx.obj({ Type: "Pagination", Subtype: "Footer" })),
    ]);

  const end = (): PDFOperator => PDFOperator.of(Ops.EndMarkedContent);

  const hasContent = (e: StructElement): boolean => e.kids.some((k) => !("role" in k) || hasContent(k));

  const write = (e: StructElement) => {
    const kids: PDFObject[] = [];
    for (const k of e.kids) {
      if (!("role" in k)) kids.push(ctx.obj({ Type: "MCR", Pg: k.page.ref, MCID: k.mcid }));
      else if (hasContent(k)) {
        write(k);
        kids.push(k.ref);
      }
    }
    ctx.assign(e.ref, ctx.obj({ Type: "StructElem", S: e.role, P: e.parent ? e.parent.ref : rootRef, K: kids }));
  };

  /** Writes the tree and marks the document as tagged, in language `lang` (BCP 47). */
  const finish = (lang: string) => {
    write(document);
    const nums: PDFObject[] = [];
    doc.getPages().forEach((page, index) => {
      const list = marks.get(page);
      page.node.set(PDFName.of("Tabs"), PDFName.of("S"));
      if (!list) return;
      page.node.set(PDFName.of("StructParents"), PDFNumber.of(index));
      nums.push(PDFNumber.of(index), ctx.obj(list.map((e) => e.ref)));
    });
    ctx.assign(
      rootRef,
      ctx.obj({
        Type: "StructTreeRoot",
        K: document.ref,
        ParentTree: ctx.obj({ Nums: nums }),
        ParentTreeNextKey: doc.getPageCount(),
      }),
    );
    doc.catalog.set(PDFName.of("StructTreeRoot"), rootRef);
    doc.catalog.set(PDFName.of("MarkInfo"), ctx.obj({ Marked: true }));
    doc.catalog.set(PDFName.of("Lang"), PDFString.of(lang));
  };

  return { document, add, begin, artifact, end, finish };
}
