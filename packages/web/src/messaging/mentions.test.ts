// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { activeMention, insertMention, matchingCandidates, mentionedIds, splitMentions } from "./mentions";

const roth = { accountId: "acc_roth_001", name: "Herr Roth" };
const leitner = { accountId: "acc_leit_001", name: "Frau Leitner" };
const berger = { accountId: "acc_berg_001", name: "Frau Berger" };

describe("mentions", () => {
  it("finds the @query the caret is in, only at a word's start and within one line", () => {
    expect(activeMention("Hallo @Ro", 9)).toEqual({ start: 6, query: "Ro" });
    expect(activeMention("@", 1)).toEqual({ start: 0, query: "" });
    expect(activeMention("Hallo @Frau L", 13)).toEqual({ start: 6, query: "Frau L" });
    // An e-mail address is no mention; a line break or the caret before the "@" ends it.
    expect(activeMention("info@beratung", 13)).toBeNull();
    expect(activeMention("@Roth\nweiter", 12)).toBeNull();
    expect(activeMention("Hallo @Ro", 5)).toBeNull();
  });

  it("offers matching members, names starting with the query first", () => {
    expect(matchingCandidates([roth, leitner, berger], "frau").map((c) => c.name)).toEqual([
      "Frau Berger",
      "Frau Leitner",
    ]);
    const rita = { accountId: "acc_rita_001", name: "Rita Frank" };
    expect(matchingCandidates([roth, leitner, berger, rita], "r").map((c) => c.name)).toEqual([
      "Rita Frank",
      "Frau Berger",
      "Frau Leitner",
      "Herr Roth",
    ]);
    expect(matchingCandidates([roth], "xyz")).toEqual([]);
  });

  it("writes the picked name into the text and keeps only mentions still in it", () => {
    const { text, caret } = insertMention("Danke @Ro, bis morgen", 6, 9, "Herr Roth");
    expect(text).toBe("Danke @Herr Roth , bis morgen");
    expect(caret).toBe(17);
    expect(mentionedIds(text, [roth, leitner])).toEqual([roth.accountId]);
    expect(mentionedIds("Danke, bis morgen", [roth])).toEqual([]);
  });

  it("splits a text at the mentioned names, longest first, and leaves others plain", () => {
    const names = new Map([
      [roth.accountId, "Herr Roth"],
      ["acc_roth_002", "Herr Roth-Maier"],
    ]);
    expect(
      splitMentions("@Herr Roth-Maier und @Herr Roth, bitte", [roth.accountId, "acc_roth_002"], (id) => names.get(id)),
    ).toEqual([
      { text: "@Herr Roth-Maier", mention: "acc_roth_002" },
      { text: " und ", mention: null },
      { text: "@Herr Roth", mention: roth.accountId },
      { text: ", bitte", mention: null },
    ]);
    expect(splitMentions("@Frau Leitner", [roth.accountId], (id) => names.get(id))).toEqual([
      { text: "@Frau Leitner", mention: null },
    ]);
  });
});
