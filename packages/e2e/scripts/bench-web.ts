// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * npm run bench:web  (root) — issue 6's budget for the client pages.
 *
 * Starts a real `obhut serve` on the built web app and loads each client page
 * in a fresh Chromium context (empty cache, no service worker) emulating a
 * mid-range phone: 360×640 viewport, CPU slowed down 4×, and DevTools' "Fast
 * 3G" network (562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up). For
 * each page it prints, as one JSON object:
 *   - initialJsBytes: compressed bytes of JavaScript transferred until the
 *     page is interactive (what the budget of 200 KB counts),
 *   - interactiveMs: navigation start → the page's <h1> is rendered by React
 *     and the load event has fired (the app has no server rendering, so the
 *     heading only exists once the app runs and can take input),
 *   - totalBytes: compressed bytes of everything the page fetched once the
 *     network is idle after that (document, scripts, styles, icons, API
 *     answers, OPAQUE's WebAssembly if a page fetched it): what a first
 *     visit costs on a metered phone,
 *   - for /signup also signUpBytes: everything fetched by a whole sign-up up
 *     to the recovery code (the OPAQUE and key code with its WebAssembly load
 *     when the form gets focus, the password dictionaries on submit; none of
 *     it with the page),
 *   - within budget flags for 200 KB and 5 s.
 * Options: --runs N (default 3; the median is reported), --page /path (repeatable).
 */
import type { CDPSession } from "playwright-core";
import { launchChromium } from "../src/browser";
import { REPO_ROOT, startStack } from "../src/stack";
import { existsSync } from "node:fs";
import { join } from "node:path";

const FAST_3G = {
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};
const CPU_SLOWDOWN = 4;
const BUDGET_BYTES = 200 * 1024;
const BUDGET_MS = 5000;

function options(): { runs: number; pages: string[] } {
  const argv = process.argv.slice(2);
  let runs = 3;
  const pages: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") runs = Number(argv[++i]);
    else if (argv[i] === "--page") pages.push(String(argv[++i]));
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a positive integer");
  return { runs, pages: pages.length ? pages : ["/", "/finder", "/signup", "/login"] };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

if (!existsSync(join(REPO_ROOT, "packages/web/dist/index.html"))) {
  throw new Error("packages/web/dist is missing: run `npm run build` first");
}
const { runs, pages } = options();
const stack = await startStack();
const browser = await launchChromium();
try {
  const results: Record<string, unknown>[] = [];
  for (const path of pages) {
    const bytes: number[] = [];
    const times: number[] = [];
    const totals: number[] = [];
    const signUps: number[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({
        baseURL: stack.baseUrl,
        serviceWorkers: "block",
        viewport: { width: 360, height: 640 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      });
      // Note the moment React puts the page heading into the DOM, without polling delay.
      await context.addInitScript(() => {
        const w = window as unknown as { __obhutH1At?: number };
        new MutationObserver((_records, observer) => {
          if (document.querySelector("main h1")) {
            w.__obhutH1At = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      const cdp: CDPSession = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Network.emulateNetworkConditions", { offline: false, ...FAST_3G });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
      const scripts = new Map<string, number>();
      const scriptIds = new Set<string>();
      const everything = new Map<string, number>();
      cdp.on("Network.responseReceived", (event) => {
        if (event.type === "Script") scriptIds.add(event.requestId);
      });
      cdp.on("Network.loadingFinished", (event) => {
        everything.set(event.requestId, event.encodedDataLength);
        if (scriptIds.has(event.requestId)) scripts.set(event.requestId, event.encodedDataLength);
      });
      await page.goto(path, { waitUntil: "load" });
      await page.locator("main h1").first().waitFor();
      const interactiveMs = await page.evaluate(() => {
        const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
        return Math.max((window as unknown as { __obhutH1At: number }).__obhutH1At, nav?.loadEventEnd ?? 0);
      });
      const jsBytes = [...scripts.values()].reduce((a, b) => a + b, 0);
      bytes.push(jsBytes);
      await page.waitForLoadState("networkidle");
      totals.push([...everything.values()].reduce((a, b) => a + b, 0));
      if (path === "/signup") {
        // A whole sign-up: pseudonym and password typed, "Weiter" → the recovery code is shown. The OPAQUE
        // and key code with its WebAssembly load when the form gets focus, the password dictionaries on submit.
        await page.locator("#signup-username").fill(`bench${run}${Date.now().toString(36)}`);
        await page.locator("#signup-password").fill("Ein langer Satz über Wolken und Regen 7");
        await page.locator("#signup-passwordRepeat").fill("Ein langer Satz über Wolken und Regen 7");
        await page.locator("main form button[type=submit]").click();
        await page.locator("#recovery-code-title").waitFor({ timeout: 120_000 });
        await page.waitForLoadState("networkidle");
        signUps.push([...everything.values()].reduce((a, b) => a + b, 0));
      }
      times.push(Math.round(interactiveMs));
      await context.close();
    }
    const initialJsBytes = median(bytes);
    const interactiveMs = median(times);
    results.push({
      page: path,
      initialJsBytes,
      initialJsKiB: Math.round((initialJsBytes / 1024) * 10) / 10,
      interactiveMs,
      runs: times,
      totalBytes: median(totals),
      totalKiB: Math.round((median(totals) / 1024) * 10) / 10,
      ...(signUps.length
        ? { signUpBytes: median(signUps), signUpKiB: Math.round((median(signUps) / 1024) * 10) / 10 }
        : {}),
      withinJsBudget: initialJsBytes <= BUDGET_BYTES,
      withinTimeBudget: interactiveMs <= BUDGET_MS,
    });
  }
  console.log(
    JSON.stringify(
      {
        benchmark: "web",
        browser: browser.version(),
        emulation: { viewport: "360x640", cpuSlowdown: CPU_SLOWDOWN, network: "DevTools Fast 3G", ...FAST_3G },
        budget: { initialJsBytes: BUDGET_BYTES, interactiveMs: BUDGET_MS },
        pages: results,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await stack.stop();
}
