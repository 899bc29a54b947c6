// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * npm run bench:inbox  (root) — issue 16's bar: "Inbox with 2,000 cases renders and filters in < 200 ms".
 *
 * Starts a real `obhut serve --demo` (fresh data directory, random port) and seeds 2,000 cases of the
 * demo team straight into its SQLite database (src/seed-cases.ts: plain rows, which is all the inbox list
 * reads — it decrypts nothing). Of the 2,000: 800 new and unassigned, 600 active with demo-beraterin, 400
 * active with a colleague, 200 closed; two topics alternate. Then demo-beraterin logs in in Chromium at
 * 1280×900 (the split view) and, timed in the page with performance.now() and a MutationObserver:
 *   - open: in-app navigation to /inbox → first case card in the DOM, and → the page's cards in the DOM
 *     and the next frame painted (requestAnimationFrame after the last mutation),
 *   - view: pressing "Meine Fälle", "Fälle meiner Teams", "Neue Anfragen" → the new list painted,
 *   - sort: choosing another order (the server sorts the whole view) → painted,
 *   - filter: state and topic filters (server-side) → the new list painted,
 *   - more: "Weitere anzeigen" twice in "Fälle meiner Teams" (50 → 100 → 150 cards) → painted.
 * The server answers a page of 50 (`ListCases`, keyset cursor, with the view's total), so each view shows
 * 50 cards of its 800–2,000 and the figures include the server's query of the whole view (sort, count).
 * `apiMs` is the step's last `GET /api/cases` as Resource Timing saw it (request start to response end): the
 * server's share of the step. Medians and p95 over --runs (default 7) per action. Progress on stderr, one
 * JSON document on stdout.
 * `--profile <file>` writes a Chromium CPU profile (.cpuprofile, for DevTools) of the runs.
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { useLanguage } from "../src/app";
import { counsellorLogin, goInApp } from "../src/counselling";
import { seedInboxCases, type SeededCases } from "../src/seed-cases";
import { REPO_ROOT, startStack, type Stack } from "../src/stack";

const CASES = 2000;
/** CASE_LIMITS.inboxPage: the cases the inbox asks for at a time. */
const PAGE = 50;

function options(): { runs: number; profile: string | undefined } {
  const argv = process.argv.slice(2);
  let runs = 7;
  let profile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") runs = Number(argv[++i]);
    else if (argv[i] === "--profile") profile = String(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a positive integer");
  return { runs, profile };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The bench's mix: 40 % new, 30 % demo-beraterin's, 20 % a colleague's, 10 % closed. */
const seed = (stack: Stack) =>
  seedInboxCases(stack, {
    count: CASES,
    kind: (i) => (i % 10 < 4 ? "new" : i % 10 < 7 ? "mine" : i % 10 < 9 ? "colleague" : "closed"),
  });

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const p95 = (v: number[]) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil(v.length * 0.95) - 1)]!;
const round = (n: number) => Math.round(n * 10) / 10;
const stats = (v: number[]) => ({ median: round(median(v)), p95: round(p95(v)), runs: v.map(round) });

interface Timing {
  firstMs: number;
  domMs: number;
  paintedMs: number;
  rows: number;
  /** The last `GET /api/cases` of the step, request start to response end (Resource Timing): the server's share. */
  apiMs: number;
}

/**
 * Runs `action` in the page and times, from just before it, the first change of the case list, the moment
 * the list holds `expected` rows after a change, and the frame after that.
 */
async function timed(page: Page, action: string, arg: string, expected: number): Promise<Timing> {
  return page.evaluate(
    ({ action, arg, expected }) =>
      new Promise<Timing>((resolve, reject) => {
        const items = () => [...document.querySelectorAll<HTMLElement>(".case-list > li")];
        const rows = () => items().length;
        // Done when the list holds `expected` rows and is not the list from before (same count, other cases or order).
        const ids = () =>
          items()
            .map((li) => li.dataset["caseId"])
            .join(" ");
        const before = ids();
        let first = -1;
        const start = performance.now();
        const timer = window.setTimeout(() => reject(new Error(`${action} ${arg}: ${rows()} rows`)), 30_000);
        const observer = new MutationObserver(() => {
          if (first < 0 && before === "" && rows() > 0) first = performance.now() - start;
          if (rows() !== expected || ids() === before) return;
          observer.disconnect();
          const dom = performance.now() - start;
          requestAnimationFrame(() =>
            setTimeout(() => {
              window.clearTimeout(timer);
              const api = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
                .filter((e) => e.startTime >= start && new URL(e.name).pathname === "/api/cases")
                .at(-1);
              resolve({
                firstMs: first,
                domMs: dom,
                paintedMs: performance.now() - start,
                rows: rows(),
                apiMs: api ? api.responseEnd - api.startTime : -1,
              });
            }, 0),
          );
        });
        observer.observe(document.querySelector("main")!, { childList: true, subtree: true, characterData: true });
        if (action === "goto") {
          window.history.pushState(null, "", arg);
          window.dispatchEvent(new PopStateEvent("popstate"));
        } else if (action === "press") {
          const button = [
            ...document.querySelectorAll<HTMLButtonElement>(".scope-tabs button, .inbox-more button"),
          ].find((b) => b.textContent?.trim() === arg)!;
          button.click();
        } else {
          const [selector, value] = arg.split("=") as [string, string];
          const select = document.querySelector<HTMLSelectElement>(selector)!;
          select.value = value;
          select.dispatchEvent(new Event("change", { bubbles: true }));
        }
      }),
    { action, arg, expected },
  );
}

async function measure(page: Page, runs: number, seeded: SeededCases) {
  const shown = (n: number) => Math.min(n, PAGE);
  const { counts, topics } = seeded;
  const results: Record<string, Timing[]> = {};
  const add = (name: string, t: Timing) => (results[name] ??= []).push(t);
  for (let run = 0; run < runs; run++) {
    log(`  run ${run + 1}/${runs}`);
    await goInApp(page, "/inbox/absence");
    await page.locator("main h1").first().waitFor();
    await page.waitForLoadState("networkidle");
    add("open /inbox (Neue Anfragen)", await timed(page, "goto", "/inbox", shown(counts.new)));
    await page.waitForLoadState("networkidle");
    add("view Meine Fälle", await timed(page, "press", "Meine Fälle", shown(counts.mine)));
    add("view Fälle meiner Teams", await timed(page, "press", "Fälle meiner Teams", shown(counts.team)));
    add("sort newest", await timed(page, "select", "#inbox-sort=newest", shown(counts.team)));
    add("sort lastClient", await timed(page, "select", "#inbox-sort=lastClient", shown(counts.team)));
    add("sort waiting", await timed(page, "select", "#inbox-sort=waiting", shown(counts.team)));
    add("filter state active", await timed(page, "select", "#inbox-state=active", shown(counts.teamActive)));
    add("filter state any", await timed(page, "select", "#inbox-state=", shown(counts.team)));
    add("filter topic", await timed(page, "select", `#inbox-topic=${topics[0]}`, shown(counts.teamTopic0)));
    add("filter topic any", await timed(page, "select", "#inbox-topic=", shown(counts.team)));
    add("more (50 → 100)", await timed(page, "press", "Weitere anzeigen", Math.min(counts.team, 2 * PAGE)));
    add("more (100 → 150)", await timed(page, "press", "Weitere anzeigen", Math.min(counts.team, 3 * PAGE)));
    add("view Neue Anfragen", await timed(page, "press", "Neue Anfragen", shown(counts.new)));
  }
  return Object.fromEntries(
    Object.entries(results).map(([name, ts]) => [
      name,
      {
        rows: ts[0]!.rows,
        firstRowMs: ts[0]!.firstMs >= 0 ? stats(ts.map((t) => t.firstMs)) : null,
        domMs: stats(ts.map((t) => t.domMs)),
        paintedMs: stats(ts.map((t) => t.paintedMs)),
        apiMs: stats(ts.map((t) => t.apiMs)),
      },
    ]),
  );
}

if (!existsSync(join(REPO_ROOT, "packages/web/dist/index.html"))) {
  throw new Error("packages/web/dist is missing: run `npm run build` first");
}
const { runs, profile } = options();
const stack = await startStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
try {
  log("seeding");
  const seeded = await seed(stack);
  const browser = await stack.browser();
  log("logging in");
  const context = await browser.newContext({ baseURL: stack.origin, viewport: { width: 1280, height: 900 } });
  await useLanguage(context, "de");
  // tsx compiles with keepNames: functions passed to page.evaluate call esbuild's `__name` helper.
  await context.addInitScript("globalThis.__name = (f) => f;");
  const page = await context.newPage();
  await counsellorLogin(page, stack, "demo-beraterin");
  const cdp = profile ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.start");
  }
  const paged = await measure(page, runs, seeded);
  if (cdp) await writeFile(profile!, JSON.stringify((await cdp.send("Profiler.stop")).profile));
  await context.close();
  console.log(
    JSON.stringify(
      {
        benchmark: "inbox",
        command: `npm run bench:inbox -- --runs ${runs}`,
        machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavg: loadavg() },
        browser: browser.version(),
        viewport: "1280x900",
        seededCases: CASES,
        seeded: seeded.counts,
        pageSize: PAGE,
        budgetMs: 200,
        paged,
      },
      null,
      2,
    ),
  );
} finally {
  await stack.stop();
}
