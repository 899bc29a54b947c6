// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeElementDescription, loadPage } from "../src/app";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe("keyboard and focus", () => {
  it("first Tab reaches the skip link; activating it focuses main", async () => {
    const [visitor] = await stack.actors("visitor");
    const page = visitor!.page;
    await loadPage(page, "/");
    await page.keyboard.press("Tab");
    expect(await activeElementDescription(page)).toBe("a.skip-link");
    await expect(page.locator(".skip-link").boundingBox()).resolves.not.toBeNull();
    expect(await page.locator(":focus").textContent()).toBe("Zum Inhalt springen");
    await page.keyboard.press("Enter");
    expect(await activeElementDescription(page)).toBe("main#main");
    // The skip link must not put a fragment into the URL.
    expect(new URL(page.url()).hash).toBe("");
  });

  it("moves focus to the new page's heading after a client-side navigation", async () => {
    const [visitor] = await stack.actors("visitor");
    const page = visitor!.page;
    await loadPage(page, "/");
    await page.getByRole("link", { name: "Datenschutz" }).click();
    await page.waitForURL("**/privacy");
    await page.waitForFunction(() => document.activeElement?.id === "page-heading");
    expect(await page.locator(":focus").textContent()).toBe("Datenschutz");
    expect(await page.title()).toBe("Datenschutz – Obhut");
    await page.goBack();
    await page.waitForFunction(() => document.activeElement?.textContent === "Beratung finden");
  });

  it("language switcher changes text and <html lang>, and keeps the choice for the session", async () => {
    const [visitor] = await stack.actors("visitor");
    const page = visitor!.page;
    await loadPage(page, "/");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("de");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Get counselling" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Get counselling" }).waitFor();
  });
});
