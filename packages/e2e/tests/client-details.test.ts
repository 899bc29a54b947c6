// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import { consoleNav } from "../src/admin-console";
import type { Actor } from "../src/browser";
import { axeAt360, CLIENT_TEXTS, clientEnquiry, demoPassword } from "../src/counselling";
import { seededEnquiries, seedStatisticsYear } from "../src/seed-statistics";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Voluntary client details for the statistics (issue #22, ADR 0050) in real
 * Chromium against `obhut serve --demo`: the administrator turns the age-band
 * and gender questions on in the console; a client who has just sent an
 * enquiry answers them on "Meine Daten" (keine Angabe until then); the
 * statistics page, over a seeded year whose clients answered too, shows the
 * breakdown by age band and gender. axe at 360 px on each changed page.
 */
let stack: Stack;
let client: Actor;
let admin: Actor;
const violations: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  admin = await stack.actor("admin", { viewport: VIEWPORTS.mobile });
  for (const a of [client, admin]) await useLanguage(a.context, "de");
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("voluntary client details", () => {
  it("the administrator turns the questions on", async () => {
    const page = admin.page;
    await loadPage(page, "/staff");
    await page.fill("#staff-username", "demo-admin");
    await page.fill("#staff-password", await demoPassword(stack, "demo-admin"));
    await page.locator("form button[type=submit]").click();
    await page.waitForURL("**/admin", { timeout: 60_000 });
    await consoleNav(page, "Regeln", "/admin/policies");
    const section = page.getByRole("region", { name: "Freiwillige Angaben für die Statistik" });
    const age = section.getByLabel(/^Altersgruppe fragen/);
    await expect.poll(() => age.isEnabled(), { timeout: 30_000 }).toBe(true);
    // Off by default.
    expect(await age.isChecked()).toBe(false);
    await age.check();
    await section.getByLabel(/^Geschlecht fragen/).check();
    await section.getByRole("button", { name: "Fragen speichern" }).click();
    await section.getByRole("status").filter({ hasText: "Gespeichert." }).waitFor();
    violations.push(...(await axeAt360(page, "admin policies (client details)")));
  });

  it("a client with an enquiry answers them on 'Meine Daten', voluntarily, and clears them again", async () => {
    const page = client.page;
    violations.push(
      ...(await clientEnquiry(page, {
        texts: CLIENT_TEXTS.de,
        username: "stern-" + Date.now().toString(36),
        password: "Ein langer Satz über Sterne und Meer 4",
        message: "Ich möchte über meine Familie sprechen.",
      })),
    );
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Konto" }).click();
    await page.getByRole("link", { name: "Meine Daten: herunterladen oder Konto löschen" }).click();
    await page.getByRole("heading", { level: 1, name: "Meine Daten" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Freiwillige Angaben für die Statistik" }).waitFor({
      timeout: 30_000,
    });
    await page.getByText(/^Diese Angaben sind nicht Ende-zu-Ende-verschlüsselt/).waitFor();
    const age = page.getByLabel("Altersgruppe (freiwillig)");
    const gender = page.getByLabel("Geschlecht (freiwillig)");
    // "keine Angabe" until the client chooses.
    expect(await age.locator("option:checked").textContent()).toBe("keine Angabe");
    await age.selectOption({ label: "18 bis 26 Jahre" });
    await gender.selectOption({ label: "weiblich" });
    await page.getByRole("button", { name: "Angaben speichern" }).click();
    await page.getByRole("status").filter({ hasText: "Ihre Angaben sind gespeichert." }).waitFor();
    violations.push(...(await axeAt360(page, "my data (client details)")));
    // Kept, and cleared again in one step.
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Konto" }).click();
    await page.getByRole("link", { name: "Meine Daten: herunterladen oder Konto löschen" }).click();
    await expect.poll(() => age.locator("option:checked").textContent(), { timeout: 30_000 }).toBe("18 bis 26 Jahre");
    expect(await gender.locator("option:checked").textContent()).toBe("weiblich");
    await page.getByRole("button", { name: "Angaben löschen" }).click();
    await page.getByRole("status").filter({ hasText: "Ihre Angaben sind gelöscht." }).waitFor();
    expect(await age.locator("option:checked").textContent()).toBe("keine Angabe");
  });

  it("the statistics show the breakdown by age band and gender, small cells suppressed", async () => {
    const page = admin.page;
    const year = new Date().getUTCFullYear() - 1;
    // A year of enquiries whose clients answered: Familie 18–26 and weiblich, Jugend left it at keine Angabe.
    await seedStatisticsYear(stack, year, (topic) =>
      topic === "familie" ? { ageBand: "18_26", gender: "female" } : { ageBand: null, gender: null },
    );
    let familie = 0;
    let jugend = 0;
    for (let m = 1; m <= 12; m++) {
      familie += seededEnquiries(m).familie;
      jugend += seededEnquiries(m).jugend;
    }
    await consoleNav(page, "Statistik", "/dpo/statistics");
    await page.getByRole("heading", { level: 1, name: "Statistik" }).waitFor({ timeout: 30_000 });
    await page.getByLabel("Jahr", { exact: true }).selectOption(String(year));
    await page.getByLabel("Zeitraum", { exact: true }).selectOption({ label: "Jahr" });
    const table = page.getByRole("region", { name: "Tabelle" }).getByRole("table");
    const row = table.getByRole("row", { name: new RegExp(`^${year}`) });
    const headers = () => table.getByRole("columnheader").allTextContents();
    await expect.poll(headers, { timeout: 30_000 }).toContain("Alter 18–26");
    const cellOf = async (header: string) => {
      const index = (await headers()).indexOf(header);
      return row
        .getByRole("cell")
        .nth(index - 1)
        .textContent();
    };
    await expect.poll(() => cellOf("Neue Anfragen"), { timeout: 30_000 }).toBe(String(familie + jugend));
    expect(await cellOf("Alter 18–26")).toBe(String(familie));
    expect(await cellOf("Alter keine Angabe")).toBe(String(jugend));
    expect(await cellOf("Alter 65+")).toBe("0");
    expect(await cellOf("Geschlecht weiblich")).toBe(String(familie));
    expect(await cellOf("Geschlecht keine Angabe")).toBe(String(jugend));
    // The month view hides the small Jugend cells (2 a month) and a second cell beside each.
    await page.getByLabel("Zeitraum", { exact: true }).selectOption({ label: "Monat" });
    const january = table.getByRole("row", { name: new RegExp(`^Jan\\.? ${year}`) });
    await january.waitFor({ timeout: 30_000 });
    const januaryCell = async (header: string) =>
      january
        .getByRole("cell")
        .nth((await headers()).indexOf(header) - 1)
        .textContent();
    expect(await januaryCell("Alter keine Angabe")).toBe("ausgeblendet");
    expect(await januaryCell("Alter 18–26")).toBe("ausgeblendet");
    await page.getByText("Altersgruppe und Geschlecht geben Klientinnen und Klienten freiwillig an").waitFor();
    violations.push(...(await axeAt360(page, "statistics (client details)")));
  });

  it("has no accessibility violations", () => {
    expect(violations).toEqual([]);
  });
});
