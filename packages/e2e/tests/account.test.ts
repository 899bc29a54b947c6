// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../src/a11y";
import {
  captureRequestBodies,
  dumpDeviceState,
  fingerprintOnPage,
  logInInBrowser,
  passwordVariants,
  signUpInBrowser,
  type DeviceState,
  type SentBody,
} from "../src/accounts";
import { loadPage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Client sign-up and login against the real server in real Chromium:
 * keys restored in a second, fresh browser context from the server's bundle
 * alone; the password never on the wire; nothing left on the device; logout.
 */
let stack: Stack;

beforeAll(async () => {
  // Several sign-ups and logins within a minute: lift the per-client auth limit.
  stack = await startTestStack({ env: { OBHUT_RATE_LIMITS: "auth=200" } });
});

afterAll(async () => {
  await stack?.stop();
});

// Chromium logs every non-2xx response as a console error; these are expected answers.
const EXPECTED_401 = /Failed to load resource: the server responded with a status of 401/;

function expectCleanRun(actor: Actor, allowConsole?: RegExp): void {
  expect(actor.foreignRequests()).toEqual([]);
  expect(actor.cspViolations).toEqual([]);
  expect(actor.pageErrors).toEqual([]);
  expect(actor.consoleErrors.filter((m) => !allowConsole?.test(m))).toEqual([]);
}

function expectNothingSecretSent(sent: SentBody[], secrets: string[]): void {
  for (const request of sent) {
    for (const secret of secrets) {
      expect(request.url, `${request.method} ${request.url}`).not.toContain(secret);
      expect(request.body ?? "", `${request.method} ${request.url}`).not.toContain(secret);
    }
  }
}

function expectNothingStored(state: DeviceState, secrets: string[]): void {
  expect(state.localStorage).toEqual({});
  // The language choice is the one harmless entry allowed.
  expect(Object.keys(state.sessionStorage).filter((k) => k !== "obhut.language")).toEqual([]);
  expect(state.indexedDbNames).toEqual([]);
  // The session cookie is HttpOnly: script cannot see it.
  expect(state.documentCookie).toBe("");
  expect(state.cacheEntries.filter((e) => e.includes("/api/"))).toEqual([]);
  const everything = JSON.stringify([state.localStorage, state.sessionStorage, state.cacheEntries]) + state.cacheBodies;
  for (const secret of secrets) expect(everything).not.toContain(secret);
}

describe("client account (sign-up, second browser, logout)", () => {
  it("signs up in one context and logs in from a fresh one with the same keys; nothing leaks or stays", async () => {
    const username = "moewe-" + Date.now().toString(36);
    const password = "Ein langer Satz mit Möwe 🐦 und Zahl 42";
    const alice = await stack.actor("alice", { viewport: VIEWPORTS.mobile });
    const aliceSent = captureRequestBodies(alice.context);
    const bundles: string[] = [];
    alice.context.on("response", (response) => {
      if (response.url().endsWith("/api/auth/login/finish") && response.ok()) {
        void response.text().then((t) => bundles.push(t));
      }
    });

    alice.step("sign up from the start page");
    const signedUp = await signUpInBrowser(alice.page, { username, password, fromStartPage: true });
    expect(signedUp.recoveryCode?.split(" ")).toHaveLength(7);
    expect(signedUp.fingerprint).toMatch(/^(\d{5} ){11}\d{5}$/);
    expect(await alice.page.locator(".account-name").textContent()).toBe(username);
    expect(await axeViolations(alice.page)).toEqual([]);
    expect(await alice.page.locator("[style]").count()).toBe(0);

    // Positive control for the wire check: the OPAQUE requests were captured with bodies.
    const posted = aliceSent.filter((r) => r.method === "POST" && r.body).map((r) => new URL(r.url).pathname);
    expect(posted).toEqual(
      expect.arrayContaining([
        "/api/auth/register/start",
        "/api/auth/register/finish",
        "/api/auth/login/start",
        "/api/auth/login/finish",
      ]),
    );
    const finish = aliceSent.find((r) => r.url.endsWith("/api/auth/register/finish"))!;
    const sentBundle = (JSON.parse(finish.body!) as { keyBundle: Record<string, string> }).keyBundle;
    expect(sentBundle.masterWrapRecovery).toBeDefined();

    alice.step("device state after sign-up and login");
    const keyMaterial = [
      ...Object.values(sentBundle).filter((v): v is string => typeof v === "string"),
      signedUp.fingerprint,
      signedUp.recoveryCode!,
    ];
    expectNothingStored(await dumpDeviceState(alice.page), [...passwordVariants(password), ...keyMaterial]);

    alice.step("log out");
    await alice.page.getByRole("main").getByRole("button", { name: "Abmelden" }).click();
    await alice.page.waitForURL(stack.origin + "/");
    await alice.page.getByRole("heading", { level: 1, name: "Beratung finden" }).waitFor();
    await loadPage(alice.page, "/account");
    await alice.page.reload();
    await alice.page.getByText("Sie sind nicht angemeldet.").waitFor();
    expect(await alice.page.locator(".fingerprint").count()).toBe(0);
    const sessionStatus = await alice.page.evaluate(async () => (await fetch("/api/auth/session")).status);
    expect(sessionStatus).toBe(401);

    alice.step("a second, fresh browser context logs in");
    const bob = await stack.actor("alice-on-another-device", { viewport: VIEWPORTS.desktop });
    const bobSent = captureRequestBodies(bob.context);
    await logInInBrowser(bob.page, { username: username.toUpperCase(), password });
    // A client lands on "Meine Beratungen"; the navigation leads to the account.
    await bob.page.waitForURL("**/cases", { timeout: 60_000 });
    await bob.page.getByRole("heading", { level: 1, name: "Meine Beratungen" }).waitFor();
    await bob.page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Konto" }).click();
    await bob.page.waitForURL("**/account");
    expect(await fingerprintOnPage(bob.page)).toBe(signedUp.fingerprint);
    expect(await bob.page.locator(".account-name").textContent()).toBe(username);
    expect(await axeViolations(bob.page)).toEqual([]);
    expectNothingStored(await dumpDeviceState(bob.page), [...passwordVariants(password), ...keyMaterial]);

    // Neither browser ever sent the password, a fixed function of it, or the recovery code.
    expect(bobSent.some((r) => r.url.endsWith("/api/auth/login/finish") && r.body)).toBe(true);
    const secrets = [...passwordVariants(password), signedUp.recoveryCode!];
    expectNothingSecretSent(aliceSent, secrets);
    expectNothingSecretSent(bobSent, secrets);
    expect(bundles.length).toBeGreaterThan(0);

    expectCleanRun(alice, EXPECTED_401);
    expectCleanRun(bob);
    // The server never logged the password either.
    expect(stack.logs()).not.toContain(password);
  });

  it("a wrong password and an unknown name give the same message; staff page uses the same login", async () => {
    const username = "zweiter-" + Date.now().toString(36);
    const password = "noch ein langes Passwort";
    const carol = await stack.actor("carol", { viewport: VIEWPORTS.mobile });
    await signUpInBrowser(carol.page, { username, password, recoveryCode: false });
    const sent = captureRequestBodies(carol.context);

    await logInInBrowser(carol.page, { username, password: password + "!" });
    const wrongPassword = await carol.page.getByRole("alert").textContent();
    await logInInBrowser(carol.page, { username: "niemand-" + Date.now().toString(36), password });
    const unknownName = await carol.page.getByRole("alert").textContent();
    expect(wrongPassword).toBe("Name oder Passwort stimmt nicht.");
    expect(unknownName).toBe(wrongPassword);
    // Both attempts reached the server's login/finish (it counts failures per name).
    expect(sent.filter((r) => r.url.endsWith("/api/auth/login/finish"))).toHaveLength(2);
    expect(await axeViolations(carol.page)).toEqual([]);

    // The staff login page runs the same OPAQUE login (a client account works there too).
    await logInInBrowser(carol.page, { username, password, path: "/staff" });
    await carol.page.waitForURL("**/account", { timeout: 60_000 });
    await fingerprintOnPage(carol.page);
    expectNothingSecretSent(sent, passwordVariants(password));
    expectCleanRun(carol, EXPECTED_401);
  });

  it("an unreachable server during sign-up shows why and creates nothing", async () => {
    const dave = await stack.actor("dave", { viewport: VIEWPORTS.mobile });
    await dave.context.route("**/api/auth/register/finish", (route) => route.abort("connectionrefused"));
    const username = "offline-" + Date.now().toString(36);
    await loadPage(dave.page, "/signup");
    await dave.page.fill("#signup-username", username);
    await dave.page.fill("#signup-password", "zwölf Zeichen oder mehr");
    await dave.page.fill("#signup-passwordRepeat", "zwölf Zeichen oder mehr");
    await dave.page.uncheck("#signup-wantRecoveryCode");
    await dave.page.locator("form button[type=submit]").click();
    const alert = dave.page.getByRole("alert");
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toContain("Das Konto wurde nicht erstellt.");
    expect(await alert.textContent()).toContain("nicht erreichbar");
    expect(await axeViolations(dave.page)).toEqual([]);
    // The account does not exist: logging in fails like any unknown name.
    await dave.context.unroute("**/api/auth/register/finish");
    await logInInBrowser(dave.page, { username, password: "zwölf Zeichen oder mehr" });
    expect(await dave.page.getByRole("alert").textContent()).toBe("Name oder Passwort stimmt nicht.");
  });
});
