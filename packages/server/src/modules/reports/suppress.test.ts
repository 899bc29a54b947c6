// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { distribution } from "./aggregate";
import { suppress } from "./suppress";

const values = (o: Record<string, number>) => new Map(Object.entries(o));

describe("suppress", () => {
  it("hides counts of 1 … k−1, never 0 or k", () => {
    expect([...suppress(values({ a: 0, b: 1, c: 4, d: 5 }), [], 5)]).toEqual(["b", "c"]);
  });

  it("hides the smallest other non-zero part when one part of a shown total is hidden", () => {
    const hidden = suppress(
      values({ t: 30, a: 3, b: 0, c: 12, d: 15 }),
      [{ total: "t", parts: ["a", "b", "c", "d"] }],
      5,
    );
    expect([...hidden].sort()).toEqual(["a", "c"]);
  });

  it("hides the total when no other part could be hidden, and then the parts of the next sum", () => {
    // a (3) is the only non-zero part of t; t is itself a part of y with one other part.
    const hidden = suppress(
      values({ y: 13, t: 3, u: 10, a: 3, b: 0 }),
      [
        { total: "t", parts: ["a", "b"] },
        { total: "y", parts: ["t", "u"] },
      ],
      5,
    );
    expect([...hidden].sort()).toEqual(["a", "t", "u"]);
  });

  it("leaves sums with two or more hidden cells alone", () => {
    const hidden = suppress(values({ t: 20, a: 2, b: 3, c: 15 }), [{ total: "t", parts: ["a", "b", "c"] }], 5);
    expect([...hidden].sort()).toEqual(["a", "b"]);
  });

  it("keeps no equation with exactly one hidden cell", () => {
    // Random tables: whatever the data, every sum ends with no hidden cell or at least two.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 12;
    for (let round = 0; round < 200; round++) {
      const cells: Record<string, number> = {};
      const rows = ["r0", "r1", "r2"];
      const cols = ["c0", "c1", "c2", "c3"];
      for (const r of rows) for (const c of cols) cells[`${r}${c}`] = Math.floor(random());
      for (const r of rows) cells[r] = cols.reduce((s, c) => s + cells[`${r}${c}`]!, 0);
      for (const c of cols) cells[c] = rows.reduce((s, r) => s + cells[`${r}${c}`]!, 0);
      const constraints = [
        ...rows.map((r) => ({ total: r, parts: cols.map((c) => `${r}${c}`) })),
        ...cols.map((c) => ({ total: c, parts: rows.map((r) => `${r}${c}`) })),
      ];
      const hidden = suppress(values(cells), constraints, 5);
      for (const c of constraints) expect([c.total, ...c.parts].filter((k) => hidden.has(k)).length).not.toBe(1);
      for (const [k, v] of Object.entries(cells)) if (v > 0 && v < 5) expect(hidden.has(k)).toBe(true);
    }
  });
});

describe("distribution", () => {
  it("gives the median (mean of the middle two) and the 90th percentile (nearest rank)", () => {
    expect(distribution([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ median: 5.5, p90: 9 });
    expect(distribution([5, 1, 3])).toEqual({ median: 3, p90: 5 });
  });
});
