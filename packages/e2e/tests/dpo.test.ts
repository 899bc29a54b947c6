// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import { axeAt360, CLIENT_TEXTS, clientEnquiry, counsellorLogin, demoPassword, goInApp } from "../src/counselling";
import type { Actor } from "../src/browser";
import { seedStatisticsYear } from "../src/seed-statistics";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * The DPO's tools and break glass in real Chromium against `obhut serve
 * --demo` (issue 7, items 4 and 7): a client's enquiry is accepted by one
 * counsellor; her colleague must give a reason before the conversation
 * loads; the team lead sees that access in the inbox; the DPO filters the
 * audit log and downloads the JSON lines, then generates and stores the
 * Art. 30 record and downloads it as JSON and PDF, reads statistics, and logs
 * a data breach (72-hour clock, high risk, authority draft). axe at 360 px throughout.
 */
let stack: Stack;
let client: Actor;
let anna: Actor;
let ben: Actor;
let lead: Actor;
let dpo: Actor;
const violations: string[] = [];
const REASON = "Vertretung: Kollegin krank, Klientin wartet";
const MESSAGE = "Ich brauche Hilfe mit meinem Sohn.";
const staffMessages = (page: Page) => page.locator('ol.message-list[aria-label="Gespräch"] > li');

async function downloadBytes(page: Page, button: ReturnType<Page["locator"]>) {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

beforeAll(async () => {
  stack = await startTestStack({
    args: ["--demo"],
    env: { OBHUT_RATE_LIMITS: "auth=200", OBHUT_HOSTING_LOCATION: "Frankfurt am Main, Deutschland (EU)" },
  });
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"));
  try {
    // The demo has no data-protection officer: the demo admin takes the role for this test.
    db.prepare("UPDATE accounts SET role = 'dpo' WHERE username = 'demo-admin'").run();
  } finally {
    db.close();
  }
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  anna = await stack.actor("anna", { viewport: VIEWPORTS.mobile });
  ben = await stack.actor("ben", { viewport: VIEWPORTS.mobile });
  lead = await stack.actor("lead", { viewport: VIEWPORTS.mobile });
  dpo = await stack.actor("dpo", { viewport: VIEWPORTS.mobile, acceptDownloads: true });
  for (const a of [client, anna, ben, lead, dpo]) await useLanguage(a.context, "de");
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("DPO tools and break glass", () => {
  const username = "wolke-" + Date.now().toString(36);
  let caseId = "";

  it("a counsellor accepts a new enquiry", async () => {
    await clientEnquiry(client.page, {
      texts: CLIENT_TEXTS.de,
      username,
      password: "Ein langer Satz über Wolken und Wind 7",
      message: MESSAGE,
    });
    caseId = new URL(client.page.url()).searchParams.get("id")!;
    await counsellorLogin(anna.page, stack, "demo-beraterin");
    await goInApp(anna.page, `/inbox/case?id=${caseId}`);
    await anna.page.getByRole("button", { name: "Anfrage übernehmen", exact: true }).click();
    await anna.page.locator("[data-testid=case-assignee]", { hasText: "Frau Berger" }).waitFor({ timeout: 30_000 });
  });

  it("her colleague must give a reason before the conversation loads", async () => {
    await counsellorLogin(ben.page, stack, "demo-berater");
    await goInApp(ben.page, `/inbox/case?id=${caseId}`);
    await ben.page.locator("#break-glass-reason").waitFor({ timeout: 30_000 });
    expect(await staffMessages(ben.page).count()).toBe(0);
    expect(await ben.page.locator("body").textContent()).not.toContain(MESSAGE);
    violations.push(...(await axeAt360(ben.page, "break-glass prompt")));
    // Keyboard: a too-short reason is refused in the browser, then the real one opens the case.
    await ben.page.locator("#break-glass-reason").fill("kurz");
    await ben.page.locator("#break-glass-reason").press("Tab");
    await ben.page.keyboard.press("Enter");
    await ben.page.locator("[role=alert]", { hasText: "mindestens 10 Zeichen" }).waitFor();
    await ben.page.locator("#break-glass-reason").fill(REASON);
    await ben.page.locator("form.break-glass button[type=submit]").click();
    await staffMessages(ben.page).filter({ hasText: MESSAGE }).waitFor({ timeout: 30_000 });
  });

  it("the team lead sees the access with its reason in the inbox", async () => {
    await counsellorLogin(lead.page, stack, "demo-leitung");
    const row = lead.page.locator("[data-testid=break-glass-event]", { hasText: REASON });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain("demo-berater");
    violations.push(...(await axeAt360(lead.page, "inbox with break-glass list")));
  });

  it("the DPO filters the audit log and downloads the range as JSON lines", async () => {
    const page = dpo.page;
    await loadPage(page, "/staff");
    await page.fill("#staff-username", "demo-admin");
    await page.fill("#staff-password", await demoPassword(stack, "demo-admin"));
    await page.locator("form button[type=submit]").click();
    await page.waitForURL((url) => url.pathname !== "/staff", { timeout: 60_000 });
    await goInApp(page, "/dpo/audit");
    await page.locator("[data-testid=chain-status]", { hasText: "unversehrt" }).waitFor({ timeout: 30_000 });
    await page.locator("[data-testid=audit-entry]").first().waitFor();
    violations.push(...(await axeAt360(page, "audit log")));
    await page.fill("#audit-action", "case.break_glass");
    await page.locator("form.audit-filters button[type=submit]").click();
    await page.locator("[data-testid=audit-entry][data-action='case.break_glass']").first().waitFor();
    await expect
      .poll(async () => page.locator("[data-testid=audit-entry]:not([data-action='case.break_glass'])").count())
      .toBe(0);
    await page.locator("[data-testid=break-glass-event]", { hasText: REASON }).waitFor();
    const file = await downloadBytes(page, page.locator("button", { hasText: "JSON Lines" }));
    expect(file.name).toMatch(/\.jsonl$/);
    const lines = file.bytes
      .toString("utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { action: string; targetId: string; data: Record<string, unknown> });
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.every((l) => l.action === "case.break_glass")).toBe(true);
    expect(lines.some((l) => l.targetId === caseId)).toBe(true);
    // The chain holds the reason's hash, not its text; nothing else leaks either.
    expect(file.bytes.toString("utf8")).not.toContain("Vertretung");
    expect(file.bytes.toString("utf8")).not.toContain(MESSAGE);
    await page.locator(".notice--success", { hasText: "heruntergeladen" }).waitFor();
  });

  it("the DPO generates the Art. 30 record, stores a version and downloads JSON and PDF", async () => {
    const page = dpo.page;
    await goInApp(page, "/dpo/record");
    await page.locator("#record-controller").waitFor({ timeout: 30_000 });
    await page.locator("[data-testid=record-missing]").waitFor();
    violations.push(...(await axeAt360(page, "record of processing")));
    await page.fill("#record-controller", "Demo-Träger e. V., Musterstraße 1, 12345 Demo-Stadt");
    await page.fill("#record-dpo", "datenschutz@demo-traeger.example");
    await page.locator("button", { hasText: "Als neue Fassung speichern" }).click();
    await page.locator("[data-testid=record-version]").first().waitFor({ timeout: 30_000 });
    await page.locator(".notice--success", { hasText: "Fassung 1" }).waitFor();

    const json = await downloadBytes(page, page.locator("button", { hasText: "JSON herunterladen" }));
    const record = JSON.parse(json.bytes.toString("utf8")) as {
      hostingLocation: string;
      retention: { dataClass: string }[];
      measures: { id: string }[];
      missing: string[];
    };
    expect(record.hostingLocation).toBe("Frankfurt am Main, Deutschland (EU)");
    expect(record.retention.map((r) => r.dataClass)).toContain("messages");
    expect(record.measures.map((m) => m.id)).toEqual(expect.arrayContaining(["e2ee", "opaque", "audit_chain"]));
    expect(record.missing).toEqual([]);

    const pdf = await downloadBytes(page, page.locator("button", { hasText: "PDF herunterladen" }));
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    violations.push(...(await axeAt360(page, "record after storing")));
  });

  it("the DPO reads a year of statistics, small cells suppressed, and its CSV equals the table", async () => {
    const page = dpo.page;
    const year = new Date().getUTCFullYear() - 1;
    const { pseudonyms } = await seedStatisticsYear(stack, year);
    await page
      .getByRole("navigation", { name: "Datenschutz-Werkzeuge" })
      .getByRole("link", { name: "Statistik" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Statistik" }).waitFor({ timeout: 30_000 });
    await page.getByLabel("Jahr", { exact: true }).selectOption(String(year));
    const table = page.getByRole("region", { name: "Tabelle" }).getByRole("table");
    // January: 7 (Familie) + 2 (Jugend), all answered by the seeded counsellor.
    const january = table.getByRole("row", { name: new RegExp(`^Jan\\.? ${year}`) });
    await expect.poll(() => january.getByRole("cell").nth(1).textContent(), { timeout: 30_000 }).toBe("9");
    // July has 3 enquiries: suppressed, and with it one more month of the third quarter.
    const july = table.getByRole("row", { name: new RegExp(`^Juli? ${year}`) });
    expect(await july.getByRole("cell").nth(1).textContent()).toBe("ausgeblendet");
    expect(await table.getByRole("cell", { name: "ausgeblendet" }).count()).toBeGreaterThan(1);
    await page.getByRole("img", { name: `Neue Anfragen je Monat, ${year}` }).waitFor();
    violations.push(...(await axeAt360(page, "statistics")));

    const shown = await table.evaluate((t: HTMLTableElement) =>
      [...t.rows].map((r) => [...r.cells].map((c) => c.textContent ?? "")),
    );
    expect(shown).toHaveLength(13);
    const csv = await downloadBytes(page, page.getByRole("button", { name: "Als CSV herunterladen" }));
    expect(csv.name).toBe(`statistik-${year}-month-none.csv`);
    const lines = csv.bytes
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines.map((l) => l.split(";"))).toEqual(shown);
    for (const p of pseudonyms) expect(csv.bytes.toString("utf8")).not.toContain(p);

    const pdf = await downloadBytes(page, page.getByRole("button", { name: "Als PDF herunterladen" }));
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await page.getByRole("status").filter({ hasText: "PDF-Datei wurde erstellt" }).waitFor();
  });

  it("the DPO logs a data breach, sees its 72-hour clock, assesses high risk and gets the authority draft", async () => {
    const page = dpo.page;
    const what = "USB-Stick mit Beratungsdokumentation im Zug verloren";
    await page
      .getByRole("navigation", { name: "Datenschutz-Werkzeuge" })
      .getByRole("link", { name: "Datenpannen" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Datenpannen" }).waitFor({ timeout: 30_000 });
    await page.getByLabel("Was ist passiert?").fill(what);
    await page.getByLabel("Betroffene Datenkategorien").fill("Namen, Beratungsnotizen");
    await page.getByLabel("Ungefähre Zahl betroffener Personen").fill("25");
    await page.getByRole("button", { name: "Datenpanne erfassen" }).click();
    // Aware just now (to the minute): 71 h and some minutes left.
    await page
      .getByTestId("breach-clock")
      .filter({ hasText: /Meldefrist: noch 71 Std\. \d+ Min\./ })
      .waitFor();
    violations.push(...(await axeAt360(page, "breach recorded")));
    await page.getByLabel("hohes Risiko", { exact: true }).check();
    await page.getByLabel("Wahrscheinliche Folgen").fill("Offenlegung sensibler Beratungsinhalte");
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    const draft = page.getByRole("region", { name: "Entwurf der Meldung an die Aufsichtsbehörde" });
    await draft.waitFor({ timeout: 30_000 });
    for (const text of [what, "Namen, Beratungsnotizen", "25", "datenschutz@demo-traeger.example"])
      await draft.getByText(text, { exact: true }).waitFor();
    await page.getByRole("region", { name: "Entwurf des Schreibens an die betroffenen Personen" }).waitFor();
    const file = await downloadBytes(page, draft.getByRole("button", { name: "Als Text herunterladen" }));
    expect(file.name).toMatch(/^art33-.*\.txt$/);
    expect(file.bytes.toString("utf8")).toContain("Offenlegung sensibler Beratungsinhalte");
    const pdf = await downloadBytes(page, draft.getByRole("button", { name: "Als PDF herunterladen" }));
    expect(pdf.name).toMatch(/^art33-.*\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    violations.push(...(await axeAt360(page, "breach with drafts")));
  });

  it("has no axe violations and no page errors", () => {
    expect(violations).toEqual([]);
    for (const a of [anna, ben, lead, dpo]) {
      expect(a.pageErrors).toEqual([]);
      expect(a.cspViolations).toEqual([]);
    }
  });
});
