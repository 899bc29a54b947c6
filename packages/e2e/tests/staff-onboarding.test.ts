// SPDX-License-Identifier: AGPL-3.0-or-later
import { spawn } from "node:child_process";
import { generate } from "otplib";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  captureRequestBodies,
  displayNameFor,
  fillDisplayName,
  passwordVariants,
  type SentBody,
  staffLogOut,
  viaStaffShell,
} from "../src/accounts";
import { VIEWPORTS } from "../src/app";
import { createActor, type Actor } from "../src/browser";
import { axeEverywhere, tabTo } from "../src/setup";
import { REPO_ROOT, type Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Staff onboarding in real Chromium against the real server: an operator
 * creates an organisation with `obhut admin create-org`; its first admin
 * opens the link, signs up (OPAQUE, keys, mandatory recovery code and the
 * organisation's genesis, all in the browser) and enrols an authenticator
 * app (the code is computed here in Node from the secret on the page).
 * Counsellors invited with `obhut admin invite` enrol an authenticator app
 * or a passkey on Chromium's virtual authenticator, log out, log in and
 * use their factor.
 *
 * The pages run on http://localhost:<port>: the server's default PUBLIC_URL
 * with port 0 is http://localhost:<bound port>, and WebAuthn binds passkeys
 * to that RP ID, so the browser must use the same origin.
 */

// Refused codes answer 401 on purpose; Chromium logs every non-2xx response.
const EXPECTED_CONSOLE = /status of 401/;

function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["packages/server/bin/obhut.js", ...args], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`obhut ${args.join(" ")}: ${out}`))));
  });
}

function tokenIn(output: string): string {
  const token = /\/invite#token=([A-Za-z0-9_-]+)/.exec(output)?.[1];
  if (!token) throw new Error(`no invitation link printed:\n${output}`);
  return token;
}

function expectNothingSecretSent(sent: SentBody[], secrets: string[]): void {
  expect(sent.length).toBeGreaterThan(0);
  for (const request of sent) {
    for (const secret of secrets) {
      expect(request.url, `${request.method} ${request.url}`).not.toContain(secret);
      expect(request.body ?? "", `${request.method} ${request.url}`).not.toContain(secret);
    }
  }
}

function expectCleanRun(actor: Actor): void {
  expect(actor.foreignRequests()).toEqual([]);
  expect(actor.cspViolations).toEqual([]);
  expect(actor.pageErrors).toEqual([]);
  expect(actor.consoleErrors.filter((m) => !EXPECTED_CONSOLE.test(m))).toEqual([]);
}

/** Fills the invitation form and confirms the recovery code; returns the code shown. */
async function signUpFromInvite(
  page: Page,
  username: string,
  password: string,
  onCodeShown?: () => Promise<void>,
): Promise<string> {
  await fillDisplayName(page, displayNameFor(username));
  await page.fill("#invite-username", username);
  await page.fill("#invite-password", password);
  await page.fill("#invite-passwordRepeat", password);
  await page.keyboard.press("Enter");
  await page.locator(".recovery-code__words li").first().waitFor();
  const code = (await page.locator(".recovery-code__words li").allTextContents()).join(" ");
  await onCodeShown?.();
  await page.locator("#signup-code-confirm").check();
  await page.locator("form.recovery-code button[type=submit]").click();
  await page.waitForURL("**/mfa", { timeout: 120_000 });
  return code;
}

/** Waits for the role's home (a counsellor's inbox); if the page shows an alert instead, fails with its text. */
async function reachHome(page: Page, home: "/inbox" | "/admin"): Promise<void> {
  const alert = page.locator("[role=alert]");
  await Promise.race([
    page.waitForURL(`**${home}`, { timeout: 60_000 }),
    alert
      .first()
      .waitFor({ timeout: 60_000 })
      .then(async () => {
        throw new Error(`alert instead of ${home}: ${await alert.first().textContent()}`);
      }),
  ]);
}

async function totpNow(secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) });
}

