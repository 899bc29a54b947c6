// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BrowserContext, Page } from "playwright-core";

/** Pages of the app shell and the state each one is checked in. */
export const PAGES = [
  { name: "start", path: "/" },
  { name: "staff login", path: "/staff" },
  { name: "setup without token", path: "/setup" },
  { name: "setup with invalid token", path: `/setup#token=${"x".repeat(43)}` },
  { name: "privacy", path: "/privacy" },
  { name: "accessibility", path: "/accessibility" },
  { name: "not found", path: "/no-such-page" },
] as const;

export const VIEWPORTS = {
  mobile: { width: 360, height: 740 },
  desktop: { width: 1280, height: 900 },
} as const;

export const LANGUAGES = ["de", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The default quick-exit target (packages/web/src/config.ts). */
export const QUICK_EXIT_URL = "https://www.google.com/search?q=wetter";

/** Preselects the UI language the way the language switcher stores it. */
export async function useLanguage(context: BrowserContext, language: Language): Promise<void> {
  await context.addInitScript((lang) => {
    // Runs before every document, also about:blank, where storage throws.
    try {
      if (!sessionStorage.getItem("obhut.language")) sessionStorage.setItem("obhut.language", lang);
    } catch {
      // Not the app's document.
    }
  }, language);
}

/**
 * Loads a page completely: the document, the app's first render (its h1)
 * and the service worker's registration and activation, so every request a
 * full load causes has happened when this returns.
 */
export async function loadPage(page: Page, path: string): Promise<void> {
  await page.goto(path, { waitUntil: "load" });
  await page.locator("h1").waitFor({ state: "visible" });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

export async function activeElementDescription(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return "none";
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className ? "." + String(el.className).split(" ").join(".") : ""}`;
  });
}
