// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import { axeAt360, publishDemoPrivacyNotice } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #15, item 8, in real Chromium against `obhut serve --demo`: the
 * organisation's published privacy notice is shown in the enquiry flow —
 * readable, not only linked — before and after sign-up, and the acceptance
 * is recorded with the hash of exactly the text shown. Nothing is recorded
 * as accepted that was not on the screen.
 */
let stack: Stack;
const NOTICE =
  "Datenschutzhinweis der Demo-Beratung.\nWir verarbeiten Ihre Nachrichten nur zur Beratung und löschen sie nach Abschluss gemäß unserer Fristen.";
const CHANGED_NOTICE =
  "Neu seit heute: Wir speichern Ihre Nachrichten nur noch zwölf Monate nach dem Ende der Beratung.";

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  // The demo publishes no documents; publish a privacy notice as the documents page would (four eyes done).
  await publishDemoPrivacyNotice(stack, NOTICE);
});

afterAll(async () => {
  await stack?.stop();
});

describe("the privacy notice in the enquiry", () => {
  it("is shown before sign-up and beside the first message, and its acceptance names the text shown", async () => {
    const client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
    await useLanguage(client.context, "de");
    const { page } = client;
    const violations: string[] = [];
    const username = "notiz-" + Date.now().toString(36);
    const password = "Ein langer Satz über Wolken und Regen 7";

    await loadPage(page, "/");
    const topic = page.getByRole("combobox", { name: "Thema" });
    const option = page.locator("#finder-topic option", { hasText: "Familie und Erziehung" });
    await option.waitFor({ state: "attached" });
    await topic.selectOption((await option.getAttribute("value"))!);
    await page.getByLabel("Online, egal wo ich wohne").check();
    await page.getByRole("button", { name: "Beratungsstellen suchen" }).click();
    await page
      .getByRole("link", { name: /Beratungsstelle Demo-Stadt/ })
      .first()
      .click();
    await page.getByRole("link", { name: "Anfrage schreiben" }).click();

    client.step("before sign-up: the notice itself is on the page");
    const notice = page.getByRole("region", { name: /^Datenschutzhinweis von / });
    await notice.waitFor();
    expect(await notice.textContent()).toBe(NOTICE);
    violations.push(...(await axeAt360(page, "enquiry with notice (logged out)")));
    await page.getByRole("button", { name: "Anonymes Konto erstellen" }).click();
    await page.getByText("Bitte bestätigen Sie, dass Sie", { exact: false }).waitFor();
    await page.locator("#enquiry-privacy").check();
    await page.getByRole("button", { name: "Anonymes Konto erstellen" }).click();

    client.step("sign-up without a recovery code, back to the enquiry");
    await page.getByLabel("Ihr Name in Obhut (Pseudonym)").fill(username);
    await page.getByLabel("Passwort", { exact: true }).fill(password);
    await page.getByLabel("Passwort wiederholen").fill(password);
    await page.getByLabel("Ja, ich möchte einen Wiederherstellungscode").uncheck();
    await page.getByRole("button", { name: "Konto erstellen" }).click();
    await page.getByRole("textbox", { name: "Ihre Nachricht" }).waitFor({ timeout: 60_000 });

    client.step("beside the first message: the same notice, the earlier confirmation still ticked");
    expect(await page.getByRole("region", { name: /^Datenschutzhinweis von / }).textContent()).toBe(NOTICE);
    const confirm = page.getByLabel("Ich habe die Hinweise oben gelesen und bin einverstanden.");
    expect(await confirm.isChecked()).toBe(true);
    violations.push(...(await axeAt360(page, "enquiry with notice (logged in)")));
    await page.getByRole("textbox", { name: "Ihre Nachricht" }).fill("Guten Tag, ich habe eine Frage zur Erziehung.");
    // Unticked, nothing is sent: the confirmation is asked for.
    await confirm.uncheck();
    await page.getByRole("button", { name: "Anfrage verschlüsselt senden" }).click();
    await page.getByText("Bitte bestätigen Sie, dass Sie die Hinweise gelesen haben.").waitFor();
    await confirm.check();
    await page.getByRole("button", { name: "Anfrage verschlüsselt senden" }).click();
    await page.waitForURL(/\/case\?id=/, { timeout: 60_000 });

    client.step("recorded: this client accepted exactly that version, by the hash of the text shown");
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(join(stack.dataDir, "obhut.sqlite"), { readonly: true });
    try {
      const rows = db
        .prepare(
          `SELECT d.kind, d.source, d.sha256 FROM document_acceptances d JOIN accounts a ON a.id = d.account_id
           WHERE a.username = ?`,
        )
        .all(username);
      expect(rows).toEqual([
        { kind: "privacy_notice", source: "accepted", sha256: createHash("sha256").update(NOTICE).digest("hex") },
      ]);
    } finally {
      db.close();
    }

    client.step("the organisation publishes a changed notice: the client reads it and takes note of it");
    await publishDemoPrivacyNotice(stack, CHANGED_NOTICE, 2);
    await page.locator("nav.main-nav").getByRole("link", { name: "Konto", exact: true }).click();
    await page.getByRole("link", { name: "Meine Einwilligungen und Kontaktwege" }).click();
    const changed = page.getByRole("region", { name: "Geänderte Datenschutzhinweise" });
    await changed.getByText(CHANGED_NOTICE).waitFor();
    await changed.getByRole("heading", { name: /Datenschutzhinweise, Fassung 2/ }).waitFor();
    violations.push(...(await axeAt360(page, "changed privacy notice")));
    await changed.getByRole("button", { name: "Gelesen und zur Kenntnis genommen" }).click();
    await page.getByRole("status").filter({ hasText: "Sie haben diese Fassung gelesen" }).waitFor();
    await expect(changed.count()).resolves.toBe(0);
    const check = new Database(join(stack.dataDir, "obhut.sqlite"), { readonly: true });
    try {
      const latest = check
        .prepare(
          `SELECT d.source, d.sha256 FROM document_acceptances d JOIN accounts a ON a.id = d.account_id
           WHERE a.username = ? ORDER BY d.accepted_at DESC LIMIT 1`,
        )
        .get(username);
      expect(latest).toEqual({ source: "accepted", sha256: createHash("sha256").update(CHANGED_NOTICE).digest("hex") });
    } finally {
      check.close();
    }

    expect(violations).toEqual([]);
    expect(client.foreignRequests()).toEqual([]);
  });
});
