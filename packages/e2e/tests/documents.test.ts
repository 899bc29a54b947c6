// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logInInBrowser } from "../src/accounts";
import { axeEverywhere } from "../src/setup";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Communication guideline in real Chromium against `obhut serve --demo`
 * (issue 7 "done when": an unapproved guideline cannot be published). The
 * admin writes a draft, cannot approve it herself and gets a clear refusal
 * when she tries to publish it; the draft stays a draft. Approval by a
 * second management member is covered by the server tests
 * (packages/server/test/compliance/documents.test.ts).
 */
function demoPassword(stack: Stack, username: string): string {
  const text = readFileSync(join(stack.dataDir, "demo-logins.txt"), "utf8");
  const line = text.split("\n").find((l) => l.trim().startsWith(`${username} `));
  if (!line) throw new Error(`no demo login for ${username}`);
  return line.trim().split(/\s+/)[1]!;
}

/** Client-side navigation (keeps the in-memory keys; a page load would drop them). */
async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, "", to);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
}

// One database per browser test: the browser adds nothing that differs between SQLite and PostgreSQL
// (the server tests run every rule of this feature on both); the browser tests share the dialects out
// (retention and org-move on PostgreSQL, documents and consent withdrawal on SQLite) to keep CI short.
describe("organisation documents: four eyes before publishing (SQLite)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack({ args: ["--demo"] });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("an admin drafts a guideline, cannot approve her own draft, and publishing it unapproved is refused", async () => {
    const a = await stack.actor("admin");
    await logInInBrowser(a.page, {
      username: "demo-admin",
      password: demoPassword(stack, "demo-admin"),
      path: "/staff",
    });
    await a.page.waitForURL("**/admin", { timeout: 60_000 });
    await goInApp(a.page, "/staff/documents");
    await a.page.locator("h1", { hasText: "Leitfaden und Datenschutzhinweise" }).waitFor();
    await a.page.locator("text=noch keinen Kommunikationsleitfaden").first().waitFor();

    await a.page.fill("#draft-text", "Bitte keine Gesundheitsdaten per E-Mail senden.");
    await a.page.locator("#draft-heading ~ form button[type=submit]").click();
    await a.page.locator(".notice--success").waitFor();
    const row = a.page.locator(".document-table tbody tr").first();
    await row.locator("text=Entwurf").waitFor();
    await row.locator("text=Freigabe durch eine andere Person nötig").waitFor();
    expect(await row.locator("button", { hasText: "Freigeben" }).count()).toBe(0);
    expect(await axeEverywhere(a.page, "documents")).toEqual([]);

    await row.locator("button", { hasText: "Veröffentlichen" }).click();
    await a.page.locator(".notice--error", { hasText: "erst veröffentlicht werden" }).waitFor();
    await row.locator("text=Entwurf").waitFor();
    expect(await axeEverywhere(a.page, "documents-refused")).toEqual([]);

    // The draft's text can still change (UpdateOrgDocument): its author edits it in the same form.
    await row.getByRole("button", { name: /^Bearbeiten: Entwurf/ }).click();
    await a.page.getByRole("heading", { name: "Entwurf bearbeiten" }).waitFor();
    const text = a.page.getByRole("textbox", { name: "Text" });
    await expect(text.inputValue()).resolves.toBe("Bitte keine Gesundheitsdaten per E-Mail senden.");
    await text.fill("Bitte keine Gesundheitsdaten per E-Mail senden, auch nicht verschlüsselt als Anhang.");
    await a.page.getByRole("button", { name: "Änderungen speichern" }).click();
    await a.page.getByRole("status").filter({ hasText: "Der Entwurf ist geändert." }).waitFor();
    await a.page.getByRole("heading", { name: "Neuer Entwurf" }).waitFor();
    await row.getByRole("button", { name: /^Bearbeiten: Entwurf/ }).click();
    await expect(text.inputValue()).resolves.toBe(
      "Bitte keine Gesundheitsdaten per E-Mail senden, auch nicht verschlüsselt als Anhang.",
    );
    expect(await axeEverywhere(a.page, "documents-editing")).toEqual([]);
    await a.page.getByRole("button", { name: "Abbrechen" }).click();
    await a.page.getByRole("heading", { name: "Neuer Entwurf" }).waitFor();
    expect(a.pageErrors).toEqual([]);
    expect(a.cspViolations).toEqual([]);
  });
});
