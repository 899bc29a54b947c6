// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { consoleNav, consoleSuccess } from "../src/admin-console";
import { axeAt360, demoPassword } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * The processor register (Art. 28, issue #21, ADR 0049) in real Chromium
 * against `obhut serve --demo`: the administrator adds a processor with a
 * sub-processor from the console by clicking, moves its review date into the
 * past and sees "Prüfung fällig" on the card and on the console's overview;
 * the DPO finds it in the Art. 30 record; the page in English too. axe on the
 * new page (empty, filled, English).
 */
let stack: Stack;
let admin: Actor;
let adminEn: Actor;
let dpo: Actor;
const violations: string[] = [];
const NAME = "Wolke Rechenzentrum GmbH";

const card = (page: Page, name: string) =>
  page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: new RegExp(`^${name}`) }) });

async function logIn(page: Page, username: string): Promise<void> {
  await loadPage(page, "/staff");
  await page.fill("#staff-username", username);
  await page.fill("#staff-password", await demoPassword(stack, username));
  await page.keyboard.press("Enter");
}

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"));
  try {
    // The demo has no data-protection officer: the team lead takes the role for this test.
    db.prepare("UPDATE accounts SET role = 'dpo' WHERE username = 'demo-leitung'").run();
  } finally {
    db.close();
  }
  admin = await stack.actor("admin", { viewport: VIEWPORTS.mobile });
  adminEn = await stack.actor("admin-en", { viewport: VIEWPORTS.mobile });
  dpo = await stack.actor("dpo", { viewport: VIEWPORTS.mobile });
  for (const a of [admin, dpo]) await useLanguage(a.context, "de");
  await useLanguage(adminEn.context, "en");
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("processor register", () => {
  it("the administrator adds a processor with a sub-processor from the console", async () => {
    const page = admin.page;
    await logIn(page, "demo-admin");
    await page.waitForURL("**/admin", { timeout: 60_000 });
    await consoleNav(page, "Auftragsverarbeiter", "/admin/processors");
    await page.getByText("Es sind keine Auftragsverarbeiter eingetragen.").waitFor({ timeout: 30_000 });
    violations.push(...(await axeAt360(page, "processors (empty)")));

    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByLabel("Leistung und Zweck", { exact: true }).fill("Server, Speicher und Sicherungen");
    await page.getByLabel("Ort der Verarbeitung", { exact: true }).fill("Frankfurt am Main");
    await page.getByLabel("Land", { exact: true }).fill("de");
    await page.getByLabel("Vertrag nach Art. 28 geschlossen am", { exact: true }).fill("2026-01-15");
    await page.getByLabel("Nächste Prüfung am", { exact: true }).fill("2099-01-15");
    await page.getByRole("button", { name: "Unterauftragsverarbeiter hinzufügen", exact: true }).click();
    await page.getByLabel("Name des Unterauftragsverarbeiters 1", { exact: true }).fill("Kühlhaus Strom AG");
    await page.getByLabel("Land des Unterauftragsverarbeiters 1", { exact: true }).fill("AT");
    await page.getByRole("button", { name: "Hinzufügen", exact: true }).click();
    await consoleSuccess(page, `${NAME} ist gespeichert.`);

    const entry = card(page, NAME);
    await entry.getByText("Kühlhaus Strom AG (AT)").waitFor();
    await entry.getByText("Frankfurt am Main (DE)").waitFor();
    expect(await entry.getByText("Prüfung fällig").count()).toBe(0);
  });

  it("a review date in the past marks it 'Prüfung fällig', on its card and on the overview", async () => {
    const page = admin.page;
    await page.getByRole("button", { name: `${NAME} bearbeiten`, exact: true }).click();
    await page.getByRole("heading", { name: "Auftragsverarbeiter bearbeiten", exact: true }).waitFor();
    expect(await page.getByLabel("Name des Unterauftragsverarbeiters 1", { exact: true }).inputValue()).toBe(
      "Kühlhaus Strom AG",
    );
    await page.getByLabel("Nächste Prüfung am", { exact: true }).fill("2020-03-01");
    await page.getByRole("button", { name: "Änderungen speichern", exact: true }).click();
    await consoleSuccess(page, `${NAME} ist gespeichert.`);
    await card(page, NAME).getByText("Prüfung fällig", { exact: true }).waitFor();
    violations.push(...(await axeAt360(page, "processors (review due)")));

    await consoleNav(page, "Übersicht", "/admin");
    await page
      .getByRole("link", { name: "Bei 1 Auftragsverarbeiter ist die Prüfung fällig.", exact: true })
      .waitFor({ timeout: 30_000 });
  });

  it("the page reads in English too", async () => {
    const page = adminEn.page;
    await logIn(page, "demo-admin");
    await page.waitForURL("**/admin", { timeout: 60_000 });
    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Processors", exact: true })
      .click();
    await card(page, NAME).getByText("Review due", { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole("heading", { name: "Add a processor", exact: true }).waitFor();
    violations.push(...(await axeAt360(page, "processors (en)")));
  });

  it("the DPO finds it in the Art. 30 record", async () => {
    const page = dpo.page;
    await logIn(page, "demo-leitung");
    const mainNav = page.getByRole("navigation", { name: "Hauptnavigation" });
    await mainNav.getByRole("link", { name: "Datenschutz", exact: true }).click({ timeout: 60_000 });
    await page
      .getByRole("navigation", { name: "Datenschutz-Werkzeuge" })
      .getByRole("link", { name: "Verarbeitungsverzeichnis", exact: true })
      .click();
    await page
      .getByText(
        `${NAME} — Server, Speicher und Sicherungen (Frankfurt am Main, DE); Vertrag nach Art. 28 vom 2026-01-15; ` +
          "Unterauftragsverarbeiter: Kühlhaus Strom AG (AT); nächste Prüfung am 2020-03-01",
        { exact: true },
      )
      .waitFor({ timeout: 30_000 });
    expect(violations).toEqual([]);
  });
});
