// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../src/a11y";
import { loadPage, useLanguage } from "../src/app";
import type { Actor } from "../src/browser";
import { demoPassword } from "../src/counselling";
import { openSql } from "../src/instance";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #16, the staff shell, in real Chromium against `obhut serve --demo`:
 * an administrator, a data-protection officer and a counsellor log in and
 * land on their role's home, each with one shell — Posteingang · Team-Chats · Kanäle ·
 * Verwaltung (admins) · Datenschutz (DPO) · Konto · Abmelden — that names
 * who is logged in and the organisation and has no "Beratung finden". The
 * administrator sets the counsellors' idle limit to 5 minutes; the
 * counsellor's browser runs on Playwright's clock, so the warning one
 * minute before comes without waiting; "Angemeldet bleiben" keeps the
 * session on the server, and when nobody answers the session ends there
 * too. "Abmelden" is one click from a staff page and ends the session on
 * the server; Back shows no data. axe is clean in German and English at
 * 1366 and 390 px.
 */
let stack: Stack;
let admin: Actor;
let dpo: Actor;
let counsellor: Actor;
const violations: string[] = [];

const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const ORGANISATION = "Demo-Beratung e.V.";

const TEXTS = {
  de: {
    username: "Benutzername",
    password: "Passwort",
    submit: "Anmelden",
    nav: "Hauptnavigation",
    inbox: "Posteingang",
    admin: "Verwaltung",
    dpo: "Datenschutz",
    account: "Konto",
    logout: "Abmelden",
    finder: "Beratung finden",
    signedInAs: "Angemeldet als",
  },
  en: {
    username: "User name",
    password: "Password",
    submit: "Log in",
    nav: "Main navigation",
    inbox: "Inbox",
    admin: "Administration",
    dpo: "Data protection",
    account: "Account",
    logout: "Log out",
    finder: "Get counselling",
    signedInAs: "Logged in as",
  },
} as const;
type Language = keyof typeof TEXTS;

const nav = (page: Page, language: Language) => page.getByRole("navigation", { name: TEXTS[language].nav });

/** The staff page's login form, driven by its labels. */
async function logIn(page: Page, username: string): Promise<void> {
  const T = TEXTS.de;
  await loadPage(page, "/staff");
  await page.getByLabel(T.username, { exact: true }).fill(username);
  await page.getByLabel(T.password, { exact: true }).fill(await demoPassword(stack, username));
  await page.getByRole("main").getByRole("button", { name: T.submit, exact: true }).click();
}

/** The shell's links and buttons (without the language switcher), once its "Abmelden" is there. */
async function shell(page: Page, language: Language): Promise<{ links: string[]; logout: number; finder: number }> {
  const T = TEXTS[language];
  await nav(page, language).getByRole("button", { name: T.logout, exact: true }).waitFor();
  return {
    links: await nav(page, language).getByRole("link").allTextContents(),
    logout: await nav(page, language).getByRole("button", { name: T.logout, exact: true }).count(),
    finder: await page.getByRole("link", { name: T.finder }).count(),
  };
}

/** "Angemeldet als <name> · <organisation>" in the page header. */
async function identity(page: Page, language: Language, name: string): Promise<void> {
  const banner = page.getByRole("banner");
  await banner.getByText(ORGANISATION).waitFor({ timeout: 30_000 });
  expect(await banner.locator(".staff-identity").textContent()).toBe(
    `${TEXTS[language].signedInAs} ${name} · ${ORGANISATION}`,
  );
}

async function axeAtBothWidths(page: Page, label: string): Promise<void> {
  for (const size of [WIDE, PHONE]) {
    await page.setViewportSize(size);
    violations.push(...(await axeViolations(page)).map((v) => `${label} @${size.width}: ${v}`));
  }
  await page.setViewportSize(WIDE);
}

/** axe in German, then in English (switched with the language buttons), then back to German. */
async function axeInBothLanguages(page: Page, label: string, links: { de: string[]; en: string[] }): Promise<void> {
  await axeAtBothWidths(page, `${label} (de)`);
  await page.getByRole("button", { name: "English", exact: true }).click();
  expect((await shell(page, "en")).links).toEqual(links.en);
  await axeAtBothWidths(page, `${label} (en)`);
  await page.getByRole("button", { name: "Deutsch", exact: true }).click();
  await nav(page, "de").waitFor();
}

