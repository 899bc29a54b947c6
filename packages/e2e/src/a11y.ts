// SPDX-License-Identifier: AGPL-3.0-or-later
import { AxeBuilder } from "@axe-core/playwright";
import axe from "axe-core";
import type { Page } from "playwright-core";

/**
 * WCAG 2.1 A/AA, plus WCAG 2.2 AA's target size (2.5.8: every control at
 * least 24×24 CSS pixels or spaced so a 24 px circle around it touches no
 * other target; links inside running text are exempt), axe's `target-size`.
 */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type Violations = Pick<axe.Result, "id" | "impact" | "help" | "nodes">[];

/**
 * Runs axe-core with the WCAG 2.1 A/AA rules and 2.2's target size; returns readable violations.
 *
 * The app is a single page without frames, so axe is injected once per document (over the DevTools protocol, which
 * the page's CSP does not govern) and run there: about 0.1 s a check instead of 1.2–1.9 s for `AxeBuilder`, which
 * injects axe anew each time and opens a blank page to combine frame results (measured on the signup page; axe was
 * half the browser tier's time). A page that does hold frames is checked by `AxeBuilder`, frames included.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const violations = page.frames().length > 1 ? await viaBuilder(page) : await inPage(page);
  return violations.map(
    (v) => `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

async function viaBuilder(page: Page): Promise<Violations> {
  return (await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()).violations;
}

async function inPage(page: Page): Promise<Violations> {
  const run = () =>
    page.evaluate(async (tags) => {
      const injected = (window as unknown as { axe?: typeof axe }).axe;
      if (!injected) return undefined;
      const result = await injected.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      });
      return result.violations.map(({ id, impact, help, nodes }) => ({
        id,
        impact,
        help,
        nodes: nodes.map(({ target }) => ({ target })),
      }));
    }, WCAG_TAGS) as Promise<Violations | undefined>;
  const found = await run();
  if (found) return found;
  await page.evaluate(axe.source);
  const again = await run();
  if (!again) throw new Error("axe-core could not be injected into the page");
  return again;
}
