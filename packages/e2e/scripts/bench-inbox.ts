// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * npm run bench:inbox  (root) — issue 16's bar: "Inbox with 2,000 cases renders and filters in < 200 ms".
 *
 * Starts a real `obhut serve --demo` (fresh data directory, random port) and seeds 2,000 cases of the
 * demo team straight into its SQLite database: the inbox list shows only server metadata (pseudonym,
 * state, topic, team, assignee, waiting time, unread count), it decrypts nothing, so plain rows are what
 * it would see in use. Of the 2,000: 800 new and unassigned, 600 active with demo-beraterin, 400 active
 * with a colleague, 200 closed; two topics alternate. Then demo-beraterin logs in in Chromium at
 * 1280×900 (the split view) and, timed in the page with performance.now() and a MutationObserver:
 *   - open: in-app navigation to /inbox → first case card in the DOM, and → all cards in the DOM and
 *     the next frame painted (requestAnimationFrame after the last mutation),
 *   - view: pressing "Meine Fälle", "Team", "Neu" → the new list in the DOM and painted,
 *   - sort: choosing another order (client-side) → painted,
 *   - filter: state and topic filters (server-side queries) → the new list in the DOM and painted.
 * Medians and p95 over --runs (default 7) per action. The server answers at most 200 cases per list
 * (`listCases`, no paging), so the real list (section `server`) never holds 2,000 rows; section
 * `expanded` answers /api/cases in the browser with the server's answer repeated ×10 under distinct ids:
 * what rendering 2,000 rows would cost once the server returned them.
 * Progress on stderr, one JSON document on stdout. `--profile <file>` writes a Chromium CPU profile
 * (.cpuprofile, for DevTools) of the expanded runs.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { useLanguage } from "../src/app";
import { counsellorLogin, goInApp } from "../src/counselling";
import { REPO_ROOT, startStack, type Stack } from "../src/stack";

const CASES = 2000;
const SERVER_CAP = 200;
const EXPAND = 10;

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
const id = () => randomBytes(16).toString("base64url");

interface Seeded {
  topics: string[];
  /** How many cases each query of the inbox matches in the database. */
  counts: { new: number; mine: number; team: number; teamActive: number; teamTopic0: number };
}

