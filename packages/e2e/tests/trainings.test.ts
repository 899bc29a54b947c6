// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { axeAt360, counsellorLogin, demoPassword } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Training records (issue #21, ADR 0048) in real Chromium against `obhut
 * serve --demo`: the DPO sets up a training for the counsellors from the
 * DPO area, two counsellors confirm their participation from "Schulungen" in
 * their staff navigation, and the DPO's overview shows both confirmed and the
 * third counsellor (the team lead) as due. axe on both new pages.
 */
let stack: Stack;
let dpo: Actor;
let anna: Actor;
let ben: Actor;
const violations: string[] = [];
const TITLE = "Datenschutz im Beratungsalltag 2027";

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });

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
  dpo = await stack.actor("dpo", { viewport: VIEWPORTS.mobile, acceptDownloads: true });
  anna = await stack.actor("anna", { viewport: VIEWPORTS.mobile });
  ben = await stack.actor("ben", { viewport: VIEWPORTS.mobile });
  for (const a of [dpo, anna, ben]) await useLanguage(a.context, "de");
});

afterAll(async () => {
  await stack?.stop();
});

/** From the staff navigation to the DPO's training records. */
async function openTrainingRecords(page: Page): Promise<void> {
  await mainNav(page).getByRole("link", { name: "Datenschutz", exact: true }).click();
  await page
    .getByRole("navigation", { name: "Datenschutz-Werkzeuge" })
    .getByRole("link", { name: "Schulungsnachweise", exact: true })
    .click();
  await page.getByRole("heading", { level: 1, name: "Schulungsnachweise" }).waitFor({ timeout: 30_000 });
}

/** A counsellor confirms the training from "Schulungen" in her staff navigation. */
async function confirmFromShell(page: Page, username: string, label: string): Promise<void> {
  await counsellorLogin(page, stack, username);
  await mainNav(page).getByRole("link", { name: "Schulungen", exact: true }).click();
  const training = page.getByRole("article", { name: TITLE });
  await training.getByText(/^Fällig – bitte bis /).waitFor({ timeout: 30_000 });
  violations.push(...(await axeAt360(page, label)));
  // The day defaults to today.
  expect(await training.getByLabel("Teilgenommen am", { exact: true }).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await training.getByRole("button", { name: "Teilnahme bestätigen", exact: true }).click();
  await training
    .getByRole("status")
    .filter({ hasText: /^Ihre Teilnahme am .+ ist bestätigt\.$/ })
    .waitFor();
  await training.getByText(/^Teilgenommen am .+, gültig bis .+\.$/).waitFor();
}

describe.sequential("training records", () => {
  it("the DPO sets up a training for the counsellors from the DPO area", async () => {
    const page = dpo.page;
    await loadPage(page, "/staff");
    await page.getByLabel("Benutzername", { exact: true }).fill("demo-admin");
    await page.getByLabel("Passwort", { exact: true }).fill(await demoPassword(stack, "demo-admin"));
    await page.getByRole("main").getByRole("button", { name: "Anmelden", exact: true }).click();
    await mainNav(page).getByRole("link", { name: "Datenschutz", exact: true }).waitFor({ timeout: 60_000 });
    await openTrainingRecords(page);
    await page.getByText("Es sind noch keine Schulungen angelegt.").waitFor();
    violations.push(...(await axeAt360(page, "training records (empty)")));
    await page.getByLabel("Titel", { exact: true }).fill(TITLE);
    await page.getByLabel("Inhalt", { exact: true }).fill("DSGVO, Schweigepflicht (§ 203 StGB), sichere Kanäle");
    await page.getByLabel("Auffrischen", { exact: true }).selectOption({ label: "alle 12 Monate" });
    await page.getByLabel("Für wen", { exact: true }).selectOption({ label: "Beratende" });
    await page.getByRole("button", { name: "Schulung anlegen", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Die Schulung ist angelegt." }).waitFor({ timeout: 30_000 });
    const card = page.getByRole("article", { name: TITLE });
    await card.getByText("0 bestätigt · 3 fällig · 0 überfällig").waitFor();
    violations.push(...(await axeAt360(page, "training records")));
  });

  it("two counsellors confirm their participation from their staff navigation", async () => {
    await confirmFromShell(anna.page, "demo-beraterin", "my trainings (Frau Berger)");
    await confirmFromShell(ben.page, "demo-berater", "my trainings (Herr Roth)");
  });

  it("the DPO's overview shows both confirmed and the team lead as due", async () => {
    const page = dpo.page;
    // Back to the overview the way a person does: through the navigation (the page loads afresh).
    await mainNav(page).getByRole("link", { name: "Konto", exact: true }).click();
    await openTrainingRecords(page);
    const card = page.getByRole("article", { name: TITLE });
    await card.getByText("2 bestätigt · 1 fällig · 0 überfällig").waitFor({ timeout: 30_000 });
    const row = (name: string) => card.getByRole("row", { name: new RegExp(`^${name} `) });
    for (const name of ["Frau Berger", "Herr Roth"]) {
      expect(await row(name).getByRole("cell").first().textContent()).toBe("bestätigt");
      expect(await row(name).getByRole("cell").nth(1).textContent()).toMatch(/^gültig bis /);
    }
    expect(await row("Frau Leitner").getByRole("cell").first().textContent()).toBe("fällig");
    expect(await card.getByRole("row").count()).toBe(4);
    // The overview as CSV, one line per person and training.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Übersicht als CSV herunterladen", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("schulungen.csv");
    const lines = (await readFile((await download.path())!, "utf8"))
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Schulung;Name;Rolle;Stand;Teilgenommen am;Gültig bis;Fällig bis");
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(
        new RegExp(`^${TITLE};Frau Berger;Fachkraft;bestätigt;\\d{4}-\\d{2}-\\d{2};\\d{4}-\\d{2}-\\d{2};$`),
      ),
      expect.stringMatching(new RegExp(`^${TITLE};Frau Leitner;Fachkraft;fällig;;;\\d{4}-\\d{2}-\\d{2}$`)),
      expect.stringMatching(
        new RegExp(`^${TITLE};Herr Roth;Fachkraft;bestätigt;\\d{4}-\\d{2}-\\d{2};\\d{4}-\\d{2}-\\d{2};$`),
      ),
    ]);
    expect(violations).toEqual([]);
  });
});
