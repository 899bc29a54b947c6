// SPDX-License-Identifier: AGPL-3.0-or-later
import { generateRecoveryCode, recoveryCodeEntropy } from "@obhut/crypto";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import { axeAt360, CLIENT_TEXTS, clientEnquiry } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #15, items 2, 3 and 5 in real Chromium against `obhut serve --demo`:
 * a client signs up through an enquiry and writes; on a fresh device (a new
 * browser context, as after losing the phone) "Passwort vergessen?" with the
 * recovery code sets a new password and brings the whole history back; the
 * client lands on "Meine Beratungen" and moves through the navigation. On the
 * account page they change the password and make a new recovery code, after
 * which the old code opens nothing. All by visible names; axe at 360 px.
 */
let stack: Stack;
const violations: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
});

afterAll(async () => {
  await stack?.stop();
});

/** Whether the element's box lies fully inside the visible part of the page. */
async function inViewport(page: Page, locator: Locator): Promise<boolean | string> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  if (box !== null && size !== null && box.y >= 0 && box.y + box.height <= size.height) return true;
  // The positions, so a failure says where it was.
  return JSON.stringify({ box, size, scrollY: await page.evaluate(() => window.scrollY) });
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });

/** The same code with one character changed so that its checksum no longer matches (found deterministically). */
function withTypo(code: string): string {
  const compact = code.replace(/\s/g, "");
  for (const replacement of "0123456789ABCDEFGHJKMNPQRSTVWXYZ") {
    if (compact[3] === replacement) continue;
    const typo = compact.slice(0, 3) + replacement + compact.slice(4);
    try {
      recoveryCodeEntropy(typo);
    } catch {
      return typo;
    }
  }
  throw new Error("no typo found");
}

async function recover(page: Page, props: { username: string; code: string; password: string }): Promise<void> {
  await page.getByLabel("Name (Pseudonym)").fill(props.username);
  await page.getByLabel("Wiederherstellungscode").fill(props.code);
  await page.getByLabel("Neues Passwort", { exact: true }).fill(props.password);
  await page.getByLabel("Neues Passwort wiederholen").fill(props.password);
  await page.getByRole("button", { name: "Neues Passwort festlegen" }).click();
}

