// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logInInBrowser } from "../src/accounts";
import { axeEverywhere } from "../src/setup";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Online counselling, staff side, in real Chromium against `obhut serve
 * --demo` (one team: a lead and two counsellors). First slice: counsellors
 * log in, open the team inbox and the absence notice, keyboard and axe
 * clean. The full "done when" flow (client enquiry → realtime in both
 * inboxes → accept race → handover → close → reopen → export) is still to
 * be added here once the client pages are in.
 */

function demoPassword(stack: Stack, username: string): string {
  const text = readFileSync(join(stack.dataDir, "demo-logins.txt"), "utf8");
  const line = text.split("\n").find((l) => l.trim().startsWith(`${username} `));
  if (!line) throw new Error(`no demo login for ${username}`);
  return line.trim().split(/\s+/)[1]!;
}

/** Client-side navigation (keeps the in-memory keys; a page load would drop them). */
async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, "", to);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
}

describe("counselling: staff inbox", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack({ args: ["--demo"] });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("a counsellor logs in, sees the team inbox and saves an absence notice", async () => {
    const a = await stack.actor("beraterin");
    await logInInBrowser(a.page, {
      username: "demo-beraterin",
      password: demoPassword(stack, "demo-beraterin"),
      path: "/staff",
    });
    // A counsellor (member of a team) lands in the inbox; the navigation links to it.
    await a.page.waitForURL("**/inbox", { timeout: 60_000 });
    await a.page.locator('.main-nav a[href="/inbox"]').waitFor();
    await a.page.locator("h1", { hasText: "Posteingang" }).waitFor();
    await a.page.locator(".inbox-empty, .case-list").first().waitFor();
    expect(await axeEverywhere(a.page, "inbox")).toEqual([]);

    await goInApp(a.page, "/inbox/absence");
    await a.page.locator("#absence-message").waitFor();
    await a.page.check("#absence-active");
    await a.page.fill("#absence-message", "Bis Montag nicht im Büro.");
    await a.page.locator("form.staff-form button[type=submit]").click();
    await a.page.locator(".notice--success").waitFor();
    expect(await axeEverywhere(a.page, "absence")).toEqual([]);
    expect(a.pageErrors).toEqual([]);
    expect(a.cspViolations).toEqual([]);
  });
});
