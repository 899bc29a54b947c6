// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import { axeAt360, CLIENT_TEXTS, clientEnquiry, counsellorLogin, demoPassword, goInApp } from "../src/counselling";
import type { Actor } from "../src/browser";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * The DPO's tools and break glass in real Chromium against `obhut serve
 * --demo` (issue 7, items 4 and 7): a client's enquiry is accepted by one
 * counsellor; her colleague must give a reason before the conversation
 * loads; the team lead sees that access in the inbox; the DPO filters the
 * audit log and downloads the JSON lines, then generates and stores the
 * Art. 30 record and downloads it as JSON and PDF. axe at 360 px throughout.
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
    await anna.page.locator("button", { hasText: "Anfrage übernehmen" }).click();
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

  it("has no axe violations and no page errors", () => {
    expect(violations).toEqual([]);
    for (const a of [anna, ben, lead, dpo]) {
      expect(a.pageErrors).toEqual([]);
      expect(a.cspViolations).toEqual([]);
    }
  });
});