describe("the client's way back", () => {
  const username = "regen-" + Date.now().toString(36);
  const password = "Ein langer Satz über Wolken und Regen 7";
  const newPassword = "Der Regenbogen steht über dem Fluss 42";
  const thirdPassword = "Kraniche ziehen im Herbst nach Süden 9";
  const message = "Hallo, ich weiß nicht, wie ich das meiner Mutter sagen soll.";

  it("recovers with the code on a fresh device, reads everything, changes password and code", async () => {
    const client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
    await useLanguage(client.context, "de");
    let code = "";
    violations.push(
      ...(await clientEnquiry(client.page, {
        texts: CLIENT_TEXTS.de,
        username,
        password,
        message,
        onRecoveryCode: (listed) => (code = listed),
      })),
    );
    // Seven groups of four characters, no English words (ADR 0025).
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4} ){6}[0-9A-HJKMNP-TV-Z]{4}$/);

    client.step("the navigation is on every client page; log out from it");
    await nav(client.page).getByRole("link", { name: "Meine Beratungen" }).waitFor();
    await nav(client.page).getByRole("button", { name: "Abmelden" }).click();
    await client.page.waitForURL((url) => url.pathname === "/");
    await nav(client.page).getByRole("link", { name: "Anmelden" }).waitFor();

    client.step("a fresh device: login → Passwort vergessen?");
    const fresh = await stack.actor("client-new-phone", { viewport: VIEWPORTS.mobile });
    await useLanguage(fresh.context, "de");
    const page = fresh.page;
    await loadPage(page, "/");
    await nav(page).getByRole("link", { name: "Anmelden" }).click();
    await page.getByRole("link", { name: "Passwort vergessen?" }).click();
    await page.getByRole("heading", { level: 1, name: "Passwort vergessen" }).waitFor();
    violations.push(...(await axeAt360(page, "recover")));

    client.step("a typo is caught before anything is sent");
    const sentRecovery: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/auth/recovery/")) sentRecovery.push(request.url());
    });
    await recover(page, { username, code: withTypo(code), password: newPassword });
    await page.getByText("Im Wiederherstellungscode ist ein Tippfehler.", { exact: false }).waitFor();
    expect(sentRecovery).toEqual([]);
    violations.push(...(await axeAt360(page, "recover (typo)")));

    client.step("another valid code and an unknown name get the same answer");
    const counted = () =>
      page.waitForResponse((response) => response.url().endsWith("/api/auth/recovery/finish"), { timeout: 60_000 });
    let finish = counted();
    await recover(page, { username, code: generateRecoveryCode(), password: newPassword });
    await finish;
    const wrongCode = await page.getByRole("alert").textContent();
    finish = counted();
    await recover(page, { username: "niemand-" + Date.now().toString(36), code, password: newPassword });
    await finish;
    const unknownName = await page.getByRole("alert").textContent();
    expect(wrongCode).toBe("Name oder Wiederherstellungscode stimmt nicht.");
    expect(unknownName).toBe(wrongCode);
    // Both failures reached the server's finish step, where they are counted.
    expect(sentRecovery.filter((url) => url.endsWith("/finish"))).toHaveLength(2);

    client.step("the right code, typed in lower case with spaces: new password, whole history back");
    await recover(page, { username, code: code.toLowerCase(), password: newPassword });
    await page.waitForURL("**/cases", { timeout: 60_000 });
    await page.getByRole("heading", { level: 1, name: "Meine Beratungen" }).waitFor();
    await page.getByRole("link", { name: CLIENT_TEXTS.de.agency }).click();
    await page.locator(".timeline__message", { hasText: message }).waitFor({ timeout: 30_000 });
    expect(await page.locator(".timeline__problem").count()).toBe(0);

    client.step("the conversation opens like a messenger: at the newest message, the composer in view");
    const composer = page.getByRole("textbox", { name: "Ihre Nachricht" });
    await expect.poll(() => inViewport(page, composer)).toBe(true);
    // The newest entry (here the agency's automatic greeting, which answered the enquiry) sits above the composer.
    expect(await inViewport(page, page.locator(".timeline > li").last())).toBe(true);
    // A day separator before the first entry of the day.
    expect(await page.locator(".timeline__day").first().textContent()).toMatch(
      /^(Heute|Gestern|(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), \d{1,2}\. \S+)$/,
    );
    violations.push(...(await axeAt360(page, "conversation")));

    client.step("the old password no longer works; the new one lands on Meine Beratungen");
    const other = await stack.actor("client-laptop", { viewport: VIEWPORTS.mobile });
    await useLanguage(other.context, "de");
    await loadPage(other.page, "/");
    await nav(other.page).getByRole("link", { name: "Anmelden" }).click();
    await other.page.getByLabel("Name (Pseudonym)").fill(username);
    await other.page.getByLabel("Passwort", { exact: true }).fill(password);
    await other.page.getByRole("button", { name: "Anmelden" }).click();
    await other.page.getByRole("alert").waitFor({ timeout: 60_000 });
    await other.page.getByLabel("Passwort", { exact: true }).fill(newPassword);
    await other.page.getByRole("button", { name: "Anmelden" }).click();
    await other.page.getByRole("heading", { level: 1, name: "Meine Beratungen" }).waitFor({ timeout: 60_000 });

    client.step("account: change the password (proves the current one)");
    await nav(page).getByRole("link", { name: "Konto" }).click();
    await page.getByRole("heading", { level: 2, name: "Passwort ändern" }).waitFor();
    violations.push(...(await axeAt360(page, "account (client)")));

    client.step("account: the other device's login is listed and can be ended from here");
    const logins = page.locator("section", { has: page.getByRole("heading", { name: "Angemeldete Geräte" }) });
    await logins.getByText("Dieses Gerät", { exact: false }).waitFor();
    expect(await logins.getByRole("listitem").count()).toBe(2);
    await logins.getByRole("button", { name: "Alle anderen Anmeldungen beenden" }).click();
    await logins.getByRole("status").filter({ hasText: "Eine Anmeldung wurde beendet." }).waitFor();
    await expect.poll(() => logins.getByRole("listitem").count()).toBe(1);
    await page.getByLabel("Jetziges Passwort").fill(password);
    await page.getByLabel("Neues Passwort", { exact: true }).fill(thirdPassword);
    await page.getByLabel("Neues Passwort wiederholen").fill(thirdPassword);
    await page.getByRole("button", { name: "Passwort ändern" }).click();
    await page.getByRole("alert").filter({ hasText: "Name oder Passwort stimmt nicht." }).waitFor({ timeout: 60_000 });
    await page.getByLabel("Jetziges Passwort").fill(newPassword);
    await page.getByRole("button", { name: "Passwort ändern" }).click();
    await page.getByText("Ihr Passwort ist geändert.", { exact: false }).waitFor({ timeout: 60_000 });

    client.step("account: a new recovery code replaces the old one");
    await page.getByRole("button", { name: "Neuen Wiederherstellungscode erstellen" }).click();
    const groups = page.getByRole("list", { name: "Die 7 Blöcke Ihres Wiederherstellungscodes" });
    await groups.waitFor();
    const newCode = (await groups.getByRole("listitem").allTextContents()).join("-");
    expect(newCode.replace(/-/g, " ")).not.toBe(code);
    violations.push(...(await axeAt360(page, "account (new code)")));
    await page.getByRole("button", { name: "Neuen Code speichern" }).click();
    await page.getByText("Bitte bestätigen Sie, dass Sie den Code aufgeschrieben haben.").waitFor();
    await page.getByLabel("Ich habe den Code aufgeschrieben und bewahre ihn sicher auf.").check();
    await page.getByRole("button", { name: "Neuen Code speichern" }).click();
    await page.getByText("Der alte Code funktioniert nicht mehr.", { exact: false }).waitFor({ timeout: 60_000 });

    client.step("the old code opens nothing any more; the new one does");
    const third = await stack.actor("client-third", { viewport: VIEWPORTS.mobile });
    await useLanguage(third.context, "de");
    await loadPage(third.page, "/");
    await nav(third.page).getByRole("link", { name: "Anmelden" }).click();
    await third.page.getByRole("link", { name: "Passwort vergessen?" }).click();
    await recover(third.page, { username, code, password: newPassword });
    expect(await third.page.getByRole("alert").textContent({ timeout: 60_000 })).toBe(
      "Name oder Wiederherstellungscode stimmt nicht.",
    );
    await recover(third.page, { username, code: newCode, password: newPassword });
    await third.page.getByRole("heading", { level: 1, name: "Meine Beratungen" }).waitFor({ timeout: 60_000 });
    await third.page.getByRole("link", { name: CLIENT_TEXTS.de.agency }).click();
    await third.page.locator(".timeline__message", { hasText: message }).waitFor({ timeout: 30_000 });

    for (const actor of [client, fresh, other, third]) {
      expect(actor.foreignRequests()).toEqual([]);
      expect(actor.cspViolations).toEqual([]);
    }
    expect(violations).toEqual([]);
  });
});
