// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import { axeAt360, CLIENT_TEXTS, clientEnquiry, counsellorLogin, publishDemoPrivacyNotice } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #15, "done when", in real Chromium against `obhut serve --demo`, in
 * the informal flow (the demo's "Jugendberatung"), by visible names only:
 * start page → topic + postcode → agency → enquiry with the privacy notice
 * shown and accepted → sign-up on the own device → message → the counsellor
 * replies → a reload keeps the client in the conversation with the draft →
 * a second, shared device lands on "Meine Beratungen" and reads everything
 * → "Passwort vergessen?" with the recovery code on a third device restores
 * everything → quick exit leaves no way Back. Axe at 360 px on every client
 * page; no formal pronoun on any of them.
 */
let stack: Stack;
const NOTICE =
  "Datenschutzhinweis der Demo-Beratung: Nachrichten werden nur für die Beratung verarbeitet und nach dem Abschluss nach unseren Fristen gelöscht.";
const QUICK_EXIT = "https://www.google.com/search?q=wetter";
const FORMAL = /(^|[^\p{L}])(Sie|Ihnen|Ihr|Ihre|Ihrem|Ihren|Ihrer|Ihres)(?![\p{L}])/u;

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  // The demo publishes no documents; publish a privacy notice as the documents page would (four eyes done).
  await publishDemoPrivacyNotice(stack, NOTICE);
});

afterAll(async () => {
  await stack?.stop();
});

const nav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });

