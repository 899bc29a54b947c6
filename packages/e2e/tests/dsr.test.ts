// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { finishLogin, startLogin } from "@obhut/crypto";
import type { Database as SqliteDatabase } from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logInInBrowser, viaStaffShell } from "../src/accounts";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import { pdfFontNames, pdfParagraphs } from "../src/pdf";
import { axeEverywhere } from "../src/setup";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Data-subject rights in real Chromium against `obhut serve --demo` (issue
 * 7.5): a client with an enquiry downloads all their data — the JSON holds
 * the message decrypted in the browser, the PDF downloads too — and deletes
 * the account with the password and the typed name; afterwards the login
 * fails and the database no longer has the account row. A DPO registers a
 * request received by letter and extends its deadline with a reason.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"));
  try {
    // The demo has no data-protection officer: the demo admin takes the role for this test.
    db.prepare("UPDATE accounts SET role = 'dpo' WHERE username = 'demo-admin'").run();
  } finally {
    db.close();
  }
});

afterAll(async () => {
  await stack?.stop();
});

function demoPassword(username: string): string {
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

async function withDb(work: (db: SqliteDatabase) => void): Promise<void> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"));
  try {
    work(db);
  } finally {
    db.close();
  }
}

/** Leaves the case page and opens it again, so it loads afresh (two quick route changes would be batched). */
async function reopenCase(page: Page, caseId: string): Promise<void> {
  await goInApp(page, "/cases");
  await page.locator("h1", { hasText: "Meine Beratungen" }).waitFor();
  await goInApp(page, `/case?id=${caseId}`);
}

