// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The server tests' real SMTP server process (STARTTLS, login, a test CA), shared rather than copied.
import { startSmtpServer, type SmtpProcess } from "../../server/test/helpers/smtp";
import { useLanguage, VIEWPORTS } from "../src/app";
import { viaStaffShell } from "../src/accounts";
import { consoleNav, demoAdminToUsers } from "../src/admin-console";
import type { Actor } from "../src/browser";
import { acceptEnquiry, axeAt360, CLIENT_TEXTS, clientEnquiry, counsellorLogin } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Content-free e-mail notices (issue #17, ADR 0034) in real Chromium against
 * `obhut serve --demo` sending through a real SMTP server process: a client
 * (360 px) enters an address on the account page, opens the link of the
 * confirmation mail, a counsellor answers, and exactly one notice arrives
 * that names neither the text nor the pseudonym, topic or agency. The client
 * sets quiet hours (ADR 0041; their effect is proven by the server test
 * notifications/quiet-hours.test.ts with an injected clock), then deletes
 * the address. The console shows its (empty) list of failed notices.
 */
let smtp: SmtpProcess;
let stack: Stack;
let client: Actor;
let counsellor: Actor;
let admin: Actor;
const violations: string[] = [];

const PASSWORD = "Ein langer Satz über Wolken und Regen 7";
const ADDRESS = "kim@postfach.example";
const SENDER_NAME = "Hinweisdienst";
const T = {
  enquiry: "Hallo, mein Sohn schwänzt seit Wochen die Schule.",
  reply: "Guten Tag, danke für Ihre Nachricht. Seit wann genau geht er nicht hin?",
};

const section = (page: Page) =>
  page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Benachrichtigung per E-Mail" }) });

async function openAccount(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Konto" }).click();
  await page.getByRole("heading", { level: 1, name: "Konto" }).waitFor();
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200", ...smtp.env() } });
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  counsellor = await stack.actor("counsellor", { viewport: VIEWPORTS.desktop });
  admin = await stack.actor("admin", { viewport: VIEWPORTS.desktop });
  for (const actor of [client, counsellor, admin]) await useLanguage(actor.context, "de");
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  await smtp?.destroy();
});

