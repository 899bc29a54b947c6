// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, QUICK_EXIT_URL } from "../src/app";
import type { Actor } from "../src/browser";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

/**
 * The neutral target is another origin. Tests never follow it: the route
 * answers locally, so no request leaves the machine.
 */
async function interceptExitTarget(actor: Actor): Promise<void> {
  await actor.context.route(QUICK_EXIT_URL, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>neutral</title>" }),
  );
}

async function expectWiped(actor: Actor): Promise<void> {
  // sessionStorage belongs to this tab and origin; come back and look.
  await loadPage(actor.page, "/privacy");
  expect(await actor.page.evaluate(() => sessionStorage.getItem("secret-draft"))).toBeNull();
  expect(await actor.page.evaluate(() => sessionStorage.length)).toBe(0);
}

describe("quick exit", () => {
  it("button wipes the session, logs out and replaces the page with the neutral URL", async () => {
    const [client] = await stack.actors("client");
    await interceptExitTarget(client!);
    const page = client!.page;
    await loadPage(page, "/");
    await page.evaluate(() => sessionStorage.setItem("secret-draft", "hello"));
    const historyBefore = await page.evaluate(() => history.length);

    client!.step("press quick exit");
    const button = page.getByRole("button", { name: "Schnell verlassen" });
    expect(await button.isVisible()).toBe(true);
    await button.click();
    await page.waitForURL(QUICK_EXIT_URL);

    // Replaced, not pushed: Back does not lead to Obhut.
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
    expect(client!.requests.some((r) => r.method === "POST" && r.url === `${stack.origin}/api/auth/logout`)).toBe(true);
    await expectWiped(client!);
  });

  it("three quick presses of Escape do the same", async () => {
    const [client] = await stack.actors("client");
    await interceptExitTarget(client!);
    const page = client!.page;
    await loadPage(page, "/accessibility");
    await page.evaluate(() => sessionStorage.setItem("secret-draft", "hello"));
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.waitForURL(QUICK_EXIT_URL);
    await expectWiped(client!);
  });

  it("is on client-facing pages and reachable by keyboard", async () => {
    const [client] = await stack.actors("client");
    const page = client!.page;
    await loadPage(page, "/");
    await page.keyboard.press("Tab"); // skip link
    await page.keyboard.press("Tab"); // brand
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus").textContent()).toBe("Schnell verlassen");
    // Not on the administrators' setup page.
    await loadPage(page, "/setup");
    expect(await page.getByRole("button", { name: "Schnell verlassen" }).count()).toBe(0);
  });
});
