// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logInInBrowser } from "../src/accounts";
import { consoleNav } from "../src/admin-console";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import {
  acceptEnquiry,
  axeAt360,
  CLIENT_TEXTS,
  clientEnquiry,
  counsellorLogin,
  demoPassword,
} from "../src/counselling";
import { openSql } from "../src/instance";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #14, item 3 (ADR 0032), in real Chromium against `obhut serve --demo`: a client writes, a counsellor
 * answers. The administrator asks to read the case with the organisation's archive key, with the case number
 * and a reason; nothing opens while the request waits or after the data-protection officer refused it. After
 * the DPO approves a second request (the reason shown to them), the administrator's browser decrypts both
 * messages with the archive key, read-only. The team lead sees the accesses with their reasons in the inbox.
 * axe at 360 px throughout.
 */
let stack: Stack;
let client: Actor;
let counsellor: Actor;
let admin: Actor;
let dpo: Actor;
let lead: Actor;
const violations: string[] = [];

const PASSWORD = "Ein langer Satz über Archive und Akten 4";
const T = {
  enquiry: "Guten Tag, mein Vermieter droht mir mit der Kündigung. Was kann ich tun?",
  reply: "Guten Tag, das klären wir gemeinsam. Haben Sie das Schreiben noch?",
  firstReason: "Auskunftsersuchen der Klientin, Team kann den Fall nicht mehr öffnen",
  secondReason: "Team aufgelöst, alle Schlüssel verloren; Übergabe an neues Team",
};

/** The archive reader of the console: its list of decrypted messages. */
const archived = (page: Page) => page.getByRole("region", { name: /^Fall .* \(nur lesen\)$/ });
const requestRow = (page: Page, reason: string) => page.getByRole("row").filter({ hasText: reason });

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  // The demo has no data-protection officer: one of its counsellors takes the role for this test.
  const sql = await openSql({ dataDir: stack.dataDir });
  try {
    await sql.run("UPDATE accounts SET role = 'dpo' WHERE username = ?", ["demo-berater"]);
  } finally {
    await sql.close();
  }
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  counsellor = await stack.actor("counsellor", { viewport: VIEWPORTS.desktop });
  admin = await stack.actor("admin", { viewport: VIEWPORTS.desktop });
  dpo = await stack.actor("dpo", { viewport: VIEWPORTS.desktop });
  lead = await stack.actor("lead", { viewport: VIEWPORTS.mobile });
  for (const actor of [client, counsellor, admin, dpo, lead]) await useLanguage(actor.context, "de");
});

afterAll(async () => {
  await stack?.stop();
});

async function staffLogIn(page: Page, username: string, lands: string): Promise<void> {
  await logInInBrowser(page, { username, password: await demoPassword(stack, username), path: "/staff" });
  await page.waitForURL(`**${lands}`, { timeout: 60_000 });
}

/** The console's archive page loaded afresh through its own menu (a page load would drop the keys). */
async function adminArchivePage(page: Page): Promise<void> {
  await consoleNav(page, "Übersicht", "/admin");
  await consoleNav(page, "Archivzugriff", "/admin/archive");
  await page.getByRole("heading", { name: "Zugriffe mit dem Archivschlüssel" }).waitFor({ timeout: 30_000 });
}

