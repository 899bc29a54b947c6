// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpDeviceState, fingerprintOnPage, signUpInBrowser, staffLogOut } from "../src/accounts";
import { loadPage, QUICK_EXIT_URL, useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { axeAt360, counsellorLogin, goInApp } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue 3, item 10, in real Chromium: keys are not kept on a device by
 * default; staff may opt in to a non-extractable WebCrypto device key, which
 * re-opens their keys after a reload and in a new tab while the session
 * lasts. Logout, "forget this device" and quick exit remove it; clients are
 * never offered it.
 */
let stack: Stack;
let staff: Actor;
const violations: string[] = [];

const remembered = (page: Page) => page.locator("[data-device-remembered]");

/** What the browser holds in the device database, as seen from the page. */
function deviceRecord(page: Page) {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === "obhut-device")) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open("obhut-device");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error as Error);
    });
    const record = await new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
      const get = db.transaction("device").objectStore("device").get("current");
      get.onsuccess = () => resolve(get.result as Record<string, unknown> | undefined);
      get.onerror = () => reject(get.error as Error);
    });
    db.close();
    if (!record) return { fields: [] as string[] };
    const key = record.key as CryptoKey;
    const exported = await crypto.subtle.exportKey("raw", key).then(
      () => "exported",
      (e: unknown) => (e as Error).name,
    );
    return {
      fields: Object.keys(record).sort(),
      extractable: key.extractable,
      algorithm: key.algorithm.name,
      usages: [...key.usages].sort(),
      exported,
    };
  });
}

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  staff = await stack.actor("counsellor", { viewport: VIEWPORTS.mobile });
  await useLanguage(staff.context, "de");
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("staff device key (opt-in)", () => {
  let fingerprint = "";

  it("by default nothing is kept: a reload asks for the password again", async () => {
    const page = staff.page;
    await counsellorLogin(page, stack, "demo-beraterin");
    await goInApp(page, "/account");
    fingerprint = await fingerprintOnPage(page);
    expect((await dumpDeviceState(page)).indexedDbNames).not.toContain("obhut-device");
    await expect.poll(() => remembered(page).getAttribute("data-device-remembered")).toBe("false");
    await page.reload();
    await page.getByRole("link", { name: "Zur Anmeldung" }).waitFor();
    expect(await deviceRecord(page)).toBeNull();
  });

  it("opting in stores a non-extractable key; reload and a new tab open the keys without the password", async () => {
    const page = staff.page;
    await counsellorLogin(page, stack, "demo-beraterin");
    await goInApp(page, "/account");
    await page.getByRole("button", { name: "Schlüssel auf diesem Gerät behalten" }).click();
    await expect.poll(() => remembered(page).getAttribute("data-device-remembered")).toBe("true");
    await page.getByRole("status").filter({ hasText: "Dieses Gerät behält jetzt Ihre Schlüssel" }).waitFor();
    violations.push(...(await axeAt360(page, "account with device key")));

    const record = await deviceRecord(page);
    expect(record).toEqual({
      fields: ["accountId", "deviceId", "key"],
      extractable: false,
      algorithm: "AES-GCM",
      usages: ["decrypt", "encrypt"],
      exported: "InvalidAccessError",
    });

    const unlocks = () => staff.requests.filter((r) => r.method === "POST" && /\/unlock$/.test(r.url)).length;
    const before = unlocks();
    await page.reload();
    expect(await fingerprintOnPage(page)).toBe(fingerprint);
    expect(unlocks()).toBe(before + 1);

    // The inbox works after a reload too: the team key opens with the restored keys.
    await loadPage(page, "/inbox");
    await page.locator(".inbox-empty, .case-list").first().waitFor();

    const tab = await staff.context.newPage();
    await loadPage(tab, "/account");
    expect(await fingerprintOnPage(tab)).toBe(fingerprint);
    await expect.poll(() => remembered(tab).getAttribute("data-device-remembered")).toBe("true");
    expect(await tab.locator(".device-list li").count()).toBe(1);
    await tab.close();
  });

  it("'forget this device' removes the key here and the wrap on the server", async () => {
    const page = staff.page;
    // A full page load: the remembered key opens the keys.
    await loadPage(page, "/account");
    await page.getByRole("button", { name: "Dieses Gerät vergessen" }).click();
    await expect.poll(() => remembered(page).getAttribute("data-device-remembered")).toBe("false");
    expect(await deviceRecord(page)).toBeNull();
    expect(await page.evaluate(async () => (await fetch("/api/account/devices")).json())).toEqual({ devices: [] });
    await page.reload();
    await page.getByRole("link", { name: "Zur Anmeldung" }).waitFor();
  });

  it("logout removes key and wrap; a remembered key is useless without a live session", async () => {
    const page = staff.page;
    await counsellorLogin(page, stack, "demo-beraterin");
    await goInApp(page, "/account");
    await page.getByRole("button", { name: "Schlüssel auf diesem Gerät behalten" }).click();
    await expect.poll(() => remembered(page).getAttribute("data-device-remembered")).toBe("true");
    await staffLogOut(page);
    expect((await dumpDeviceState(page)).indexedDbNames).not.toContain("obhut-device");

    // Log in again: the server holds no wrap any more.
    await counsellorLogin(page, stack, "demo-beraterin");
    expect(await page.evaluate(async () => (await fetch("/api/account/devices")).json())).toEqual({ devices: [] });

    // Opt in, then lose the session (cookie gone): the reload asks for the password and keeps the key for later.
    await goInApp(page, "/account");
    await page.getByRole("button", { name: "Schlüssel auf diesem Gerät behalten" }).click();
    await expect.poll(() => remembered(page).getAttribute("data-device-remembered")).toBe("true");
    await staff.context.clearCookies();
    await page.reload();
    await page.getByRole("link", { name: "Zur Anmeldung" }).waitFor();
    expect((await deviceRecord(page))?.fields).toEqual(["accountId", "deviceId", "key"]);
  });

  it("quick exit deletes the device key before it leaves", async () => {
    const page = staff.page;
    await staff.context.route(QUICK_EXIT_URL, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>neutral</title>" }),
    );
    await loadPage(page, "/account");
    expect(await deviceRecord(page)).not.toBeNull();
    await page.getByRole("button", { name: "Schnell verlassen" }).click();
    await page.waitForURL(QUICK_EXIT_URL);
    await loadPage(page, "/privacy");
    await expect.poll(async () => (await dumpDeviceState(page)).indexedDbNames).not.toContain("obhut-device");
  });

  it("clients are never offered it and their browser keeps no database", async () => {
    const client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
    await useLanguage(client.context, "de");
    await signUpInBrowser(client.page, {
      username: "mond-" + Date.now().toString(36),
      password: "Ein langer Satz über Wolken und Regen 7",
    });
    // Sign-up ends on the account page with the keys open.
    expect(await client.page.getByRole("heading", { name: "Schlüssel auf diesem Gerät behalten" }).count()).toBe(0);
    expect((await dumpDeviceState(client.page)).indexedDbNames).toEqual([]);
    await client.page.reload();
    await client.page.getByRole("link", { name: "Zur Anmeldung" }).waitFor();
  });

  it("has no accessibility violations and made no foreign requests", () => {
    expect(violations).toEqual([]);
    // The quick-exit target is answered locally by the test (see above); nothing else may leave the origin.
    expect(staff.foreignRequests().filter((r) => r.url !== QUICK_EXIT_URL)).toEqual([]);
    expect(staff.cspViolations).toEqual([]);
  });
});
