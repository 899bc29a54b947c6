// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage } from "../src/app";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe("setup page", () => {
  it("shows the invalid-token message for a wrong token (answer from the real server)", async () => {
    const [admin] = await stack.actors("admin");
    const page = admin!.page;
    const verify = page.waitForResponse((r) => r.url() === `${stack.origin}/api/setup/verify`);
    await loadPage(page, `/setup#token=${"A".repeat(43)}`);
    const response = await verify;
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("setup_token_invalid");

    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Dieser Einrichtungslink ist ungültig");
    expect(await page.locator("form").count()).toBe(0);
    // The token is taken out of the address bar once read.
    expect(new URL(page.url()).hash).toBe("");
    // The token travelled in the body, never in a URL the server could log.
    expect(admin!.requests.filter((r) => r.url.includes("AAAAAAAA"))).toEqual([]);
    expect(stack.logs()).not.toContain("A".repeat(43));
  });

  it("explains what to do when the link has no token", async () => {
    const [admin] = await stack.actors("admin");
    await loadPage(admin!.page, "/setup");
    expect(await admin!.page.getByRole("alert").textContent()).toContain("Einrichtungslink");
    expect(admin!.requests.some((r) => r.url.endsWith("/api/setup/verify"))).toBe(false);
  });

  it("with the real one-time link shows the form and enforces the password rules", async () => {
    // The server prints the link before its "running" line, so it is always there by now.
    expect(stack.setupUrl).toBeDefined();
    const [admin] = await stack.actors("admin");
    const page = admin!.page;
    await page.goto(stack.setupUrl!);
    await page.getByRole("status").filter({ hasText: "gültig" }).waitFor();
    await page.getByLabel("Name der Organisation").fill("Jugendberatung Musterstadt");
    await page.getByLabel("Anzeigename", { exact: true }).fill("Frau Admin");
    await page.getByLabel("Benutzername für das Administrationskonto").fill("admin");
    await page.getByLabel("Passwort", { exact: true }).fill("kurz");
    await page.getByLabel("Passwort wiederholen").fill("kurz");
    await page.getByRole("button", { name: "Organisation einrichten" }).click();
    const summary = page.getByRole("alert").first();
    await summary.waitFor();
    expect(await summary.textContent()).toContain("mindestens 12 Zeichen");
    expect(await page.getByLabel("Passwort", { exact: true }).getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Passwort", { exact: true }).fill("ein langer sicherer Satz");
    await page.getByLabel("Passwort wiederholen").fill("ein langer sicherer Satz!");
    await page.getByRole("button", { name: "Organisation einrichten" }).click();
    await page.getByText("Die beiden Passwörter stimmen nicht überein.").first().waitFor();
  });
});
