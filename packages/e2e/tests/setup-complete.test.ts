// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureRequestBodies, dumpDeviceState, passwordVariants, type SentBody } from "../src/accounts";
import { VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { axeEverywhere, rootFingerprint, storedRootKey, tabTo, typeInto } from "../src/setup";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * First-start setup completed in real Chromium against the real server:
 * OPAQUE registration, recovery code, root/archive keys, signed genesis and
 * wraps all made in the browser; one final request; login; the fingerprint
 * shown equals the one computed in Node from what the server stored.
 */

const ORG = "Jugendberatung Musterstadt e. V.";
const USERNAME = "leitung";
const PASSWORD = "Ein langer Satz über Möwen am Deich 42";

// Chromium logs refused connections and non-2xx answers as console errors; these are provoked on purpose.
const EXPECTED_CONSOLE = /ERR_CONNECTION_REFUSED|ERR_FAILED|status of 409/;

// With a second factor required for staff, reading the org log after login answers 403 mfa_required.
const MFA_CONSOLE = /status of 403/;

function expectCleanRun(actor: Actor, followUp?: string | null): void {
  expect(actor.foreignRequests()).toEqual([]);
  expect(actor.cspViolations).toEqual([]);
  expect(actor.pageErrors).toEqual([]);
  const allowed = (m: string) => EXPECTED_CONSOLE.test(m) || (followUp === "mfa_required" && MFA_CONSOLE.test(m));
  expect(actor.consoleErrors.filter((m) => !allowed(m))).toEqual([]);
}

function expectNothingSecretSent(sent: SentBody[], secrets: string[]): void {
  for (const request of sent) {
    for (const secret of secrets) {
      expect(request.url, `${request.method} ${request.url}`).not.toContain(secret);
      expect(request.body ?? "", `${request.method} ${request.url}`).not.toContain(secret);
    }
  }
}

async function expectNothingPersisted(actor: Actor, secrets: string[]): Promise<void> {
  const state = await dumpDeviceState(actor.page);
  expect(state.localStorage).toEqual({});
  expect(Object.keys(state.sessionStorage).filter((k) => k !== "obhut.language")).toEqual([]);
  expect(state.indexedDbNames).toEqual([]);
  expect(state.cacheEntries.filter((e) => e.includes("/api/"))).toEqual([]);
  const everything = JSON.stringify([state.localStorage, state.sessionStorage, state.cacheEntries]) + state.cacheBodies;
  for (const secret of secrets) expect(everything).not.toContain(secret);
}

/** Fills the form and confirms the recovery code with the keyboard only; returns the code shown. */
async function fillFormAndConfirmCode(actor: Actor): Promise<string> {
  const page = actor.page;
  await typeInto(page, "#setup-organisationName", ORG);
  await typeInto(page, "#setup-displayName", "Frau Admin");
  await typeInto(page, "#setup-username", USERNAME);
  await typeInto(page, "#setup-password", PASSWORD);
  await typeInto(page, "#setup-passwordRepeat", PASSWORD);
  await page.keyboard.press("Enter");
  await page.locator(".recovery-code__words li").first().waitFor();
  const code = (await page.locator(".recovery-code__words li").allTextContents()).join(" ");
  // Focus sits on the step's heading; the checkbox is mandatory.
  await tabTo(page, "form.recovery-code button[type=submit]");
  await page.keyboard.press("Enter");
  await page.getByText("Bitte bestätigen Sie, dass Sie den Code aufgeschrieben haben.").first().waitFor();
  await tabTo(page, "#setup-code-confirm");
  await page.keyboard.press("Space");
  expect(await page.locator("#setup-code-confirm").isChecked()).toBe(true);
  return code;
}

async function fingerprintShown(actor: Actor): Promise<string> {
  await actor.page.locator("#setup-fingerprint li").first().waitFor({ timeout: 120_000 });
  return (await actor.page.locator("#setup-fingerprint li").allTextContents()).join(" ");
}

function finishBody(sent: SentBody[]): { organisationId: string; organisationRootPublicKey: string } {
  const finish = sent.filter((r) => r.url.endsWith("/api/setup/finish") && r.body);
  expect(finish.length).toBeGreaterThan(0);
  return JSON.parse(finish.at(-1)!.body!) as { organisationId: string; organisationRootPublicKey: string };
}

/**
 * The server prints "running at" and the setup link in separate writes, and
 * the stack is ready on the first: wait (bounded) for the link to arrive.
 */
async function setupUrlOf(stack: Stack): Promise<string> {
  for (let i = 0; i < 200 && !stack.setupUrl; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!stack.setupUrl) throw new Error(`no setup link printed:\n${stack.logs()}`);
  return stack.setupUrl;
}

describe("first-start setup in the browser", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("completes setup with the keyboard; retry after a lost connection; fingerprint matches the server", async () => {
    const setupUrl = await setupUrlOf(stack);
    const admin = await stack.actor("admin", { viewport: VIEWPORTS.desktop });
    const page = admin.page;
    const sent = captureRequestBodies(admin.context);
    const violations: string[] = [];

    admin.step("open the printed one-time link");
    await page.goto(setupUrl);
    await page.getByRole("status").filter({ hasText: "gültig" }).waitFor();
    violations.push(...(await axeEverywhere(page, "form")));

    admin.step("empty submit shows the error summary");
    await tabTo(page, "main form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.locator(".notice--error[role=alert] ul").waitFor();
    violations.push(...(await axeEverywhere(page, "form errors")));

    admin.step("fill in, see and confirm the recovery code");
    const code = await fillFormAndConfirmCode(admin);
    expect(code.split(" ")).toHaveLength(7);
    violations.push(...(await axeEverywhere(page, "recovery code")));

    admin.step("the first final request never reaches the server");
    let refused = 0;
    await admin.context.route("**/api/setup/finish", async (route) => {
      refused++;
      await route.abort("connectionrefused");
    });
    await tabTo(page, "form.recovery-code button[type=submit]");
    await page.keyboard.press("Enter");
    const progress = page.locator(".setup-progress[aria-live=polite][role=status]");
    await progress.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains("setup-progress"))).toBe(true);
    await page.locator(".setup-interrupted").waitFor({ timeout: 120_000 });
    expect(refused).toBe(1);
    expect(await page.getByRole("alert").textContent()).toContain("doppelt angelegt wird nichts");
    violations.push(...(await axeEverywhere(page, "interrupted")));
    await admin.context.unroute("**/api/setup/finish");

    admin.step("send the same setup again");
    await tabTo(page, ".setup-interrupted button");
    await page.keyboard.press("Enter");
    const shown = await fingerprintShown(admin);
    expect(shown).toMatch(/^(\d{5} ){11}\d{5}$/);
    const followUp = await page.locator(".setup-done").getAttribute("data-follow-up");
    // "mfa_required" once the server demands a second factor for staff; both finish setup.
    expect(["ready", "mfa_required"]).toContain(followUp);
    admin.step(`follow-up after setup: ${followUp}`);
    violations.push(...(await axeEverywhere(page, "done")));
    expect(await page.locator("[style]").count()).toBe(0);

    admin.step("both final requests carried the very same setup");
    const finishes = sent.filter((r) => r.url.endsWith("/api/setup/finish"));
    expect(finishes).toHaveLength(2);
    expect(finishes[1]!.body).toBe(finishes[0]!.body);
    const body = finishBody(sent);

    admin.step("the fingerprint shown is the one of the root key the server stored");
    const stored = await storedRootKey({
      baseUrl: stack.baseUrl,
      dataDir: stack.dataDir,
      username: USERNAME,
      password: PASSWORD,
      orgId: body.organisationId,
    });
    admin.step(`root key read back via ${stored.source}`);
    expect(rootFingerprint(stored)).toBe(shown);
    expect(Buffer.from(stored.rootPublicKey).toString("base64url")).toBe(body.organisationRootPublicKey);

    admin.step("nothing secret on the wire");
    const posted = sent.filter((r) => r.method === "POST" && r.body).map((r) => new URL(r.url).pathname);
    expect(posted).toEqual(
      expect.arrayContaining([
        "/api/setup/verify",
        "/api/setup/register/start",
        "/api/setup/finish",
        "/api/auth/login/start",
        "/api/auth/login/finish",
      ]),
    );
    const secrets = [...passwordVariants(PASSWORD), ...passwordVariants(code)];
    expectNothingSecretSent(sent, secrets);
    expect(stack.logs()).not.toContain(PASSWORD);
    expect(stack.logs()).not.toContain(code);

    admin.step("nothing persisted on the device");
    await expectNothingPersisted(admin, [...secrets, shown]);

    if (followUp === "ready") {
      admin.step("continue to the account page, logged in");
      await tabTo(page, 'a[href="/account"].button');
      await page.keyboard.press("Enter");
      await page.waitForURL("**/account");
      expect(await page.locator(".account-name").textContent()).toBe(USERNAME);
    }
    expect(violations).toEqual([]);
    expectCleanRun(admin, followUp);
  });

  it("a second visit of the same link says the installation is already set up", async () => {
    const again = await stack.actor("second-visit", { viewport: VIEWPORTS.mobile });
    const verify = again.page.waitForResponse((r) => r.url().endsWith("/api/setup/verify"));
    await again.page.goto(await setupUrlOf(stack));
    expect((await verify).status()).toBe(409);
    const alert = again.page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("bereits eingerichtet");
    expect(await again.page.locator("form").count()).toBe(0);
    expect(await axeEverywhere(again.page, "already set up")).toEqual([]);
    expectCleanRun(again);
  });
});

