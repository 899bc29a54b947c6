// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import { logInInBrowser } from "../src/accounts";
import { axeAt360, demoPassword } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #15, item 9, in real Chromium against `obhut serve --demo`: the
 * administrator sets where "Schnell verlassen" leads; a client who found the
 * agency and clicked through a few pages leaves with one tap — Back then
 * does not lead to Obhut, the service worker is unregistered and every
 * cache is deleted; the emergency numbers on the page are tap-to-call links.
 */
let stack: Stack;
const TARGET = "https://kochen.example.org/rezepte";

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
});

afterAll(async () => {
  await stack?.stop();
});

describe("quick exit to the organisation's target", () => {
  it("the admin sets the target in the console; the client leaves there without a way back", async () => {
    const violations: string[] = [];

    const admin = await stack.actor("admin", { viewport: VIEWPORTS.mobile });
    await useLanguage(admin.context, "de");
    const ap = admin.page;
    admin.step("set the target on the console's rules page");
    await logInInBrowser(ap, {
      username: "demo-admin",
      password: await demoPassword(stack, "demo-admin"),
      path: "/staff",
    });
    // The administrator lands on the console's overview.
    await ap.waitForURL("**/admin", { timeout: 60_000 });
    await ap.locator("nav.admin-nav").getByRole("link", { name: "Regeln", exact: true }).click();
    const field = ap.getByLabel("Adresse der unauffälligen Seite");
    await ap.getByText(/Zurzeit: die Voreinstellung dieser Installation/).waitFor();
    await field.fill("javascript:alert(1)");
    await ap.getByRole("button", { name: "Ziel speichern" }).click();
    await ap.getByText("Bitte geben Sie eine vollständige Adresse ein, die mit https:// beginnt.").waitFor();
    await field.fill(TARGET);
    await ap.getByRole("button", { name: "Ziel speichern" }).click();
    await ap.getByRole("status").filter({ hasText: "Das Ziel von „Schnell verlassen“ ist gespeichert." }).waitFor();
    await ap.getByText(`Zurzeit: ${TARGET}`).waitFor();
    violations.push(...(await axeAt360(ap, "admin policies (quick exit)")));

    const client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
    await useLanguage(client.context, "de");
    // The target is another origin: answered locally, so no request leaves the machine.
    await client.context.route(`${TARGET}**`, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Rezepte</title>" }),
    );
    const page = client.page;
    client.step("find the agency, as a person would");
    await loadPage(page, "/");
    // Let the service worker take over, as on a second visit.
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const option = page.locator("#finder-topic option", { hasText: "Familie und Erziehung" });
    await option.waitFor({ state: "attached" });
    await page.getByRole("combobox", { name: "Thema" }).selectOption((await option.getAttribute("value"))!);
    await page.getByLabel("Online, egal wo ich wohne").check();
    await page.getByRole("button", { name: "Beratungsstellen suchen" }).click();
    await page
      .getByRole("link", { name: /Beratungsstelle Demo-Stadt/ })
      .first()
      .click();
    await page.getByRole("link", { name: "Anfrage schreiben" }).waitFor();

    client.step("the emergency numbers are tap-to-call links on this page too");
    const footer = page.getByRole("region", { name: "Im Notfall" });
    await expect(footer.getByRole("link", { name: "116 111" }).getAttribute("href")).resolves.toBe("tel:116111");
    await expect(footer.getByRole("link", { name: "0800 111 0 111" }).getAttribute("href")).resolves.toBe(
      "tel:08001110111",
    );
    await expect(footer.getByRole("link", { name: "112", exact: true }).getAttribute("href")).resolves.toBe("tel:112");
    violations.push(...(await axeAt360(page, "agency page with emergency footer")));

    // Something in Cache Storage besides the app shell, to see that every cache goes.
    await page.evaluate(async () => {
      const cache = await caches.open("something-else");
      await cache.put("/left-behind", new Response("x"));
    });
    expect(await page.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);

    client.step("leave with one tap");
    await page.getByRole("button", { name: "Schnell verlassen" }).click();
    await page.waitForURL(TARGET);

    client.step("Back leads to where the person was before Obhut, not to Obhut");
    await page.goBack();
    expect(page.url().startsWith(stack.origin)).toBe(false);

    client.step("no service worker and no cache left (looked at on a plain API document of the origin)");
    await page.goto(`${stack.origin}/api/version`);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
    expect(await page.evaluate(() => caches.keys())).toEqual([]);

    expect(violations).toEqual([]);
  });
});
