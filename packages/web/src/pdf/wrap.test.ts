// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { wrapParagraph } from "./wrap";

const chars = (s: string) => [...s].length;
const lines = (text: string, max: number) => wrapParagraph(text, max, chars).map((l) => l.text);

describe("wrapParagraph", () => {
  it("breaks after spaces by width and keeps every character", () => {
    expect(lines("eins zwei drei vier", 9)).toEqual(["eins zwei ", "drei vier"]);
    expect(lines("a  b", 9)).toEqual(["a  b"]);
    expect(lines("", 9)).toEqual([""]);
    const text = "eins  zwei drei   vier fünf sechs";
    expect(lines(text, 10).join("")).toBe(text);
  });

  it("cuts words wider than a line between grapheme clusters", () => {
    expect(lines("abcdefghijkl", 5)).toEqual(["abcde", "fghij", "kl"]);
    // A family emoji and a flag are one cluster each: never cut inside.
    const family = "👨‍👩‍👧";
    expect(lines(`${family}${family}🇩🇪`, 1)).toEqual([family, family, "🇩🇪"]);
  });

  it("reports each line's place in the paragraph", () => {
    const text = "ab cd ef";
    for (const l of wrapParagraph(text, 2, chars)) expect(text.slice(l.start, l.end)).toBe(l.text);
  });
});