describe("first-start setup whose answer is lost after the server stored it", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("the retry recognises its own setup, logs in and shows the stored fingerprint", async () => {
    const admin = await stack.actor("admin", { viewport: VIEWPORTS.mobile });
    const page = admin.page;
    const sent = captureRequestBodies(admin.context);
    let lost = 0;
    await admin.context.route("**/api/setup/finish", async (route) => {
      // The server handles the request and commits; the browser never sees the answer.
      const response = await route.fetch();
      expect(response.status()).toBe(201);
      lost++;
      await route.abort("failed");
    });
    await page.goto(await setupUrlOf(stack));
    await page.getByRole("status").filter({ hasText: "gültig" }).waitFor();
    const code = await fillFormAndConfirmCode(admin);
    await tabTo(page, "form.recovery-code button[type=submit]");
    await page.keyboard.press("Enter");
    await page.locator(".setup-interrupted").waitFor({ timeout: 120_000 });
    expect(lost).toBe(1);
    await admin.context.unroute("**/api/setup/finish");

    await tabTo(page, ".setup-interrupted button");
    await page.keyboard.press("Enter");
    const shown = await fingerprintShown(admin);
    const body = finishBody(sent);
    const stored = await storedRootKey({
      baseUrl: stack.baseUrl,
      dataDir: stack.dataDir,
      username: USERNAME,
      password: PASSWORD,
      orgId: body.organisationId,
    });
    expect(rootFingerprint(stored)).toBe(shown);
    const followUp = await page.locator(".setup-done").getAttribute("data-follow-up");
    expect(["ready", "mfa_required"]).toContain(followUp);
    expectNothingSecretSent(sent, [...passwordVariants(PASSWORD), ...passwordVariants(code)]);
    await expectNothingPersisted(admin, [PASSWORD, code]);
    expectCleanRun(admin, followUp);
  });
});
