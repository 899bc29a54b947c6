// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { insertAt, matchSnippets, snippetText } from "./canned-replies";

const termin = { title: "Terminvorschlag", text: "Passt Ihnen Dienstag?", textInformal: "Passt dir Dienstag?" };
const datenschutz = { title: "Datenschutz", text: "Unsere Erklärung finden Sie unten." };

describe("canned replies in the reply box", () => {
  it("inserts the 'du' text for a 'du' case when there is one, else the formal text", () => {
    expect(snippetText(termin, true)).toBe("Passt dir Dienstag?");
    expect(snippetText(termin, false)).toBe("Passt Ihnen Dienstag?");
    expect(snippetText(datenschutz, true)).toBe("Unsere Erklärung finden Sie unten.");
    expect(snippetText({ ...termin, textInformal: "" }, true)).toBe("Passt Ihnen Dienstag?");
  });

  it("inserts at the caret or over the selection, the caret after the insertion", () => {
    expect(insertAt("Hallo,\n\nGrüße", "TEXT", 8, 8)).toEqual({ text: "Hallo,\n\nTEXTGrüße", caret: 12 });
    expect(insertAt("ab XY cd", "Z", 3, 5)).toEqual({ text: "ab Z cd", caret: 4 });
    expect(insertAt("", "Z", 0, 0)).toEqual({ text: "Z", caret: 1 });
    // A stale selection beyond the text appends.
    expect(insertAt("ab", "Z", 9, 12)).toEqual({ text: "abZ", caret: 3 });
  });

  it("finds snippets whose title or texts contain every word of the search, ignoring case", () => {
    expect(matchSnippets([termin, datenschutz], "")).toEqual([termin, datenschutz]);
    expect(matchSnippets([termin, datenschutz], "termin DIENSTAG")).toEqual([termin]);
    expect(matchSnippets([termin, datenschutz], "dir")).toEqual([termin]);
    expect(matchSnippets([termin, datenschutz], "unten")).toEqual([datenschutz]);
    expect(matchSnippets([termin, datenschutz], "termin unten")).toEqual([]);
  });
});