function sessionCookie(actor: Actor): Promise<string> {
  return actor.context.cookies().then((cookies) => {
    const cookie = cookies.find((c) => c.name === "obhut_session");
    if (!cookie) throw new Error(`${actor.name} has no session cookie`);
    return `${cookie.name}=${cookie.value}`;
  });
}

/** The server's answer to the session cookie, asked from outside the browser. */
async function sessionStatus(cookie: string): Promise<number> {
  return (await fetch(`${stack.baseUrl}/api/auth/session`, { headers: { cookie } })).status;
}

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  // The demo has no data-protection officer: one of its counsellors takes the role for this test.
  const sql = await openSql({ dataDir: stack.dataDir });
  try {
    await sql.run("UPDATE accounts SET role = 'dpo' WHERE username = ?", ["demo-berater"]);
  } finally {
    await sql.close();
  }
  admin = await stack.actor("admin", { viewport: WIDE });
  dpo = await stack.actor("dpo", { viewport: WIDE });
  counsellor = await stack.actor("counsellor", { viewport: WIDE });
  for (const a of [admin, dpo, counsellor]) await useLanguage(a.context, "de");
  // The counsellor's page runs on Playwright's clock from the first load: time moves on command, no waiting.
  await counsellor.page.clock.install();
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("the staff shell", () => {
  it("the administrator lands on the console's overview with Verwaltung in the shell, and sets a 5-minute idle limit", async () => {
    const page = admin.page;
    await logIn(page, "demo-admin");
    await page.waitForURL("**/admin", { timeout: 60_000 });
    await page.getByRole("heading", { level: 1, name: "Verwaltung" }).waitFor();
    expect(await shell(page, "de")).toEqual({
      links: ["Posteingang", "Team-Chats", "Kanäle", "Benachrichtigungen", "Schulungen", "Verwaltung", "Konto"],
      logout: 1,
      finder: 0,
    });
    await identity(page, "de", "Frau Adler");
    expect(await page.getByRole("banner").getByRole("link", { name: "Obhut" }).getAttribute("href")).toBe("/admin");
    await axeInBothLanguages(page, "admin overview", {
      de: ["Posteingang", "Team-Chats", "Kanäle", "Benachrichtigungen", "Schulungen", "Verwaltung", "Konto"],
      en: ["Inbox", "Team chats", "Channels", "Notifications", "Trainings", "Administration", "Account"],
    });

    // The organisation's session rule for counsellors: 5 minutes without activity.
    await page.locator("nav.admin-nav").getByRole("link", { name: "Regeln", exact: true }).click();
    const counsellors = page.getByRole("group", { name: "Fachkraft", exact: true });
    await counsellors.getByLabel("Abmelden nach so vielen Minuten ohne Aktivität", { exact: false }).fill("5");
    await page.getByRole("button", { name: "Regeln speichern", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Die Regeln sind gespeichert." }).waitFor();
  });

  it("the data-protection officer lands on the audit log with Datenschutz in the shell", async () => {
    const page = dpo.page;
    await logIn(page, "demo-berater");
    await page.waitForURL("**/dpo/audit", { timeout: 60_000 });
    await page.getByRole("heading", { level: 1, name: "Protokoll" }).waitFor();
    // The DPO has the bell too: data-subject deadlines (ADR 0041).
    expect(await shell(page, "de")).toEqual({
      links: ["Posteingang", "Team-Chats", "Kanäle", "Benachrichtigungen", "Schulungen", "Datenschutz", "Konto"],
      logout: 1,
      finder: 0,
    });
    await identity(page, "de", "Herr Roth");
    await axeInBothLanguages(page, "audit log", {
      de: ["Posteingang", "Team-Chats", "Kanäle", "Benachrichtigungen", "Schulungen", "Datenschutz", "Konto"],
      en: ["Inbox", "Team chats", "Channels", "Notifications", "Trainings", "Data protection", "Account"],
    });
    // The shell leads to the account and back to the DPO's page.
    await nav(page, "de").getByRole("link", { name: "Konto", exact: true }).click();
    await page.waitForURL("**/account");
    expect(await nav(page, "de").getByRole("link", { name: "Konto" }).getAttribute("aria-current")).toBe("page");
    await nav(page, "de").getByRole("link", { name: "Datenschutz", exact: true }).click();
    await page.waitForURL("**/dpo/audit");
    await page.getByRole("heading", { level: 1, name: "Protokoll" }).waitFor();
  });

  it("a counsellor lands in the inbox with neither Verwaltung nor Datenschutz in the shell", async () => {
    const page = counsellor.page;
    await logIn(page, "demo-beraterin");
    await page.waitForURL("**/inbox", { timeout: 60_000 });
    await page.locator(".inbox-empty, .case-list").first().waitFor();
    // Counsellors and team leads also have the bell (ADR 0038); the demo has no enquiries, so no unread count.
    expect(await shell(page, "de")).toEqual({
      links: ["Posteingang", "Team-Chats", "Kanäle", "Benachrichtigungen", "Termine", "Schulungen", "Konto"],
      logout: 1,
      finder: 0,
    });
    await identity(page, "de", "Frau Berger");
    await axeInBothLanguages(page, "inbox", {
      de: ["Posteingang", "Team-Chats", "Kanäle", "Benachrichtigungen", "Termine", "Schulungen", "Konto"],
      en: ["Inbox", "Team chats", "Channels", "Notifications", "Appointments", "Trainings", "Account"],
    });
  });

  it("one minute before the 5 idle minutes a dialog warns; 'Angemeldet bleiben' keeps the session on the server", async () => {
    const page = counsellor.page;
    const cookie = await sessionCookie(counsellor);
    const dialog = page.getByRole("alertdialog", { name: "Sind Sie noch da?" });

    await page.clock.fastForward("03:40");
    expect(await page.locator("dialog[open]").count()).toBe(0);
    await page.clock.fastForward("00:20");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Ohne Aktivität endet eine Sitzung nach 5 Minuten.");
    await axeAtBothWidths(page, "idle warning (de)");

    const renewed = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/auth/session");
    await dialog.getByRole("button", { name: "Angemeldet bleiben", exact: true }).click();
    expect((await renewed).status()).toBe(200);
    await dialog.waitFor({ state: "hidden" });
    // Still logged in, here and on the server; the inbox is still there.
    expect(await sessionStatus(cookie)).toBe(200);
    await page.locator(".inbox-empty, .case-list").first().waitFor();
    expect(page.url()).toMatch(/\/inbox$/);
  });

  it("when nobody answers, the session ends here and on the server, and the staff login says why", async () => {
    const page = counsellor.page;
    const cookie = await sessionCookie(counsellor);
    await page.clock.fastForward("04:00");
    const dialog = page.getByRole("alertdialog", { name: "Sind Sie noch da?" });
    await dialog.waitFor();
    await page.clock.fastForward("01:00");
    await page.waitForURL("**/staff?ended=session");
    await page.getByRole("status").filter({ hasText: "Ihre Sitzung ist abgelaufen." }).waitFor();
    expect(await sessionStatus(cookie)).toBe(401);
    await axeAtBothWidths(page, "staff login after the session ended (de)");
  });

  it("'Abmelden' is one click from a staff page, ends the session on the server, and Back shows no data", async () => {
    const page = admin.page;
    const cookie = await sessionCookie(admin);
    await nav(page, "de").getByRole("link", { name: "Verwaltung", exact: true }).click();
    await page.waitForURL("**/admin");
    await page.getByText(ORGANISATION, { exact: true }).first().waitFor();
    await nav(page, "de").getByRole("button", { name: "Abmelden", exact: true }).click();
    await page.waitForURL("**/staff");
    expect(await sessionStatus(cookie)).toBe(401);
    // The visitor's navigation is back; the staff shell is gone.
    expect(await nav(page, "de").getByRole("button", { name: "Abmelden" }).count()).toBe(0);
    await page.goBack();
    await page.waitForURL("**/admin");
    await page.getByText("Bitte melden Sie sich als Mitarbeiterin oder Mitarbeiter an.").waitFor();
    expect(await page.getByText(ORGANISATION).count()).toBe(0);
  });

  it("is clean: axe, no page errors", () => {
    expect(violations).toEqual([]);
    for (const a of [admin, dpo, counsellor]) expect(a.pageErrors, a.name).toEqual([]);
  });
});
