// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountCard, consoleSuccess, demoAdminToUsers, reloadUsersPage } from "../src/admin-console";
import { logInInBrowser } from "../src/accounts";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import {
  acceptEnquiry,
  CLIENT_TEXTS,
  clientEnquiry,
  counsellorLogin,
  demoPassword,
  staffMessages,
} from "../src/counselling";
import { axeEverywhere } from "../src/setup";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #16 (a page for every route with a person's purpose): an
 * administrator resets the access of a counsellor who lost password and
 * recovery code, in real Chromium against `obhut serve --demo`. The console
 * says what the reset means and shows the one-time link; the counsellor,
 * in a browser that knows nothing of her, opens it, sets a new password,
 * takes the new recovery code and reads out her new fingerprint; the
 * administrator compares it and certifies the new keys (old key revoked,
 * team key rotated, in the admin's browser). Then the counsellor logs in
 * with the new password, reads the client's enquiry from before the reset
 * and answers; the old password opens nothing. Her reply from before the
 * reset, signed with the key the reset revoked, stays readable and hers for
 * her, the client and a colleague, marked "Schlüssel nicht mehr aktiv"
 * (ADR 0031). Driven by roles, labels and texts; axe in German and English
 * at both widths on each new page.
 */
let stack: Stack;
let admin: Actor;
let lost: Actor;
let client: Actor;
const violations: string[] = [];

const CLIENT = { username: `fluss-${Date.now().toString(36)}`, password: "Ein Boot treibt still den Fluss hinab 9" };
const T = {
  enquiry: "Guten Tag, mein Sohn schwänzt seit Wochen die Schule. Was kann ich tun?",
  before: "Guten Tag, danke für Ihre Nachricht. Seit wann genau geht Ihr Sohn nicht mehr zur Schule?",
  after: "Guten Tag, entschuldigen Sie die Pause. Erzählen Sie mir mehr von Ihrem Sohn?",
};
const NEW_PASSWORD = "Kraniche ziehen im Herbst über das Moor 4";
const EXPECTED_CONSOLE = /status of 401/;

const FORMER_KEY = "Schlüssel nicht mehr aktiv";
const UNREADABLE = "kann nicht entschlüsselt werden";

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  admin = await stack.actor("admin", { viewport: VIEWPORTS.desktop });
  lost = await stack.actor("counsellor", { viewport: VIEWPORTS.desktop });
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  for (const actor of [admin, lost, client]) await useLanguage(actor.context, "de");
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("an administrator resets a counsellor's access", () => {
  let link = "";
  let fingerprint = "";

  it("a client writes; the counsellor accepts the enquiry and replies", async () => {
    await counsellorLogin(lost.page, stack, "demo-berater");
    await clientEnquiry(client.page, { texts: CLIENT_TEXTS.de, ...CLIENT, message: T.enquiry });
    const w = lost.page;
    await acceptEnquiry(w, { client: CLIENT.username, enquiry: T.enquiry, reply: T.before });
    // Signed with a key that is still certified: nothing to mark.
    expect(await staffMessages(w).filter({ hasText: FORMER_KEY }).count()).toBe(0);
  }, 180_000);

  it("the console says what a reset means and shows the one-time link", async () => {
    const p = admin.page;
    await demoAdminToUsers(p, stack);
    const card = accountCard(p, "demo-berater");
    await card.getByRole("button", { name: "Zugang zurücksetzen" }).click();
    await card.getByText("Zugang von demo-berater zurücksetzen?").waitFor();
    await card.getByText(/neues Passwort, neue Schlüssel und einen neuen Wiederherstellungscode/).waitFor();
    violations.push(...(await axeEverywhere(p, "users page, reset asked")));
    await card.getByRole("button", { name: "Link erstellen" }).click();
    await consoleSuccess(p, "Link zum Zurücksetzen für demo-berater erstellt.");
    await card.getByText(/gilt bis .*, nur einmal/).waitFor();
    link = (await card.getByText(/\/reset#token=/).textContent())!.trim();
    expect(link).toMatch(/^http:\/\/localhost:\d+\/reset#token=[A-Za-z0-9_-]{43}$/);
    violations.push(...(await axeEverywhere(p, "users page, reset link")));
  }, 180_000);

  it("the counsellor opens the link in a fresh browser, sets a new password and reads her fingerprint", async () => {
    // Everything lost: a browser without her session or keys.
    await lost.context.clearCookies();
    const p = lost.page;
    await p.goto(link);
    await p.getByRole("status").filter({ hasText: "Zugang „demo-berater“ bei „Demo-Beratung e.V.“" }).waitFor();
    expect(p.url()).toMatch(/\/reset$/); // the token left the address bar at once
    await p.getByText(/Ihr altes Passwort, Ihr alter Wiederherstellungscode und Ihre alten Schlüssel/).waitFor();
    violations.push(...(await axeEverywhere(p, "reset page")));
    await p.getByLabel("Neues Passwort", { exact: true }).fill(NEW_PASSWORD);
    await p.getByLabel("Neues Passwort wiederholen", { exact: true }).fill(NEW_PASSWORD);
    await p.getByRole("button", { name: "Weiter zum Wiederherstellungscode" }).click();
    await p
      .getByRole("checkbox", { name: "Ich habe den Code aufgeschrieben und bewahre ihn sicher auf." })
      .check({ timeout: 60_000 });
    violations.push(...(await axeEverywhere(p, "reset recovery code")));
    await p.getByRole("button", { name: "Zugang neu einrichten" }).click();
    const done = p.getByRole("heading", { name: "Ihr Zugang ist neu eingerichtet" });
    await done.waitFor({ timeout: 120_000 });
    fingerprint = (await p.getByRole("list", { name: "Fingerabdruck Ihres neuen Schlüssels" }).innerText())
      .split(/\s+/)
      .join(" ");
    expect(fingerprint).toMatch(/^(\d{5} ){11}\d{5}$/);
    violations.push(...(await axeEverywhere(p, "reset done")));
  }, 240_000);

  it("the administrator compares the fingerprint and certifies the new keys", async () => {
    const p = admin.page;
    await reloadUsersPage(p);
    const card = accountCard(p, "demo-berater");
    await card.getByText(/demo-berater hat den Zugang am .* neu eingerichtet/).waitFor({ timeout: 30_000 });
    const shown = (
      await card.getByRole("list", { name: "Fingerabdruck des neuen Schlüssels von demo-berater" }).innerText()
    )
      .split(/\s+/)
      .join(" ");
    expect(shown).toBe(fingerprint);
    violations.push(...(await axeEverywhere(p, "users page, keys to confirm")));
    // Without the comparison ticked nothing happens.
    await card.getByRole("button", { name: "Neue Schlüssel bestätigen" }).click();
    await card.getByText("Bitte vergleichen Sie zuerst den Fingerabdruck.").waitFor();
    await card
      .getByRole("checkbox", { name: "Der Fingerabdruck stimmt mit dem überein, den demo-berater mir genannt hat." })
      .check();
    await card.getByRole("button", { name: "Neue Schlüssel bestätigen" }).click();
    await consoleSuccess(p, "Die neuen Schlüssel von demo-berater sind bestätigt; die Teamschlüssel sind erneuert.");
    await reloadUsersPage(p);
    await accountCard(p, "demo-berater").getByRole("button", { name: "Zugang zurücksetzen" }).waitFor();
    expect(
      await accountCard(p, "demo-berater")
        .getByText(/neu eingerichtet/)
        .count(),
    ).toBe(0);
  }, 240_000);

  it("with the new password the counsellor reads the earlier enquiry and answers; the old password is refused", async () => {
    const p = lost.page;
    await p.getByRole("button", { name: "Weiter" }).click();
    await p.waitForURL("**/inbox", { timeout: 60_000 });
    // She accepted the case before the reset: it is one of hers.
    await p.getByRole("group", { name: "Ansicht" }).getByRole("button", { name: "Meine Fälle" }).click();
    await p.getByRole("link", { name: CLIENT.username }).click({ timeout: 30_000 });
    await staffMessages(p).filter({ hasText: T.enquiry }).waitFor({ timeout: 60_000 });
    // Her reply from before, signed with the key the reset revoked: readable, hers, marked (ADR 0031).
    await expect.poll(() => staffMessages(p).filter({ hasText: T.before }).innerText()).toContain(FORMER_KEY);
    expect(await staffMessages(p).filter({ hasText: UNREADABLE }).count()).toBe(0);
    await p.getByLabel("Antwort", { exact: true }).fill(T.after);
    await p.getByRole("button", { name: "Senden" }).click();
    await staffMessages(p).filter({ hasText: T.after }).waitFor({ timeout: 30_000 });
    // The client's page checks the conversation against the organisation's log as it read it when it opened;
    // opening the conversation again reads the log with the newly certified key.
    const c = client.page;
    await c.getByRole("link", { name: "Alle meine Beratungen" }).click();
    await c.getByRole("link", { name: "Gespräch mit Beratungsstelle Demo-Stadt öffnen" }).click();
    await c.getByText(T.enquiry).waitFor({ timeout: 30_000 });
    await c.getByText(T.after).waitFor({ timeout: 30_000 });
    const earlier = c.getByRole("listitem").filter({ hasText: T.before });
    await expect.poll(() => earlier.innerText()).toContain(FORMER_KEY);
    expect(await c.getByText(UNREADABLE).count()).toBe(0);
    violations.push(...(await axeEverywhere(c, "client conversation with a reply from a former key")));

    // A second browser: the old password is gone, the new one works.
    const other = await stack.actor("counsellor-again", { viewport: VIEWPORTS.desktop });
    await logInInBrowser(other.page, {
      username: "demo-berater",
      password: await demoPassword(stack, "demo-berater"),
      path: "/staff",
    });
    await other.page.getByRole("alert").waitFor({ timeout: 60_000 });
    expect(other.page.url()).toMatch(/\/staff$/);
    await logInInBrowser(other.page, { username: "demo-berater", password: NEW_PASSWORD, path: "/staff" });
    await other.page.waitForURL("**/inbox", { timeout: 60_000 });
  }, 240_000);

  it("a colleague in the team reads the reply from before the reset as the counsellor's, marked, and the one after", async () => {
    const colleague = await stack.actor("colleague", { viewport: VIEWPORTS.desktop });
    await useLanguage(colleague.context, "de");
    const p = colleague.page;
    await counsellorLogin(p, stack, "demo-beraterin");
    await p.getByRole("group", { name: "Ansicht" }).getByRole("button", { name: "Fälle meiner Teams" }).click();
    await p.getByRole("link", { name: CLIENT.username }).click({ timeout: 30_000 });
    // The case is Herr Roth's: a colleague opens it with a reason (logged, shown to the team lead).
    await p.getByLabel("Grund für den Zugriff").fill("Vertretung während der Abwesenheit von Herrn Roth");
    await p.getByRole("button", { name: "Fall mit Begründung öffnen" }).click();
    await staffMessages(p).filter({ hasText: T.after }).waitFor({ timeout: 60_000 });
    const earlier = staffMessages(p).filter({ hasText: T.before });
    await expect.poll(() => earlier.innerText()).toContain(FORMER_KEY);
    const later = staffMessages(p).filter({ hasText: T.after });
    expect(await later.innerText()).not.toContain(FORMER_KEY);
    // Both are Herr Roth's: the same name before the first "·" (one key revoked in between).
    const sender = async (item: typeof later) => (await item.innerText()).split("·")[0]!.trim();
    expect(await sender(earlier)).toBe(await sender(later));
    expect(await staffMessages(p).filter({ hasText: UNREADABLE }).count()).toBe(0);
    violations.push(...(await axeEverywhere(p, "colleague's case page with a reply from a former key")));
    expect(colleague.pageErrors).toEqual([]);
  }, 240_000);

  it("no accessibility violations, no page errors, nothing from other origins", () => {
    expect(violations).toEqual([]);
    for (const actor of [admin, lost, client]) {
      expect(actor.pageErrors, actor.name).toEqual([]);
      expect(actor.cspViolations, actor.name).toEqual([]);
      expect(actor.foreignRequests(), actor.name).toEqual([]);
      expect(
        actor.consoleErrors.filter((m) => !EXPECTED_CONSOLE.test(m)),
        actor.name,
      ).toEqual([]);
    }
  });
});
