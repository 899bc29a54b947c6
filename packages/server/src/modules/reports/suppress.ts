// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Small-cell suppression with complementary (secondary) suppression
 * (ADR 0045). Cells are counts keyed by strings; constraints say which cells
 * add up to which total (months to a quarter, quarters to the year, groups
 * to the period's total, languages to the enquiries). Rules, applied until
 * nothing changes:
 *
 * 1. primary: a count of 1 … k−1 is hidden (0 is shown: it describes nobody);
 * 2. complementary: an equation total = Σ parts with exactly one hidden cell
 *    would give that cell away, so one more is hidden — the smallest non-zero
 *    shown part, else the total, else a shown zero part.
 *
 * This is the classic local rule (every marginal equation has no or at least
 * two hidden cells), not a linear-programming audit of all equations at once;
 * ADR 0045 says what that leaves.
 *
 * Hiding only ever grows, so the loop ends. The outcome depends on the data
 * only, not on which view is asked for, so a month view, a quarter view and
 * a year view of the same data cannot be subtracted from one another.
 */
export interface Constraint {
  total: string;
  parts: readonly string[];
}

export function suppress(
  values: ReadonlyMap<string, number>,
  constraints: readonly Constraint[],
  k: number,
): Set<string> {
  const value = (key: string) => values.get(key) ?? 0;
  const hidden = new Set<string>();
  for (const [key, v] of values) if (v > 0 && v < k) hidden.add(key);
  let changed = true;
  while (changed) {
    changed = false;
    const hide = (key: string) => {
      if (!hidden.has(key)) {
        hidden.add(key);
        changed = true;
      }
    };
    for (const c of constraints) {
      const hiddenCount = [c.total, ...c.parts].filter((key) => hidden.has(key)).length;
      if (hiddenCount !== 1) continue;
      const shownParts = c.parts.filter((p) => !hidden.has(p));
      const nonZero = shownParts.filter((p) => value(p) > 0).sort((a, b) => value(a) - value(b) || a.localeCompare(b));
      const next = nonZero[0] ?? (hidden.has(c.total) ? shownParts[0] : c.total);
      if (next !== undefined) hide(next);
    }
  }
  return hidden;
}
