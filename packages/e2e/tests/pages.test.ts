// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../src/a11y";
import { LANGUAGES, loadPage, PAGES, useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Every page, in German and English, at 360 px and desktop width:
 *  - zero axe-core violations (WCAG 2.0/2.1 A and AA),
 *  - a full load requests nothing from any other origin (service worker included),
 *  - no console errors, no uncaught errors, no CSP violations.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

// The browser itself logs a console error for every non-2xx response. This
// one is the expected answer of the server to the deliberately wrong token.
const EXPECTED_CONSOLE: Record<string, RegExp> = {
  "setup with invalid token": /Failed to load resource: the server responded with a status of 403/,
};

for (const language of LANGUAGES) {
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    describe(`${language}, ${viewportName} (${viewport.width} px)`, () => {
      let actor: Actor;

      beforeAll(async () => {
        actor = await stack.actor(`visitor-${language}-${viewportName}`, { viewport });
        await useLanguage(actor.context, language);
      });

      for (const { name, path } of PAGES) {
        it(`${name}: accessible, same-origin only, no errors`, async () => {
          const firstRequest = actor.requests.length;
          const firstConsole = actor.consoleErrors.length;
          const firstCsp = actor.cspViolations.length;
          const firstPageError = actor.pageErrors.length;
          actor.step(`load ${path}`);
          await loadPage(actor.page, path);
          expect(await actor.page.evaluate(() => document.documentElement.lang)).toBe(language);
          if (name === "setup with invalid token") {
            await actor.page.locator(".setup-status[data-state=invalid]").waitFor();
          }

          expect(await axeViolations(actor.page)).toEqual([]);
          // Styles come from the stylesheet only (React style props would slip past CSP via CSSOM).
          expect(await actor.page.locator("[style]").count()).toBe(0);
          // Nothing overflows sideways, also at 360 px (WCAG 1.4.10 reflow).
          expect(await actor.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
            viewport.width,
          );

          const requests = actor.requests.slice(firstRequest);
          expect(requests.length).toBeGreaterThan(0);
          const foreign = requests.filter((r) => !r.url.startsWith(stack.origin + "/"));
          expect(foreign).toEqual([]);

          const allowed = EXPECTED_CONSOLE[name];
          const consoleErrors = actor.consoleErrors.slice(firstConsole).filter((m) => !allowed?.test(m));
          expect(consoleErrors).toEqual([]);
          expect(actor.pageErrors.slice(firstPageError)).toEqual([]);
          expect(actor.cspViolations.slice(firstCsp)).toEqual([]);
        });
      }
    });
  }
}

describe("setup form (real one-time link)", () => {
  it("is accessible, also when showing validation errors", async (ctx) => {
    if (!stack.setupUrl) ctx.skip();
    const actor = await stack.actor("admin", { viewport: VIEWPORTS.mobile });
    await actor.page.goto(stack.setupUrl!);
    await actor.page.locator("form").waitFor();
    expect(await axeViolations(actor.page)).toEqual([]);
    await actor.page.getByRole("button", { name: "Organisation einrichten" }).click();
    await actor.page.getByRole("alert").first().waitFor();
    expect(await axeViolations(actor.page)).toEqual([]);
    expect(actor.foreignRequests()).toEqual([]);
    expect(actor.consoleErrors).toEqual([]);
    expect(actor.cspViolations).toEqual([]);
  });
});
