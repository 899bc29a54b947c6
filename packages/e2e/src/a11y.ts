// SPDX-License-Identifier: AGPL-3.0-or-later
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/**
 * WCAG 2.1 A/AA, plus WCAG 2.2 AA's target size (2.5.8: every control at
 * least 24×24 CSS pixels or spaced so a 24 px circle around it touches no
 * other target; links inside running text are exempt), axe's `target-size`.
 */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Runs axe-core with the WCAG 2.1 A/AA rules and 2.2's target size; returns readable violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}
