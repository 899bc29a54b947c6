// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpInBrowser } from "../src/accounts";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { axeAt360, CLIENT_TEXTS, clientEnquiry, counsellorLogin, goInApp } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue 3, item 8, in real Chromium against `obhut serve --demo`: a client
 * opens a case and a counsellor answers; the client loses everything
 * (password and recovery code: a fresh browser, a new pseudonym), asks for a
 * re-binding code on the new account and reads code and fingerprint to the
 * counsellor, who compares the fingerprint and re-binds the case in the
 * browser. The new account then reads the whole earlier conversation,
 * decrypted; the old account has no access any more.
 */
let stack: Stack;
let oldClient: Actor;
let newClient: Actor;
let counsellor: Actor;
let caseId = "";
const violations: string[] = [];

const PASSWORD = "Ein langer Satz über Wolken und Regen 7";
const T = {
  enquiry: "Hallo, ich komme mit meiner Trennung nicht zurecht und brauche Rat.",
  reply: "Guten Tag, danke für Ihre Nachricht. Wie lange sind Sie schon getrennt?",
  afterRebind: "Ich habe meinen alten Zugang verloren, das ist mein neuer.",
};

const staffMessages = (page: Page) => page.locator('ol.message-list[aria-label="Gespräch"] > li');

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  oldClient = await stack.actor("old-client", { viewport: VIEWPORTS.mobile });
  newClient = await stack.actor("new-client", { viewport: VIEWPORTS.mobile });
  counsellor = await stack.actor("counsellor", { viewport: VIEWPORTS.mobile });
  for (const actor of [oldClient, newClient, counsellor]) await useLanguage(actor.context, "de");
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("re-binding a case to the client's new account", () => {
  const oldName = "wolke-" + Date.now().toString(36);
  const newName = "regen-" + Date.now().toString(36);

  it("the client opens a case; the counsellor accepts and answers", async () => {
    await counsellorLogin(counsellor.page, stack, "demo-beraterin");
    await clientEnquiry(oldClient.page, {
      texts: CLIENT_TEXTS.de,
      username: oldName,
      password: PASSWORD,
      message: T.enquiry,
    });
    caseId = new URL(oldClient.page.url()).searchParams.get("id")!;
    const w = counsellor.page;
    await w.locator(".case-card", { hasText: oldName }).waitFor({ timeout: 30_000 });
    await w.locator(".case-card", { hasText: oldName }).locator("a").click();
    await w.waitForURL(/\/inbox(\/case\?id=|\?(.*&)?case=)/, { waitUntil: "commit" });
    await w.getByRole("button", { name: "Anfrage übernehmen", exact: true }).click();
    await w.locator("#case-reply").waitFor({ timeout: 30_000 });
    await staffMessages(w).filter({ hasText: T.enquiry }).waitFor({ timeout: 30_000 });
    await w.fill("#case-reply", T.reply);
    await w.locator("form.composer:has(#case-reply) button[type=submit]").click();
    await staffMessages(w).filter({ hasText: T.reply }).waitFor({ timeout: 30_000 });
    await oldClient.page.locator(".timeline__message", { hasText: T.reply }).waitFor({ timeout: 30_000 });
  });

  let code = "";
  let fingerprint = "";

  it("the client, with everything lost, signs up anew and gets a code with the new account's fingerprint", async () => {
    const p = newClient.page;
    await signUpInBrowser(p, { username: newName, password: PASSWORD });
    await goInApp(p, "/cases");
    await p.locator("button", { hasText: "Code für meine Beraterin oder meinen Berater anzeigen" }).click();
    code = (await p.locator("[data-testid=rebind-code]").textContent())!.trim();
    fingerprint = (await p.locator("[data-testid=rebind-fingerprint]").textContent())!.trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    violations.push(...(await axeAt360(p, "client cases with re-binding code")));
  });

  it("the counsellor enters the code, compares the fingerprint, confirms and re-binds", async () => {
    const w = counsellor.page;
    await w.fill("#rebind-code", code);
    await w.locator("form.staff-form:has(#rebind-code) button[type=submit]").click();
    await w.locator("form.staff-form:has(#rebind-code) [data-testid=rebind-fingerprint]").waitFor();
    // What the client reads out on the phone must be exactly what the counsellor sees.
    expect(
      (await w.locator("form.staff-form:has(#rebind-code) [data-testid=rebind-fingerprint]").textContent())!.trim(),
    ).toBe(fingerprint);
    violations.push(...(await axeAt360(w, "staff case (re-binding)")));
    await w.check("#rebind-confirm");
    await w.locator("form.staff-form:has(#rebind-code) button[type=submit]").click();
    await w.locator(".notice", { hasText: "gehört jetzt zum neuen Zugang" }).waitFor({ timeout: 60_000 });
  });

  it("the new account reads the whole earlier conversation; the old account has no access any more", async () => {
    const p = newClient.page;
    await goInApp(p, `/case?id=${encodeURIComponent(caseId)}`);
    await p.locator(".timeline__message", { hasText: T.enquiry }).waitFor({ timeout: 30_000 });
    await p.locator(".timeline__message", { hasText: T.reply }).waitFor({ timeout: 30_000 });
    // And writes on: the counsellor reads it.
    await p.fill("#case-compose", T.afterRebind);
    await p.locator("form.composer button[type=submit]").click();
    await p.locator(".timeline .timeline__message--own", { hasText: T.afterRebind }).waitFor({ timeout: 30_000 });
    // In-app navigation (a page load would drop the staff keys): the case page opens afresh for the new client.
    await goInApp(counsellor.page, "/inbox");
    await goInApp(counsellor.page, `/inbox/case?id=${encodeURIComponent(caseId)}`);
    await staffMessages(counsellor.page).filter({ hasText: T.afterRebind }).waitFor({ timeout: 30_000 });
    await staffMessages(counsellor.page).filter({ hasText: T.enquiry }).waitFor({ timeout: 30_000 });

    const status = await oldClient.page.evaluate(
      async (id) => (await fetch(`/api/cases/${id}`, { credentials: "same-origin" })).status,
      caseId,
    );
    expect(status).toBe(404);
    expect(violations).toEqual([]);
    for (const actor of [oldClient, newClient, counsellor]) {
      expect(actor.pageErrors).toEqual([]);
      expect(actor.cspViolations).toEqual([]);
    }
  });
});
