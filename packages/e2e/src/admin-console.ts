// SPDX-License-Identifier: AGPL-3.0-or-later
import { generate } from "otplib";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { loadPage } from "./app";
import { demoPassword } from "./counselling";
import type { Stack } from "./stack";

/**
 * Helpers for browser tests in the admin console (German): the demo
 * administrator's login, a new staff member's second factor, moving through
 * the console's own menu (a reload would drop the keys held in memory) and
 * waiting for the page's outcome.
 */

/**
 * Sets up the authenticator app on the page a new staff member reaches after their password, as a person would with
 * the code their app shows; returns the secret for later codes. The QR code carries the same otpauth URI (lazy chunk,
 * data: URL image).
 */
export async function enrolTotp(page: Page, home: "/admin" | "/inbox"): Promise<string> {
  await page.getByRole("button", { name: "Authenticator-App einrichten" }).click();
  const secret = (await page.locator("#mfa-secret").textContent())!.trim();
  await expect(page.locator("img.totp-qr").getAttribute("src")).resolves.toMatch(/^data:image\/gif;base64,/);
  await page.fill("#mfa-confirm-code", await generate({ secret, epoch: Math.floor(Date.now() / 1000) }));
  await page.keyboard.press("Enter");
  await page.waitForURL(`**${home}`, { timeout: 60_000 });
  return secret;
}

/** Logs the demo administrator in on the staff page and opens the console's users page through its menu. */
export async function demoAdminToUsers(page: Page, stack: Stack): Promise<void> {
  await loadPage(page, "/staff");
  await page.getByLabel("Benutzername", { exact: true }).fill("demo-admin");
  await page.getByLabel("Passwort", { exact: true }).fill(await demoPassword(stack, "demo-admin"));
  await page.keyboard.press("Enter");
  await page.waitForURL("**/admin", { timeout: 60_000 });
  await consoleNav(page, "Mitarbeitende", "/admin/users");
}

/** Client-side navigation through the console's menu ("Verwaltung"). */
export async function consoleNav(page: Page, name: string, path: string): Promise<void> {
  await page.getByRole("navigation", { name: "Verwaltung" }).getByRole("link", { name, exact: true }).click();
  await page.waitForURL(`**${path}`);
}

/** The users page loaded afresh (through another console page, keeping the keys in memory). */
export async function reloadUsersPage(page: Page): Promise<void> {
  await consoleNav(page, "Teams", "/admin/teams");
  await consoleNav(page, "Mitarbeitende", "/admin/users");
  await page.getByRole("heading", { name: "Administration", exact: true }).waitFor();
}

/** The card of one staff account on the users page, found by its heading (the login name). */
export function accountCard(page: Page, username: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: username, exact: true }) });
}

/** Waits for the page's status line to say `text`; an alert instead fails with its text. */
export async function consoleSuccess(page: Page, text: string | RegExp): Promise<void> {
  const alert = page.locator("[role=alert]");
  await Promise.race([
    page.getByRole("status").filter({ hasText: text }).waitFor({ timeout: 120_000 }),
    alert
      .first()
      .waitFor({ timeout: 120_000 })
      .then(async () => {
        throw new Error(`alert instead of success: ${await alert.first().textContent()}`);
      }),
  ]);
}