async function accountRows(username: string): Promise<number> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM accounts WHERE username = ?").get(username) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("data-subject rights", () => {
  const username = "regen-" + Date.now().toString(36);
  const password = "Ein langer Satz über Regen und Sonne 4";
  // Several scripts (issue #22): the PDF made in the browser, with the fonts the app serves, must give them back.
  const message =
    "Ich möchte wissen, welche Daten über mich gespeichert sind. Işık, żółw, Привіт, مرحبا بكم، می‌خواهم 👋";

  it("a client downloads all data (JSON with the decrypted message, PDF) and deletes the account", async () => {
    const client = await stack.actor("client", { viewport: VIEWPORTS.mobile, acceptDownloads: true });
    await useLanguage(client.context, "de");
    const { page } = client;
    const violations: string[] = [];

    client.step("enquiry with anonymous sign-up and an encrypted first message");
    await loadPage(page, "/");
    const topic = page.locator("#finder-topic option", { hasText: "Familie und Erziehung" });
    await topic.waitFor({ state: "attached" });
    await page.selectOption("#finder-topic", (await topic.getAttribute("value"))!);
    await page.check("#finder-where-online");
    await page.locator("form button[type=submit]").click();
    await page.locator(".agency-card a.button").first().click();
    await page.waitForURL(/\/agency\?id=/);
    await page.locator("a.button", { hasText: "Anfrage schreiben" }).click();
    await page.waitForURL(/\/enquiry\?agency=/);
    await page.check("#enquiry-privacy");
    await page.locator("button", { hasText: "Anonymes Konto erstellen" }).click();
    await page.waitForURL(/\/signup\?next=/);
    await page.fill("#signup-username", username);
    await page.fill("#signup-password", password);
    await page.fill("#signup-passwordRepeat", password);
    await page.uncheck("#signup-wantRecoveryCode");
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/\/enquiry\?agency=/, { timeout: 60_000 });
    await page.fill("#enquiry-message", message);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/\/case\?id=/, { timeout: 60_000 });
    await page.locator(".timeline__message--own", { hasText: message }).waitFor();

    client.step("a restriction of processing (Art. 18) is shown on the case page, and gone once lifted");
    const caseUrl = page.url();
    const caseId = new URL(caseUrl).searchParams.get("id")!;
    const restrictionId = "rst-" + Date.now().toString(36);
    await withDb((db) => {
      const c = db.prepare("SELECT organisation_id FROM cases WHERE id = ?").get(caseId) as { organisation_id: string };
      const dpoId = (db.prepare("SELECT id FROM accounts WHERE username = 'demo-admin'").get() as { id: string }).id;
      db.prepare(
        "INSERT INTO dsr_restrictions (id, organisation_id, subject_type, subject_id, reason, request_id, set_by, set_at) VALUES (?, ?, 'case', ?, 'Richtigkeit bestritten', NULL, ?, ?)",
      ).run(restrictionId, c.organisation_id, caseId, dpoId, Date.now());
    });
    await reopenCase(page, caseId);
    await page.getByTestId("case-restricted").filter({ hasText: "ist gesperrt" }).waitFor();
    violations.push(...(await axeEverywhere(page, "restricted case")));
    await withDb((db) => {
      db.prepare("UPDATE dsr_restrictions SET lifted_by = set_by, lifted_at = ? WHERE id = ?").run(
        Date.now(),
        restrictionId,
      );
    });
    await reopenCase(page, caseId);
    await page.locator(".timeline__message--own", { hasText: message }).waitFor();
    expect(await page.getByTestId("case-restricted").count()).toBe(0);

    client.step("the account page leads to 'My data'");
    await goInApp(page, "/account");
    await page.locator("a", { hasText: "Meine Daten: herunterladen oder Konto löschen" }).click();
    await page.locator("h1", { hasText: "Meine Daten" }).waitFor();
    await page.locator("text=Gelöscht würden: 1 Anfragen, 1 Nachrichten, 0 Anhänge.").waitFor();
    violations.push(...(await axeEverywhere(page, "my data")));

    client.step("JSON: everything, the message decrypted in the browser");
    const [json] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("button", { hasText: "Für Programme herunterladen (JSON)" }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(new RegExp(`^obhut-data-${username}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const exported = JSON.parse(readFileSync((await json.path())!, "utf8")) as {
      format: string;
      account: { name: string };
      cases: { messages: { from: string; text: string }[]; events: { type: string }[] }[];
    };
    expect(exported.format).toBe("obhut-data-export");
    expect(exported.account.name).toBe(username);
    expect(exported.cases).toHaveLength(1);
    expect(exported.cases[0]!.messages).toEqual([expect.objectContaining({ from: "me", text: message })]);
    expect(exported.cases[0]!.events.map((e) => e.type)).toContain("opened");
    await page.locator(".notice--success", { hasText: ".json" }).waitFor();

    client.step("PDF: readable copy");
    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("button", { hasText: "Zum Lesen herunterladen (PDF)" }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const pdfPath = (await pdf.path())!;
    expect(readFileSync(pdfPath).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfParagraphs(pdfPath)).toContain(message);
    expect(pdfFontNames(pdfPath)).toEqual(expect.arrayContaining(["NotoSansArabic-Regular", "NotoEmoji-Regular"]));

    client.step("deletion: warning, checks on every field, then the real thing");
    await page.locator("text=Das kann niemand rückgängig machen.").waitFor();
    await page.locator("button", { hasText: "Konto endgültig löschen" }).click();
    await page.locator("[role=alert]", { hasText: "Bitte korrigieren Sie Folgendes:" }).waitFor();
    violations.push(...(await axeEverywhere(page, "my data (errors)")));
    await page.fill("#delete-password", password);
    await page.fill("#delete-name", username);
    await page.check("#delete-confirm");
    await page.locator("button", { hasText: "Konto endgültig löschen" }).click();
    await page.locator(".notice--success", { hasText: "Ihr Konto und alle Ihre Gespräche sind gelöscht." }).waitFor({
      timeout: 60_000,
    });
    violations.push(...(await axeEverywhere(page, "deleted")));
    expect(violations).toEqual([]);
    expect(client.foreignRequests()).toEqual([]);
    expect(client.pageErrors).toEqual([]);

    client.step("the login fails and the account row is gone");
    expect(await accountRows(username)).toBe(0);
    const start = await startLogin(password);
    const r1 = await fetch(`${stack.baseUrl}/api/auth/login/start`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, startLoginRequest: start.request }),
    });
    const { loginResponse } = (await r1.json()) as { loginResponse: string };
    await expect(finishLogin({ password, state: start.state, response: loginResponse })).rejects.toThrow();
    await logInInBrowser(page, { username, password });
    await page.locator("[role=alert]").first().waitFor();
    expect(page.url()).toContain("/login");
  });

  it("a DPO registers a request received by letter and extends its deadline with a reason", async () => {
    const dpo = await stack.actor("dpo");
    await useLanguage(dpo.context, "de");
    const { page } = dpo;
    await logInInBrowser(page, { username: "demo-admin", password: demoPassword("demo-admin"), path: "/staff" });
    // The DPO lands on the audit log; the account page lists the other data-protection tools.
    await page.waitForURL("**/dpo/audit", { timeout: 60_000 });
    await viaStaffShell(page, "Konto", "/account");
    await page.locator("a", { hasText: "Anfragen betroffener Personen" }).click();
    await page.locator("h1", { hasText: "Anfragen betroffener Personen" }).waitFor();
    await page.locator("text=Noch keine Anfragen erfasst.").waitFor();

    dpo.step("register: type, reference without personal data, day of receipt");
    await page.selectOption("#dsr-type", "access");
    await page.fill("#dsr-subject-value", "Brief Az. 2026/17");
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
    await page.fill("#dsr-received", today);
    await page.locator("button", { hasText: "Anfrage erfassen" }).click();
    await page.locator(".notice--success", { hasText: "Die Anfrage ist erfasst. Fällig am" }).waitFor();
    const row = page.locator(".dsr-table tbody tr").first();
    await row.locator("text=Auskunft (Art. 15)").waitFor();
    await row.locator("text=offen").waitFor();

    dpo.step("extend by one month: the reason is required");
    await row.locator("button", { hasText: "Verlängern" }).click();
    await row.locator(".field__error", { hasText: "mindestens 10 Zeichen" }).waitFor();
    await row.locator("textarea").fill("Umfangreiche Unterlagen aus drei Beratungsstellen");
    await row.locator("select").selectOption("1");
    await row.locator("button", { hasText: "Verlängern" }).click();
    await page.locator(".notice--success", { hasText: "Die Frist ist verlängert bis" }).waitFor();
    await row.locator("text=verlängert").first().waitFor();
    await row.locator("text=Umfangreiche Unterlagen aus drei Beratungsstellen").waitFor();
    expect(await axeEverywhere(page, "dsr page")).toEqual([]);
    expect(dpo.pageErrors).toEqual([]);
  });
});