/** The DPO's audit page loaded afresh through the DPO tools' own menu. */
async function dpoAuditPage(page: Page): Promise<void> {
  const nav = page.getByRole("navigation", { name: "Datenschutz-Werkzeuge" });
  await nav.getByRole("link", { name: "Verarbeitungsverzeichnis", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Verzeichnis der Verarbeitungstätigkeiten" }).waitFor();
  await nav.getByRole("link", { name: "Protokoll", exact: true }).click();
  await page.getByRole("heading", { name: "Zugriffe mit dem Archivschlüssel" }).waitFor({ timeout: 30_000 });
}

describe.sequential("reading a case with the organisation's archive key (four eyes)", () => {
  const clientName = "akte-" + Date.now().toString(36);
  let caseId = "";

  it("the client writes; a counsellor accepts and answers", async () => {
    await counsellorLogin(counsellor.page, stack, "demo-beraterin");
    await clientEnquiry(client.page, {
      texts: CLIENT_TEXTS.de,
      username: clientName,
      password: PASSWORD,
      message: T.enquiry,
    });
    caseId = new URL(client.page.url()).searchParams.get("id")!;
    await acceptEnquiry(counsellor.page, { client: clientName, enquiry: T.enquiry, reply: T.reply });
    await client.page.locator(".timeline__message", { hasText: T.reply }).waitFor({ timeout: 30_000 });
  });

  it("the administrator asks with the case number and a reason; nothing opens while it waits", async () => {
    const page = admin.page;
    await staffLogIn(page, "demo-admin", "/admin");
    await consoleNav(page, "Archivzugriff", "/admin/archive");
    await page.getByRole("heading", { name: "Archivzugriff beantragen" }).waitFor({ timeout: 30_000 });
    violations.push(...(await axeAt360(page, "archive access page")));

    await page.getByLabel("Fallnummer", { exact: true }).fill(caseId);
    await page.getByLabel("Grund", { exact: true }).fill("zu kurz");
    await page.getByRole("button", { name: "Archivzugriff beantragen" }).click();
    await page.getByRole("alert").filter({ hasText: "mindestens 20 Zeichen" }).waitFor();
    await page.getByLabel("Grund", { exact: true }).fill(T.firstReason);
    await page.getByRole("button", { name: "Archivzugriff beantragen" }).click();
    await page.getByRole("status").filter({ hasText: "Ihr Antrag ist gestellt" }).waitFor({ timeout: 30_000 });
    const row = requestRow(page, T.firstReason);
    await row.filter({ hasText: "Wartet auf Entscheidung" }).waitFor({ timeout: 30_000 });
    expect(await row.getByRole("button", { name: "Fall lesen" }).count()).toBe(0);
    expect(await page.locator("body").textContent()).not.toContain(T.enquiry);
  });

  it("the data-protection officer sees the reason and refuses; the administrator still reads nothing", async () => {
    const page = dpo.page;
    await staffLogIn(page, "demo-berater", "/dpo/audit");
    const row = requestRow(page, T.firstReason);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain("demo-admin");
    violations.push(...(await axeAt360(page, "audit page with a pending archive access")));
    await row
      .getByRole("group", { name: /^Antrag von demo-admin/ })
      .getByRole("button", { name: "Ablehnen" })
      .click();
    await page.getByRole("status").filter({ hasText: "Ihre Entscheidung ist gespeichert." }).waitFor();
    await row.filter({ hasText: "Abgelehnt" }).waitFor();

    await adminArchivePage(admin.page);
    const refused = requestRow(admin.page, T.firstReason);
    await refused.filter({ hasText: "Abgelehnt" }).waitFor({ timeout: 30_000 });
    expect(await admin.page.getByRole("button", { name: "Fall lesen" }).count()).toBe(0);
    expect(await admin.page.locator("body").textContent()).not.toContain(T.enquiry);
  });

  it("after the DPO approves a new request, the administrator reads both messages with the archive key", async () => {
    const page = admin.page;
    await page.getByLabel("Fallnummer", { exact: true }).fill(caseId);
    await page.getByLabel("Grund", { exact: true }).fill(T.secondReason);
    await page.getByRole("button", { name: "Archivzugriff beantragen" }).click();
    await page.getByRole("status").filter({ hasText: "Ihr Antrag ist gestellt" }).waitFor({ timeout: 30_000 });

    await dpoAuditPage(dpo.page);
    const row = requestRow(dpo.page, T.secondReason);
    await row
      .getByRole("group", { name: /^Antrag von demo-admin/ })
      .getByRole("button", { name: "Freigeben" })
      .click();
    await row.filter({ hasText: "Freigegeben" }).waitFor({ timeout: 30_000 });

    await adminArchivePage(page);
    await requestRow(page, T.secondReason).getByRole("button", { name: "Fall lesen" }).click({ timeout: 30_000 });
    const reader = archived(page);
    await reader.getByRole("listitem").filter({ hasText: T.enquiry }).waitFor({ timeout: 60_000 });
    await reader.getByRole("listitem").filter({ hasText: T.reply }).waitFor();
    expect(await reader.getByRole("listitem").filter({ hasText: "Ratsuchende Person" }).textContent()).toContain(
      T.enquiry,
    );
    expect(await reader.getByText("Diese Nachricht konnte nicht geöffnet werden.").count()).toBe(0);
    violations.push(...(await axeAt360(page, "archive reader")));
  });

  it("the team lead sees both requests with their reasons and the decisions in the inbox", async () => {
    const page = lead.page;
    await counsellorLogin(page, stack, "demo-leitung");
    await page.getByRole("heading", { name: "Zugriffe mit dem Archivschlüssel" }).waitFor({ timeout: 30_000 });
    await requestRow(page, T.secondReason).filter({ hasText: "Freigegeben" }).waitFor();
    await requestRow(page, T.firstReason).filter({ hasText: "Abgelehnt" }).waitFor();
    expect(await requestRow(page, T.secondReason).textContent()).toContain("demo-berater");
    violations.push(...(await axeAt360(page, "inbox with archive accesses")));
  });

  it("has no axe violations and no page errors", () => {
    expect(violations).toEqual([]);
    for (const a of [client, counsellor, admin, dpo, lead]) {
      expect(a.pageErrors).toEqual([]);
      expect(a.cspViolations).toEqual([]);
    }
  });
});
