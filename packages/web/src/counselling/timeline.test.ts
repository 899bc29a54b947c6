// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayKey, dayLabel } from "./day-separator";
import { FOLD_AFTER, foldedText } from "./timeline-message";

const WORDS = { today: "Heute", yesterday: "Gestern" };

describe("conversation timeline", () => {
  it("names the day: today, yesterday, a weekday date, the year only when it differs", () => {
    const now = new Date(2026, 11, 7, 9, 30).getTime();
    expect(dayLabel(new Date(2026, 11, 7, 0, 1).getTime(), now, "de", WORDS)).toBe("Heute");
    expect(dayLabel(new Date(2026, 11, 6, 23, 59).getTime(), now, "de", WORDS)).toBe("Gestern");
    expect(dayLabel(new Date(2026, 11, 1, 12).getTime(), now, "de", WORDS)).toBe("Dienstag, 1. Dezember");
    expect(dayLabel(new Date(2025, 11, 1, 12).getTime(), now, "de", WORDS)).toBe("Montag, 1. Dezember 2025");
    // Across a year boundary "yesterday" still works.
    expect(dayLabel(new Date(2026, 11, 31, 8).getTime(), new Date(2027, 0, 1, 8).getTime(), "de", WORDS)).toBe(
      "Gestern",
    );
    expect(dayKey(new Date(2026, 11, 7, 0, 0).getTime())).toBe(dayKey(new Date(2026, 11, 7, 23, 59).getTime()));
  });

  it("folds long texts to a prefix of at most FOLD_AFTER characters plus an ellipsis, short ones not at all", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const folded = foldedText(text);
        if (text.length <= FOLD_AFTER) {
          expect(folded).toBe(text);
          return;
        }
        expect(folded.endsWith(" …")).toBe(true);
        const kept = folded.slice(0, -2);
        expect(text.startsWith(kept)).toBe(true);
        expect(kept.length).toBeLessThanOrEqual(FOLD_AFTER);
        expect(kept.length).toBeGreaterThan(0);
      }),
    );
    expect(foldedText(`${"Wort ".repeat(200)}Ende`)).not.toContain("Ende");
  });
});