describe.sequential("e-mail notices a client switches on by clicking", () => {
  const username = "amsel-" + Date.now().toString(36);

  it("the client asks for a notice on the account page and gets a confirmation mail", async () => {
    const p = client.page;
    await clientEnquiry(p, { texts: CLIENT_TEXTS.de, username, password: PASSWORD, message: T.enquiry });
    await openAccount(p);
    const s = section(p);
    await s.getByText("Zurzeit ist keine E-Mail-Adresse hinterlegt.").waitFor();
    await s.getByText("In der E-Mail steht nur: „Es gibt eine neue Antwort“.", { exact: false }).waitFor();
    violations.push(...(await axeAt360(p, "account (no address)")));

    await s.getByLabel("Ihre E-Mail-Adresse").fill(ADDRESS);
    await s.getByRole("button", { name: "Bestätigungs-E-Mail senden" }).click();
    await s.getByText(`Wartet auf Bestätigung: Wir haben eine E-Mail an ${ADDRESS} geschickt.`).waitFor();
    await s.getByRole("status").filter({ hasText: "Die Bestätigungs-E-Mail ist unterwegs" }).waitFor();
    violations.push(...(await axeAt360(p, "account (waiting for confirmation)")));

    const [mail] = await smtp.waitForMails(1, 30_000);
    expect(mail!.to && "text" in mail!.to ? mail!.to.text : "").toContain(ADDRESS);
  });

  it("the link in the mail, opened in the client's browser, confirms the address", async () => {
    const [mail] = await smtp.mails();
    const link = /https?:\/\/\S+\/notify-email\/confirm#token=[A-Za-z0-9_-]+/.exec(mail!.text ?? "")?.[0];
    expect(link).toBeDefined();
    // As a mail program opens a link: a new tab of the same browser.
    const tab = await client.context.newPage();
    await tab.goto(link!);
    await tab.getByText("Danke. Ihre Adresse ist bestätigt.").waitFor({ timeout: 30_000 });
    // The token left the address bar at once.
    expect(new URL(tab.url()).hash).toBe("");
    violations.push(...(await axeAt360(tab, "confirm page")));
    await tab.getByRole("link", { name: "Zur Kontoseite" }).waitFor();

    // The link works once: opened again it says so, and where to ask for a new one.
    await tab.close();
    const again = await client.context.newPage();
    await again.goto(link!);
    await again.getByText("Dieser Link gilt nicht mehr.", { exact: false }).waitFor({ timeout: 30_000 });
    violations.push(...(await axeAt360(again, "confirm page (used link)")));
    await again.close();

    // The account page (still open, keys in memory) shows the address as active once it loads again.
    const p = client.page;
    await p
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: "Meine Beratungen" })
      .click();
    await p.getByRole("heading", { level: 1, name: "Meine Beratungen" }).waitFor();
    await openAccount(p);
    await section(p).getByText(`Aktiv: Hinweise gehen an ${ADDRESS}.`).waitFor();
  });

  it("the administrator sets a neutral sender name on the console's rules page", async () => {
    const a = admin.page;
    await demoAdminToUsers(a, stack);
    await consoleNav(a, "Regeln", "/admin/policies");
    await a.getByLabel("Absendername", { exact: true }).fill(SENDER_NAME);
    await a.getByRole("button", { name: "Absendername speichern" }).click();
    await a.getByRole("status").filter({ hasText: "Der Absendername ist gespeichert." }).waitFor();
    await a.getByText(`Zurzeit: „${SENDER_NAME}“`).waitFor();
    // The organisation's rules (ADR 0044): push switched off is offered to no one.
    await a.getByRole("checkbox", { name: "Benachrichtigungen auf dem Gerät (Push)" }).uncheck();
    // Office hours (ADR 0051): Monday to Thursday; an end before the start is caught before sending.
    await a.getByRole("checkbox", { name: "Sprechzeiten festlegen" }).check();
    await a.getByRole("group", { name: "Tage" }).getByRole("checkbox", { name: "Freitag" }).uncheck();
    await a.getByLabel("Bis", { exact: true }).fill("8:00");
    await a.getByRole("button", { name: "Wege speichern" }).click();
    await a.getByText("Das Ende muss nach dem Beginn am selben Tag liegen.").waitFor();
    violations.push(...(await axeAt360(a, "console: office hours with a wrong end")));
    await a.getByLabel("Bis", { exact: true }).fill("16:30");
    await a.getByRole("button", { name: "Wege speichern" }).click();
    await a.getByRole("status").filter({ hasText: "Gespeichert." }).waitFor();

    // Notices that failed for good (ADR 0041): a console page of their own; none here.
    await consoleNav(a, "Benachrichtigungen", "/admin/notices");
    await a.getByRole("heading", { level: 1, name: "Fehlgeschlagene Benachrichtigungen" }).waitFor();
    await a.getByText("Keine fehlgeschlagenen Benachrichtigungen.").waitFor();
    violations.push(...(await axeAt360(a, "console: failed notices")));
    // Back on the rules page, the office hours stand as saved.
    await consoleNav(a, "Regeln", "/admin/policies");
    await a.getByRole("checkbox", { name: "Sprechzeiten festlegen" }).waitFor();
    expect(await a.getByRole("checkbox", { name: "Sprechzeiten festlegen" }).isChecked()).toBe(true);
    expect(await a.getByLabel("Bis", { exact: true }).inputValue()).toBe("16:30");
    const days = a.getByRole("group", { name: "Tage" });
    expect(await days.getByRole("checkbox", { name: "Freitag" }).isChecked()).toBe(false);
    expect(await days.getByRole("checkbox", { name: "Donnerstag" }).isChecked()).toBe(true);
  });

  it("a counsellor finds the same section, with new enquiries of their teams", async () => {
    const w = counsellor.page;
    await counsellorLogin(w, stack, "demo-beraterin");
    await viaStaffShell(w, "Konto", "/account");
    const s = section(w);
    await s.getByText("Zurzeit ist keine E-Mail-Adresse hinterlegt.").waitFor();
    await s.getByRole("checkbox", { name: "Auch bei neuen Anfragen meiner Teams benachrichtigen" }).waitFor();
    // Push is off for the organisation: not offered. The rules per event list the bell and e-mail only (ADR 0044).
    await w.getByText("Ihre Organisation bietet keine Benachrichtigungen auf dem Gerät an.").waitFor();
    const rules = w.locator("section", {
      has: w.getByRole("heading", { level: 2, name: "Wofür Sie benachrichtigt werden" }),
    });
    const handed = rules.getByRole("group", { name: "Ein Fall wurde mir übergeben" });
    expect(await handed.getByRole("checkbox", { name: "In Obhut" }).isChecked()).toBe(true);
    expect(await handed.getByRole("checkbox", { name: "Auf dem Gerät" }).count()).toBe(0);
    await handed.getByRole("checkbox", { name: "Per E-Mail" }).check();
    await rules.getByRole("button", { name: "Auswahl der Benachrichtigungen speichern" }).click();
    await rules.getByRole("status").filter({ hasText: "Gespeichert." }).waitFor();
    violations.push(...(await axeAt360(w, "account (notice rules)")));
    await viaStaffShell(w, "Posteingang", "/inbox");
  });

  it("a counsellor's answer brings exactly one notice, without any content", async () => {
    await acceptEnquiry(counsellor.page, { client: username, enquiry: T.enquiry, reply: T.reply });

    const mails = await smtp.waitForMails(2, 30_000);
    const notice = mails[1]!;
    expect(notice.subject).toBe("Es gibt eine neue Antwort");
    // Under the organisation's neutral name, from the operator's address.
    expect(notice.from?.value[0]).toEqual({ name: SENDER_NAME, address: "hinweis@beratung.example" });
    const everything = [notice.raw, notice.text ?? "", typeof notice.html === "string" ? notice.html : ""].join("\n");
    for (const secret of [T.reply, T.enquiry, username, CLIENT_TEXTS.de.topic, CLIENT_TEXTS.de.agency, "Demo-Stadt"]) {
      expect(everything, secret).not.toContain(secret);
    }
  });

  it("the client sets quiet hours on the account page (ADR 0041)", async () => {
    const p = client.page;
    const q = p.locator("section", { has: p.getByRole("heading", { level: 2, name: "Ruhezeiten" }) });
    await q.getByText(/Zurzeit (haben Sie|hast du) keine Ruhezeiten\./).waitFor();
    await q.getByRole("checkbox", { name: "Ruhezeiten einhalten" }).check();
    await q.getByLabel("Von", { exact: true }).fill("22:00");
    await q.getByLabel("Bis", { exact: true }).fill("6:30");
    // Weekends too (ADR 0044).
    await q.getByRole("checkbox", { name: "Auch am Wochenende (Samstag und Sonntag ganztags)" }).check();
    await q.getByRole("button", { name: "Ruhezeiten speichern" }).click();
    await q
      .getByRole("status")
      .filter({ hasText: "Gespeichert. Ruhezeiten: 22:00 bis 06:30 Uhr. Dazu Samstag und Sonntag ganztags." })
      .waitFor();
    await q.getByText(/^Zurzeit: 22:00 bis 06:30 Uhr \(.+\)\. Dazu Samstag und Sonntag ganztags\.$/).waitFor();
    violations.push(...(await axeAt360(p, "account (quiet hours)")));
    // Start and end the same: said at the field, nothing saved.
    await q.getByLabel("Bis", { exact: true }).fill("22:00");
    await q.getByRole("button", { name: "Ruhezeiten speichern" }).click();
    await q.getByText("Beginn und Ende dürfen nicht gleich sein.").waitFor();
    await q.getByText(/^Zurzeit: 22:00 bis 06:30 Uhr/).waitFor();
  });

  it("the client deletes the address; the account page shows none", async () => {
    const p = client.page;
    const s = section(p);
    await s.getByRole("button", { name: "Adresse löschen" }).click();
    await s.getByText("Zurzeit ist keine E-Mail-Adresse hinterlegt.").waitFor();
    await s.getByRole("status").filter({ hasText: "Die Adresse ist gelöscht" }).waitFor();
    expect(await s.getByText(ADDRESS).count()).toBe(0);
    violations.push(...(await axeAt360(p, "account (deleted)")));
    // Still the confirmation and the one notice, nothing more.
    expect(await smtp.mails()).toHaveLength(2);
  });

  it("is axe clean at 360 px", () => {
    expect(violations).toEqual([]);
  });
});