describe("staff onboarding in the browser", () => {
  let stack: Stack;
  let origin: string;
  let orgId: string;
  const actors: Actor[] = [];

  const actor = async (name: string): Promise<Actor> => {
    const created = await createActor(await stack.browser(), name, origin, { viewport: VIEWPORTS.desktop });
    actors.push(created);
    return created;
  };

  beforeAll(async () => {
    // Every actor comes from the same address: lift the per-address limit of the auth class (as account.test.ts
    // does). The per-account limit on wrong codes stays as in production.
    stack = await startTestStack({ env: { OBHUT_RATE_LIMITS: "auth=200,setup=200" } });
    origin = `http://localhost:${new URL(stack.baseUrl).port}`;
  }, 90_000);
  afterAll(async () => {
    for (const a of actors) await a.context.close().catch(() => {});
    await stack?.stop();
  });

  it("invalid link: clear message, no form", async () => {
    const visitor = await actor("visitor");
    await visitor.page.goto(`${origin}/invite#token=${"x".repeat(43)}`);
    await visitor.page.getByRole("alert").filter({ hasText: "ungültig, abgelaufen, bereits benutzt" }).waitFor();
    expect(await visitor.page.locator("#invite-username").count()).toBe(0);
    // The token left the address bar at once.
    expect(visitor.page.url()).toBe(`${origin}/invite`);
  }, 60_000);

  it("first admin: invitation → sign-up with genesis → authenticator app → account", async () => {
    const created = await cli(["admin", "create-org", "--name", "Beratung Nord", "--data-dir", stack.dataDir]);
    orgId = /Organisation (\S+) created/.exec(created)![1]!;
    const token = tokenIn(created);
    const admin = await actor("admin");
    const page = admin.page;
    const sent = captureRequestBodies(admin.context);
    const password = "Leuchtturm am Deich, Nebel im Hafen 7";
    const violations: string[] = [];

    admin.step("open the invitation");
    await page.goto(`${origin}/invite#token=${token}`);
    await page.getByRole("status").filter({ hasText: "Beratung Nord" }).waitFor();
    violations.push(...(await axeEverywhere(page, "/invite")));

    admin.step("sign up");
    const recoveryCode = await signUpFromInvite(page, "nord-admin", password, async () => {
      violations.push(...(await axeEverywhere(page, "/invite recovery code")));
    });

    admin.step("enrol an authenticator app");
    const chooseTotp = page.getByRole("button", { name: "Authenticator-App einrichten" });
    await chooseTotp.waitFor();
    violations.push(...(await axeEverywhere(page, "/mfa choose")));
    // Keyboard only: the choice is a native button.
    await tabTo(page, "main button.button--primary");
    await page.keyboard.press("Enter");
    const secret = (await page.locator("#mfa-secret").textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(await page.locator("#mfa-uri").textContent()).toContain("otpauth://totp/");
    violations.push(...(await axeEverywhere(page, "/mfa totp")));

    admin.step("a wrong code is refused clearly");
    const good = await totpNow(secret);
    const wrong = good === "000000" ? "111111" : "000000";
    await page.fill("#mfa-confirm-code", wrong);
    await page.keyboard.press("Enter");
    await page.getByRole("alert").filter({ hasText: "nicht angenommen" }).waitFor();
    violations.push(...(await axeEverywhere(page, "/mfa error")));

    admin.step("the right code opens the console, the admin's home; the shell leads to the account");
    await page.fill("#mfa-confirm-code", await totpNow(secret));
    await page.keyboard.press("Enter");
    await page.waitForURL("**/admin");
    await viaStaffShell(page, "Konto", "/account");
    await expect(page.locator(".account-name").textContent()).resolves.toBe("nord-admin");

    expect(violations).toEqual([]);
    expectNothingSecretSent(sent, [...passwordVariants(password), recoveryCode]);
    const finish = sent.find((r) => r.url.endsWith("/api/invitations/register/finish"));
    expect(JSON.parse(finish!.body!)).toMatchObject({ genesis: { orgLog: expect.any(Array) } });
    expectCleanRun(admin);
  }, 240_000);

  it("counsellor: authenticator app; after re-login a used code is refused, the next one works", async () => {
    expect(orgId).toBeTruthy();
    const token = tokenIn(
      await cli(["admin", "invite", "--org", orgId, "--role", "counsellor", "--data-dir", stack.dataDir]),
    );
    const counsellor = await actor("counsellor-app");
    const page = counsellor.page;
    const sent = captureRequestBodies(counsellor.context);
    const password = "Kraniche ziehen im Herbst nach Süden";

    await page.goto(`${origin}/invite#token=${token}`);
    await page.getByRole("status").filter({ hasText: "Fachkraft" }).waitFor();
    const recoveryCode = await signUpFromInvite(page, "nord-app", password);
    await page.getByRole("button", { name: "Authenticator-App einrichten" }).click();
    const secret = (await page.locator("#mfa-secret").textContent())!.trim();
    const used = await totpNow(secret);
    await page.fill("#mfa-confirm-code", used);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/inbox");

    counsellor.step("log out and in again: the factor must be used, not enrolled");
    await staffLogOut(page);
    await page.goto(`${origin}/staff`);
    await page.fill("#staff-username", "nord-app");
    await page.fill("#staff-password", password);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL("**/mfa", { timeout: 60_000 });
    await page.locator("#mfa-verify-code").waitFor();
    expect(await page.getByRole("button", { name: "Authenticator-App einrichten" }).count()).toBe(0);

    // The code accepted at enrolment is good once only.
    await page.fill("#mfa-verify-code", used);
    await page.keyboard.press("Enter");
    await page.getByRole("alert").filter({ hasText: "schon benutzt" }).waitFor();
    expect(await page.inputValue("#mfa-verify-code")).toBe("");
    // The next time step's code (the server accepts ±1 step) is new, so it works.
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await page.fill("#mfa-verify-code", next);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/inbox");
    await viaStaffShell(page, "Konto", "/account");
    await expect(page.locator(".account-name").textContent()).resolves.toBe("nord-app");

    counsellor.step("the account page shows the display name clients see, and changes it");
    await page.getByText(`Klientinnen und Klienten sehen Sie als „${displayNameFor("nord-app")}“.`).waitFor();
    await fillDisplayName(page, "Frau Nordmann");
    await page.getByRole("button", { name: "Anzeigenamen speichern" }).click();
    await page.getByRole("status").filter({ hasText: "Der Anzeigename ist gespeichert." }).waitFor();
    await page.getByText("Klientinnen und Klienten sehen Sie als „Frau Nordmann“.").waitFor();

    expectNothingSecretSent(sent, [...passwordVariants(password), recoveryCode]);
    expectCleanRun(counsellor);
  }, 240_000);

  it("/mfa without a login says so; too many wrong codes are stopped with a clear message", async () => {
    const stranger = await actor("stranger");
    await stranger.page.goto(`${origin}/mfa`);
    await stranger.page.getByText("Sie sind nicht angemeldet.").waitFor();
    expect(await axeEverywhere(stranger.page, "/mfa no session")).toEqual([]);

    const token = tokenIn(
      await cli(["admin", "invite", "--org", orgId, "--role", "counsellor", "--data-dir", stack.dataDir]),
    );
    const guesser = await actor("guesser");
    const page = guesser.page;
    await page.goto(`${origin}/invite#token=${token}`);
    await page.getByRole("status").filter({ hasText: "Fachkraft" }).waitFor();
    await signUpFromInvite(page, "nord-rate", "Regen prasselt auf das Reetdach");
    await page.getByRole("button", { name: "Authenticator-App einrichten" }).click();
    const secret = (await page.locator("#mfa-secret").textContent())!.trim();
    const now = Math.floor(Date.now() / 1000);
    const valid = new Set(await Promise.all([-60, -30, 0, 30, 60].map((d) => generate({ secret, epoch: now + d }))));
    const wrong = ["000000", "111111", "222222", "333333", "444444", "555555", "666666", "777777"].filter(
      (code) => !valid.has(code),
    );
    const messages: string[] = [];
    for (const code of wrong.slice(0, 6)) {
      await page.fill("#mfa-confirm-code", code);
      await page.keyboard.press("Enter");
      await expect.poll(async () => page.inputValue("#mfa-confirm-code")).toBe("");
      messages.push((await page.getByRole("alert").textContent()) ?? "");
    }
    expect(messages.slice(0, 5).every((m) => m.includes("nicht angenommen"))).toBe(true);
    expect(messages[5]).toContain("Zu viele Versuche");
    expect(guesser.pageErrors).toEqual([]);
    expect(guesser.consoleErrors.filter((m) => !/status of (401|429)/.test(m))).toEqual([]);
  }, 240_000);

  it("counsellor: passkey on a virtual authenticator, then log out and in with the passkey", async () => {
    expect(orgId).toBeTruthy();
    const token = tokenIn(
      await cli(["admin", "invite", "--org", orgId, "--role", "counsellor", "--data-dir", stack.dataDir]),
    );
    const counsellor = await actor("counsellor");
    const page = counsellor.page;
    const sent = captureRequestBodies(counsellor.context);
    const cdp = await counsellor.context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });
    const password = "Möwen kreisen über dem Watt bei Ebbe";

    counsellor.step("sign up from the invitation");
    await page.goto(`${origin}/invite#token=${token}`);
    await page.getByRole("status").filter({ hasText: "Fachkraft" }).waitFor();
    const recoveryCode = await signUpFromInvite(page, "nord-fachkraft", password);

    counsellor.step("create a passkey");
    await page.getByRole("button", { name: "Passkey einrichten" }).focus();
    await page.keyboard.press("Enter");
    await reachHome(page, "/inbox");
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);

    counsellor.step("log out, log in, use the passkey");
    await staffLogOut(page);
    await page.goto(`${origin}/staff`);
    await page.fill("#staff-username", "nord-fachkraft");
    await page.fill("#staff-password", password);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL("**/mfa", { timeout: 60_000 });
    const usePasskey = page.getByRole("button", { name: "Mit Passkey anmelden" });
    await usePasskey.waitFor();
    expect(await axeEverywhere(page, "/mfa verify")).toEqual([]);
    await tabTo(page, "main button.button--primary");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Mit Passkey anmelden");
    await page.keyboard.press("Enter");
    await reachHome(page, "/inbox");
    await viaStaffShell(page, "Konto", "/account");
    await expect(page.locator(".account-name").textContent()).resolves.toBe("nord-fachkraft");
    const after = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(after.credentials[0]!.signCount).toBeGreaterThan(0);

    expectNothingSecretSent(sent, [...passwordVariants(password), recoveryCode]);
    expectCleanRun(counsellor);
  }, 240_000);
});