describe("the client's whole journey", () => {
  it("find, write, come back on three devices, recover, leave — informal, axe-clean, by visible names", async () => {
    const violations: string[] = [];
    const formal: string[] = [];
    const check = async (page: Page, label: string) => {
      violations.push(...(await axeAt360(page, label)));
      const text = await page.evaluate(() => document.body.innerText + "\n" + document.title);
      for (const line of text.split("\n").map((l) => l.trim())) if (FORMAL.test(line)) formal.push(`${label}: ${line}`);
    };
    const username = "reise-" + Date.now().toString(36);
    const password = "Ein langer Satz über Wolken und Regen 7";
    const message = "Hallo, ich habe Stress zu Hause.";
    const reply = "Danke, dass du schreibst. Magst du erzählen, was los ist?";
    const draft = "Es ist wegen meinem Vater, er";

    const client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
    await useLanguage(client.context, "de");
    const page = client.page;
    let code = "";
    client.step("start page → topic + postcode → agency → enquiry (notice) → sign-up on the own device → message");
    violations.push(
      ...(await clientEnquiry(page, {
        texts: { ...CLIENT_TEXTS.de, topic: "Jugendberatung" },
        postcode: "12043",
        username,
        password,
        message,
        deviceLabel: "Mein eigenes Gerät",
        onRecoveryCode: (listed) => (code = listed),
        onPage: async (label) => {
          if (label.startsWith("enquiry (logged out)"))
            await page
              .getByRole("region", { name: /^Datenschutzhinweis von / })
              .getByText(NOTICE)
              .waitFor();
          if (!label.startsWith("finder")) {
            const text = await page.evaluate(() => document.body.innerText);
            for (const line of text.split("\n").map((l) => l.trim()))
              if (FORMAL.test(line)) formal.push(`${label}: ${line}`);
          }
        },
      })),
    );
    await check(page, "conversation");

    client.step("the counsellor replies");
    const counsellor = await stack.actor("counsellor");
    await useLanguage(counsellor.context, "de");
    const w = counsellor.page;
    await counsellorLogin(w, stack, "demo-beraterin");
    await w.locator(".case-card", { hasText: username }).locator("a").click();
    await w.waitForURL(/\/inbox(\/case\?id=|\?(.*&)?case=)/, { waitUntil: "commit" });
    await w.getByRole("button", { name: "Anfrage übernehmen", exact: true }).click();
    await w.locator("#case-reply").waitFor({ timeout: 30_000 });
    await w.fill("#case-reply", reply);
    await w.locator("form.composer:has(#case-reply) button[type=submit]").click();
    await page.locator(".timeline__message", { hasText: reply }).waitFor({ timeout: 30_000 });

    client.step("a draft, then a reload: still in the conversation, the draft still there, no password asked");
    const composer = page.getByRole("textbox", { name: "Deine Nachricht" });
    await composer.fill(draft);
    await page.getByText("Entwurf verschlüsselt auf diesem Gerät gespeichert").waitFor({ timeout: 30_000 });
    await page.reload();
    await page.locator(".timeline__message", { hasText: reply }).waitFor({ timeout: 60_000 });
    await expect.poll(() => composer.inputValue(), { timeout: 30_000 }).toBe(draft);
    await check(page, "conversation after reload");

    client.step("a second, shared device: 'Meine Beratungen' first, everything readable");
    const second = await stack.actor("client-shared", { viewport: VIEWPORTS.mobile });
    await useLanguage(second.context, "de");
    const s = second.page;
    await loadPage(s, "/");
    await nav(s).getByRole("link", { name: "Anmelden" }).click();
    await check(s, "login (second device)");
    await s.getByLabel("Name (Pseudonym)").fill(username);
    await s.getByLabel("Passwort", { exact: true }).fill(password);
    await s.getByRole("button", { name: "Anmelden" }).click();
    await s.getByRole("heading", { level: 1, name: "Meine Beratungen" }).waitFor({ timeout: 60_000 });
    await check(s, "case list (second device)");
    await s.getByRole("link", { name: `Gespräch mit ${CLIENT_TEXTS.de.agency} öffnen` }).click();
    await s.locator(".timeline__message", { hasText: reply }).waitFor({ timeout: 30_000 });
    await s.locator(".timeline__message", { hasText: message }).waitFor();
    await check(s, "conversation (second device)");

    client.step("a third device: 'Passwort vergessen?' with the recovery code restores everything");
    const third = await stack.actor("client-new-phone", { viewport: VIEWPORTS.mobile });
    await useLanguage(third.context, "de");
    const r = third.page;
    await loadPage(r, "/");
    await nav(r).getByRole("link", { name: "Anmelden" }).click();
    await r.getByRole("link", { name: "Passwort vergessen?" }).click();
    await check(r, "recover");
    const newPassword = "Der Regenbogen steht über dem Fluss 42";
    await r.getByLabel("Name (Pseudonym)").fill(username);
    await r.getByLabel("Wiederherstellungscode").fill(code);
    await r.getByLabel("Neues Passwort", { exact: true }).fill(newPassword);
    await r.getByLabel("Neues Passwort wiederholen").fill(newPassword);
    await r.getByRole("button", { name: "Neues Passwort festlegen" }).click();
    await r.getByRole("heading", { level: 1, name: "Meine Beratungen" }).waitFor({ timeout: 60_000 });
    await r.getByRole("link", { name: `Gespräch mit ${CLIENT_TEXTS.de.agency} öffnen` }).click();
    await r.locator(".timeline__message", { hasText: reply }).waitFor({ timeout: 30_000 });
    await r.locator(".timeline__message", { hasText: message }).waitFor();
    await check(r, "conversation (recovered)");

    client.step("quick exit leaves no way Back to Obhut");
    await third.context.route(QUICK_EXIT, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>neutral</title>" }),
    );
    await r.getByRole("button", { name: "Schnell verlassen" }).click();
    await r.waitForURL(QUICK_EXIT);
    await r.goBack();
    expect(r.url().startsWith(stack.origin)).toBe(false);

    expect(formal).toEqual([]);
    expect(violations).toEqual([]);
    expect(client.foreignRequests()).toEqual([]);
    // One test for the whole walk (sign-up, a login on a second device, a recovery in a third): twice the limit.
  }, 240_000);
});
