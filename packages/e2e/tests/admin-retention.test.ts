// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Database as SqliteDb } from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useLanguage, VIEWPORTS } from "../src/app";
import { logInInBrowser } from "../src/accounts";
import { CLIENT_TEXTS, clientEnquiry, demoPassword } from "../src/counselling";
import { axeEverywhere } from "../src/setup";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #16 (admin console), in real Chromium against `obhut serve --demo`:
 * the administrator opens "Aufbewahrung" from the console's navigation,
 * shortens the closed-cases period, sees what that does before saving (and
 * must confirm it), saves, and finds the period saved after leaving and
 * coming back; a period below the class's minimum is refused with its
 * bounds. A client's real case is on legal hold (the hold row seeded as the
 * team lead's, as the case page would store it) and the page lists it with
 * its reason, since when and by whom. axe finds nothing at 360 px and on
 * the desktop, in German and English.
 */
let stack: Stack;
const REASON = "Gerichtliche Anordnung, Az. 12/26";

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
});

afterAll(async () => {
  await stack?.stop();
});

async function withDb<T>(fn: (db: SqliteDb) => T): Promise<T> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe("retention periods and legal holds in the admin console", () => {
  it("the admin shortens a period after seeing its effect, finds it saved, and sees the legal hold", async () => {
    const violations: string[] = [];

    const client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
    await useLanguage(client.context, "de");
    client.step("a client opens a case");
    const username = "frist-" + Date.now().toString(36);
    await clientEnquiry(client.page, {
      texts: CLIENT_TEXTS.de,
      username,
      password: "Ein langer Satz über Wolken und Regen 7",
      message: "Hallo, es geht um das Sorgerecht für meinen Sohn.",
    });

    // The team lead's legal hold on that case, as PUT /api/cases/:id/legal-hold stores it.
    const caseId = await withDb((db) => {
      const row = db
        .prepare(
          "SELECT c.id, c.organisation_id AS org FROM cases c JOIN accounts a ON a.id = c.client_id WHERE a.username = ?",
        )
        .get(username) as { id: string; org: string };
      const lead = db.prepare("SELECT id FROM accounts WHERE username = 'demo-leitung'").get() as { id: string };
      db.prepare(
        "INSERT INTO legal_holds (id, organisation_id, case_id, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(randomBytes(16).toString("base64url"), row.org, row.id, REASON, lead.id, Date.now());
      return row.id;
    });

    const admin = await stack.actor("admin", { viewport: VIEWPORTS.mobile });
    await useLanguage(admin.context, "de");
    const ap = admin.page;
    admin.step("open 'Aufbewahrung' from the console");
    await logInInBrowser(ap, {
      username: "demo-admin",
      password: await demoPassword(stack, "demo-admin"),
      path: "/staff",
    });
    // The administrator lands on the console's overview.
    await ap.waitForURL("**/admin", { timeout: 60_000 });
    const nav = ap.locator("nav.admin-nav");
    await nav.getByRole("link", { name: "Aufbewahrung", exact: true }).click();
    await ap.getByRole("heading", { name: "Aufbewahrung und Löschfristen", level: 1 }).waitFor();

    const cases = ap.getByRole("group", { name: "Abgeschlossene Fälle" });
    const field = cases.getByLabel("Frist in Tagen");
    await field.waitFor();
    expect(await field.inputValue()).toBe("1095");
    await cases.getByText("Erlaubt: 30 bis 36500 Tage. Voreinstellung: 1095 Tage.").waitFor();
    await cases.getByText(/§ 195 BGB/).waitFor();
    await ap.getByText("Sie haben noch keine Frist geändert.").waitFor();

    admin.step("below the minimum is refused with the bounds");
    const notes = ap.getByRole("group", { name: "Interne Notizen" });
    await notes.getByLabel("Frist in Tagen").fill("10");
    await ap.getByRole("button", { name: "Fristen speichern" }).click();
    await notes.getByText("Bitte eine ganze Zahl von 30 bis 36500 eingeben.").waitFor();
    await notes.getByLabel("Frist in Tagen").fill("1095");

    admin.step("shorten closed cases: the effect is shown, and a tick is needed before saving");
    await field.fill("400");
    const effect = "Kürzer als bisher (1095 → 400 Tage)";
    await cases.getByText(effect).waitFor();
    const changes = ap.getByRole("region", { name: "Das ändert sich beim Speichern" });
    await changes.getByText(effect).waitFor();
    await changes.getByText(/kann die Verwaltung vorab nicht zählen/).waitFor();
    violations.push(...(await axeEverywhere(ap, "/admin/retention with a pending change")));
    await ap.getByRole("button", { name: "Fristen speichern" }).click();
    await ap.getByText("Bitte bestätigen Sie, dass Daten früher gelöscht werden sollen.").waitFor();
    const stored = () => withDb((db) => db.prepare("SELECT data_class, period_days FROM retention_rules").all());
    expect(await stored()).toEqual([]);
    await changes.getByRole("checkbox", { name: /Ich habe verstanden/ }).check();
    await ap.getByRole("button", { name: "Fristen speichern" }).click();
    await ap.getByRole("status").filter({ hasText: "Die Fristen sind gespeichert." }).waitFor();
    await cases.getByText("Gespeichert: 400 Tage").waitFor();
    expect(await stored()).toEqual([{ data_class: "closed_cases", period_days: 400 }]);

    admin.step("leave and come back: the period is loaded from the server");
    await nav.getByRole("link", { name: "Regeln", exact: true }).click();
    await ap.locator("#idle-counsellor").waitFor();
    await nav.getByRole("link", { name: "Aufbewahrung", exact: true }).click();
    await ap
      .getByRole("group", { name: "Abgeschlossene Fälle" })
      .getByText(/Gespeichert: 400 Tage \(zuletzt geändert am/)
      .waitFor();
    expect(
      await ap.getByRole("group", { name: "Abgeschlossene Fälle" }).getByLabel("Frist in Tagen").inputValue(),
    ).toBe("400");

    admin.step("the legal hold is listed with reason, since and by whom");
    const holds = ap.getByRole("region", { name: "Aufbewahrungspflichten (Legal Hold)" });
    const hold = holds.getByRole("listitem").filter({ hasText: caseId });
    await hold.getByText(REASON).waitFor();
    await hold.getByText("demo-leitung").waitFor();
    await hold.getByRole("heading", { name: `Fall ${caseId.slice(0, 8)}` }).waitFor();
    violations.push(...(await axeEverywhere(ap, "/admin/retention")));

    expect(violations).toEqual([]);
  });
});
