// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../src/a11y";
import { fingerprintOnPage } from "../src/accounts";
import { LANGUAGES, loadPage, useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Sign-up, login and account pages: zero axe violations in German and
 * English at 360 px and desktop width, in each state a person can reach
 * without an account (empty form, validation errors, recovery code shown,
 * logged out); and a complete sign-up with the keyboard alone.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack({ env: { OBHUT_RATE_LIMITS: "auth=200" } });
});

afterAll(async () => {
  await stack?.stop();
});

async function expectAccessible(actor: Actor, width: number, label: string): Promise<void> {
  expect(await axeViolations(actor.page), label).toEqual([]);
  expect(await actor.page.locator("[style]").count(), label).toBe(0);
  expect(await actor.page.evaluate(() => document.documentElement.scrollWidth), label).toBeLessThanOrEqual(width);
}

for (const language of LANGUAGES) {
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    it(`${language}, ${viewportName}: sign-up, recovery code, login and logged-out account page are accessible`, async () => {
      const actor = await stack.actor(`visitor-${language}-${viewportName}`, { viewport });
      await useLanguage(actor.context, language);
      const page = actor.page;

      await loadPage(page, "/signup");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      await expectAccessible(actor, viewport.width, "sign-up form");

      // Validation errors: summary and field errors.
      await page.fill("#signup-password", "short");
      await page.locator("form button[type=submit]").click();
      await page.locator(".notice--error[role=alert]").waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute("role") === "alert");
      await expectAccessible(actor, viewport.width, "sign-up errors");

      // A common password is refused in the browser (the server never sees it to check).
      await page.fill("#signup-username", `a11y-${language}-${viewportName}`);
      await page.fill("#signup-password", "Passwort12345");
      await page.fill("#signup-passwordRepeat", "Passwort12345");
      await page.locator("form button[type=submit]").click();
      await page
        .locator(".notice--error[role=alert]", {
          hasText: language === "de" ? "zu leicht zu erraten" : "too easy to guess",
        })
        .waitFor();

      // The recovery-code step (no request is sent before the person confirms).
      await page.fill("#signup-password", "a long enough password");
      await page.fill("#signup-passwordRepeat", "a long enough password");
      await page.locator("form button[type=submit]").click();
      await page.locator(".recovery-code__words li").first().waitFor();
      expect(await page.locator(".recovery-code__words li").count()).toBe(7);
      await page.locator("form.recovery-code button[type=submit]").click();
      await page.locator("#signup-code-confirm[aria-invalid=true]").waitFor();
      await expectAccessible(actor, viewport.width, "recovery code step");
      expect(actor.requests.filter((r) => r.url.includes("/api/auth/"))).toEqual([]);

      await loadPage(page, "/login");
      await expectAccessible(actor, viewport.width, "login");
      await loadPage(page, "/account");
      await expectAccessible(actor, viewport.width, "account, logged out");
      await loadPage(page, "/staff");
      await expectAccessible(actor, viewport.width, "staff login");

      expect(actor.foreignRequests()).toEqual([]);
      expect(actor.cspViolations).toEqual([]);
      expect(actor.consoleErrors).toEqual([]);
      expect(actor.pageErrors).toEqual([]);
    });
  }
}

describe("keyboard only", () => {
  it("signs up, reads the fingerprint and logs out without a mouse (English)", async () => {
    const actor = await stack.actor("keyboard-user", { viewport: VIEWPORTS.desktop });
    await useLanguage(actor.context, "en");
    const page = actor.page;
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || "");
    const tabTo = async (matches: (id: string) => boolean, limit = 25) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press("Tab");
        if (matches(await focused())) return;
      }
      throw new Error(`focus never reached the element; last: ${await focused()}`);
    };

    await loadPage(page, "/signup");
    await tabTo((id) => id === "signup-username");
    await page.keyboard.type("keyboard-" + Date.now().toString(36));
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("signup-password");
    await page.keyboard.type("gulls typed this with keys only 7");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("signup-passwordRepeat");
    await page.keyboard.type("gulls typed this with keys only 7");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("signup-wantRecoveryCode");
    expect(await page.isChecked("#signup-wantRecoveryCode")).toBe(true);
    // The device question (ADR 0027): Tab reaches its chosen answer, "shared" unless the person changes it.
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("signup-device-shared");
    expect(await page.isChecked("#signup-device-shared")).toBe(true);
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Continue");
    await page.keyboard.press("Enter");

    // Focus moves to the recovery-code heading; confirm with Space, submit with Enter.
    await page.waitForFunction(() => document.activeElement?.id === "recovery-code-title");
    await tabTo((id) => id === "signup-code-confirm");
    await page.keyboard.press("Space");
    expect(await page.isChecked("#signup-code-confirm")).toBe(true);
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Create account");
    await page.keyboard.press("Enter");

    await page.waitForURL("**/account", { timeout: 60_000 });
    await page.waitForFunction(() => document.activeElement?.id === "page-heading");
    expect(await fingerprintOnPage(page)).toMatch(/^(\d{5} ){11}\d{5}$/);
    await expectAccessible(actor, VIEWPORTS.desktop.width, "account, logged in (en)");

    await tabTo((text) => text === "Log out");
    await page.keyboard.press("Enter");
    await page.waitForURL(stack.origin + "/");
    expect(actor.foreignRequests()).toEqual([]);
    expect(actor.cspViolations).toEqual([]);
    expect(actor.consoleErrors).toEqual([]);
  });
});
