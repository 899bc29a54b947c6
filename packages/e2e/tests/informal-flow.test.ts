// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import { logInInBrowser } from "../src/accounts";
import { axeAt360, CLIENT_TEXTS, clientEnquiry } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * One form of address per flow (issue #15, item 7), in real Chromium
 * against `obhut serve --demo`: a young person picks the demo's informal
 * topic ("Jugendberatung") and from then on no page they see says "Sie" —
 * agency, enquiry, sign-up, recovery code, conversation with the agency's
 * informal greeting (the demo writes both), their case list,
 * account and consent pages, and the login and case list on a second
 * device. Then they choose "Sie" in the account, and no page says "du".
 */
let stack: Stack;

const FORMAL = /(^|[^\p{L}])(Sie|Ihnen|Ihr|Ihre|Ihrem|Ihren|Ihrer|Ihres)(?![\p{L}])/u;
const INFORMAL = /(^|[^\p{L}])(du|dich|dir|dein|deine|deinem|deinen|deiner|deines|Du|Dich|Dir|Dein|Deine)(?![\p{L}])/u;

/** Lines that name a form of address rather than use it (the choice on the account page). */
const NAMING_A_FORM = new Set(["Mit „Sie“", "Mit „du“"]);

/**
 * Every line of text on the page (visible or for screen readers) and its
 * title that matches. `sent`: leave out what the agency already sent (its
 * greeting stays in the words it was sent in when the client later changes
 * the form of address, like any message).
 */
async function linesMatching(page: Page, pattern: RegExp, sent: "check" | "skip"): Promise<string[]> {
  const lines = await page.evaluate((skipSent) => {
    const greeting = new Set(
      skipSent
        ? [...document.querySelectorAll<HTMLElement>(".timeline__event--greeting")].flatMap((e) =>
            e.innerText.split("\n").map((line) => line.trim()),
          )
        : [],
    );
    return (document.body.innerText + "\n" + document.title)
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => !greeting.has(line));
  }, sent === "skip");
  return lines.filter((line) => pattern.test(line) && !NAMING_A_FORM.has(line));
}

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
});

afterAll(async () => {
  await stack?.stop();
});

describe("the informal flow", () => {
  it("says 'du' on every page once the informal topic is chosen, on two devices, until the client chooses 'Sie'", async () => {
    const leaks: string[] = [];
    const violations: string[] = [];
    const check = async (page: Page, label: string, pattern = FORMAL) => {
      const sent = pattern === FORMAL ? "check" : "skip";
      for (const line of await linesMatching(page, pattern, sent)) leaks.push(`${label}: ${line}`);
    };
    const username = "jugend-" + Date.now().toString(36);
    const password = "Ein langer Satz über Wolken und Regen 7";

    const client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
    await useLanguage(client.context, "de");
    const page = client.page;
    client.step("the way in: topic 'Jugendberatung' → agency → enquiry → sign-up → first message");
    violations.push(
      ...(await clientEnquiry(page, {
        texts: { ...CLIENT_TEXTS.de, topic: "Jugendberatung" },
        username,
        password,
        message: "Hallo, ich brauche Hilfe.",
        // The start page and its results are the deployment's, before any topic is chosen.
        onPage: async (label) => (label.startsWith("finder") ? undefined : check(page, label)),
      })),
    );
    await page.locator(".timeline__event--greeting", { hasText: "Danke für deine Nachricht" }).waitFor();
    await check(page, "conversation");

    client.step("their pages after the first message");
    const nav = page.locator("nav.main-nav");
    await nav.getByRole("link", { name: "Meine Beratungen" }).click();
    await page
      .getByRole("link", { name: /Beratungsstelle Demo-Stadt/ })
      .first()
      .waitFor();
    await check(page, "case list");
    await nav.getByRole("link", { name: "Konto", exact: true }).click();
    await page.getByRole("heading", { name: "Anrede" }).waitFor();
    await check(page, "account");
    violations.push(...(await axeAt360(page, "account (informal)")));
    await page.getByRole("link", { name: "Meine Einwilligungen und Kontaktwege" }).click();
    await page.getByRole("heading", { name: "Eine Einwilligung geben" }).waitFor();
    await check(page, "consents");

    client.step("a second, shared device: login and the case list");
    const second = await stack.actor("second-device", { viewport: VIEWPORTS.mobile });
    await useLanguage(second.context, "de");
    // The login page cannot know the flow yet: it addresses no one.
    await loadPage(second.page, "/");
    await second.page.locator("nav.main-nav").getByRole("link", { name: "Anmelden" }).click();
    await second.page.getByRole("group", { name: "Welches Gerät ist das?" }).waitFor();
    await check(second.page, "second device: login");
    await check(second.page, "second device: login", INFORMAL);
    await logInInBrowser(second.page, { username, password });
    await second.page.waitForURL("**/cases", { timeout: 60_000 });
    await second.page
      .getByRole("link", { name: /Beratungsstelle Demo-Stadt/ })
      .first()
      .waitFor();
    await check(second.page, "second device: case list");
    await second.page
      .getByRole("link", { name: /Beratungsstelle Demo-Stadt/ })
      .first()
      .click();
    await second.page.locator(".timeline__message--own", { hasText: "Hallo, ich brauche Hilfe." }).waitFor();
    await check(second.page, "second device: conversation");

    expect(leaks).toEqual([]);

    client.step("the client chooses 'Sie': every page follows, on the other device after its next login too");
    await nav.getByRole("link", { name: "Konto", exact: true }).click();
    await page.getByLabel("Mit „Sie“").check();
    await page.getByRole("button", { name: "Anrede speichern" }).click();
    await page.getByRole("status").filter({ hasText: "Alle Seiten sprechen Sie jetzt so an" }).waitFor();
    await check(page, "account (formal chosen)", INFORMAL);
    await nav.getByRole("link", { name: "Meine Beratungen" }).click();
    await page
      .getByRole("link", { name: /Beratungsstelle Demo-Stadt/ })
      .first()
      .click();
    await page.locator(".timeline__message--own", { hasText: "Hallo, ich brauche Hilfe." }).waitFor();
    await check(page, "conversation (formal chosen)", INFORMAL);
    violations.push(...(await axeAt360(page, "conversation (formal chosen)")));

    expect(leaks).toEqual([]);
    expect(violations).toEqual([]);
  });
});