async function seed(stack: Stack): Promise<Seeded> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"));
  db.pragma("busy_timeout = 5000");
  try {
    const me = db
      .prepare(
        `SELECT a.id, a.organisation_id, tm.team_id FROM accounts a JOIN team_members tm ON tm.account_id = a.id
         WHERE a.username = 'demo-beraterin'`,
      )
      .get() as { id: string; organisation_id: string; team_id: string };
    const colleague = (db.prepare("SELECT id FROM accounts WHERE username = 'demo-berater'").get() as { id: string })
      .id;
    const agency = (db.prepare("SELECT id FROM agencies LIMIT 1").get() as { id: string }).id;
    const topics = (db.prepare("SELECT id FROM topics ORDER BY id").all() as { id: string }[]).map((t) => t.id);
    const now = Date.now();
    const account = db.prepare(
      `INSERT INTO accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at)
       VALUES (?, NULL, ?, 'client', 'client', '', '', ?)`,
    );
    const conversation = db.prepare(
      `INSERT INTO conversations (id, organisation_id, kind, created_by, created_at) VALUES (?, ?, 'case', ?, ?)`,
    );
    const member = db.prepare(
      `INSERT INTO conversation_members (conversation_id, account_id, role, joined_at) VALUES (?, ?, 'member', ?)`,
    );
    const kase = db.prepare(
      `INSERT INTO cases (id, organisation_id, conversation_id, agency_id, topic_id, team_id, client_id, assignee_id,
        state, created_at, accepted_at, closed_at, waiting_since)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const counts = { new: 0, mine: 0, team: 0, teamActive: 0, teamTopic0: 0 };
    db.transaction(() => {
      for (let i = 0; i < CASES; i++) {
        const client = id();
        const conv = id();
        const created = now - (i + 1) * 60_000;
        const topic = topics[i % topics.length]!;
        const kind = i % 10 < 4 ? "new" : i % 10 < 7 ? "mine" : i % 10 < 9 ? "colleague" : "closed";
        const assignee = kind === "mine" ? me.id : kind === "colleague" || kind === "closed" ? colleague : null;
        const state = kind === "new" ? "new" : kind === "closed" ? "closed" : "active";
        account.run(client, `bench-${String(i).padStart(4, "0")}-${client.slice(0, 6)}`, created);
        conversation.run(conv, me.organisation_id, client, created);
        member.run(conv, client, created);
        if (assignee) member.run(conv, assignee, created);
        kase.run(
          id(),
          me.organisation_id,
          conv,
          agency,
          topic,
          me.team_id,
          client,
          assignee,
          state,
          created,
          assignee ? created : null,
          state === "closed" ? created + 1000 : null,
          state === "closed" ? null : created - (i % 37) * 1000,
        );
        if (kind === "new") counts.new++;
        if (kind === "mine") counts.mine++;
        counts.team++;
        if (state === "active") counts.teamActive++;
        if (topic === topics[0]) counts.teamTopic0++;
      }
    })();
    // "team" without a state filter shows new, active and closed: all of the seeded ones.
    return { topics, counts };
  } finally {
    db.close();
  }
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const p95 = (v: number[]) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil(v.length * 0.95) - 1)]!;
const round = (n: number) => Math.round(n * 10) / 10;
const stats = (v: number[]) => ({ median: round(median(v)), p95: round(p95(v)), runs: v.map(round) });

interface Timing {
  firstMs: number;
  domMs: number;
  paintedMs: number;
  rows: number;
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
              resolve({ firstMs: first, domMs: dom, paintedMs: performance.now() - start, rows: rows() });
            }, 0),
          );
        });
        observer.observe(document.querySelector("main")!, { childList: true, subtree: true, characterData: true });
        if (action === "goto") {
          window.history.pushState(null, "", arg);
          window.dispatchEvent(new PopStateEvent("popstate"));
        } else if (action === "press") {
          const button = [...document.querySelectorAll<HTMLButtonElement>(".scope-tabs button")].find(
            (b) => b.textContent?.trim() === arg,
          )!;
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

async function measure(page: Page, runs: number, seeded: Seeded, factor: number) {
  const shown = (n: number) => Math.min(n, SERVER_CAP) * factor;
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
  const sections: Record<string, unknown> = {};
  for (const [name, factor] of [
    ["server", 1],
    ["expanded", EXPAND],
  ] as const) {
    log(`${name}: logging in`);
    const context = await browser.newContext({ baseURL: stack.origin, viewport: { width: 1280, height: 900 } });
    await useLanguage(context, "de");
    // tsx compiles with keepNames: functions passed to page.evaluate call esbuild's `__name` helper.
    await context.addInitScript("globalThis.__name = (f) => f;");
    if (factor > 1) {
      // The server's answer repeated `factor` times under distinct ids and pseudonyms.
      await context.route(/\/api\/cases(\?|$)/, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { cases: { id: string; clientName: string }[] };
        const cases = Array.from({ length: factor }, (_, k) =>
          body.cases.map((c) => (k === 0 ? c : { ...c, id: `${c.id}-${k}`, clientName: `${c.clientName}-${k}` })),
        ).flat();
        await route.fulfill({ response, json: { ...body, cases } });
      });
    }
    const page = await context.newPage();
    await counsellorLogin(page, stack, "demo-beraterin");
    const cdp = profile && factor > 1 ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.start");
    }
    sections[name] = await measure(page, runs, seeded, factor);
    if (cdp) await writeFile(profile!, JSON.stringify((await cdp.send("Profiler.stop")).profile));
    await context.close();
  }
  console.log(
    JSON.stringify(
      {
        benchmark: "inbox",
        command: `npm run bench:inbox -- --runs ${runs}`,
        machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
        browser: browser.version(),
        viewport: "1280x900",
        seededCases: CASES,
        seeded: seeded.counts,
        serverListLimit: SERVER_CAP,
        budgetMs: 200,
        server: sections.server,
        expanded: { factor: EXPAND, ...(sections.expanded as object) },
      },
      null,
      2,
    ),
  );
} finally {
  await stack.stop();
}
