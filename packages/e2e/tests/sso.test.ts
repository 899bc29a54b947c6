// SPDX-License-Identifier: AGPL-3.0-or-later
import { generate } from "otplib";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VIEWPORTS } from "../src/app";
import { createActor, type Actor } from "../src/browser";
import { startOidcIdp, type OidcIdp } from "../src/oidc-idp";
import { axeEverywhere } from "../src/setup";
import type { Stack } from "../src/stack";
import { signUpFromInvite, staffLogOut, viaStaffShell } from "../src/accounts";
import { runObhut } from "../src/instance";
import { consoleSuccess, enrolTotp } from "../src/admin-console";
import { startTestStack } from "./helpers";

/**
 * Staff SSO in real Chromium (issue 4, item 6; ADR 0014) against a real
 * OpenID Connect provider process (`oidc-provider`, the server tests'
 * fixture): the org admin sets the provider up in the admin console; a
 * counsellor links their account from the account page (the provider's
 * login and consent pages open in a pop-up, so the keys stay in memory),
 * logs out, signs in with "Sign in with your organisation (SSO)" → the
 * provider → /sso/callback → key password (OPAQUE) → second factor → the
 * app with the same keys (fingerprint). An identity-provider account that
 * is linked to nobody is refused with a clear message. axe on every new
 * page in German and English at 360 px and desktop width.
 */

/** Console errors the browser logs for answers the pages handle themselves. */
const EXPECTED_CONSOLE = /status of (401|403|409|502)/;

/** What a person does at the provider: the development login form (any password), then the consent form. */
async function signInAtIdp(page: Page, issuer: string, login: string): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(issuer));
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("ignored by the test provider");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

describe("staff SSO in the browser", () => {
  let stack: Stack;
  let idp: OidcIdp;
  let origin: string;
  const actors: Actor[] = [];

  const actor = async (name: string): Promise<Actor> => {
    const created = await createActor(await stack.browser(), name, origin, { viewport: VIEWPORTS.desktop });
    // The provider's development pages load a web font from Google; this machine is offline.
    await created.context.route(/fonts\.googleapis\.com/, (route) => route.abort());
    actors.push(created);
    return created;
  };

  beforeAll(async () => {
    // The test provider speaks http on 127.0.0.1: the operator setting for development and tests.
    stack = await startTestStack({
      env: { OBHUT_RATE_LIMITS: "auth=200,setup=200", OBHUT_SSO_ALLOW_INSECURE_ISSUERS: "true" },
    });
    origin = `http://localhost:${new URL(stack.baseUrl).port}`;
    idp = await startOidcIdp({ redirectUri: `${origin}/sso/callback` });
  }, 90_000);
  afterAll(async () => {
    for (const a of actors) await a.context.close().catch(() => {});
    await idp?.stop();
    await stack?.stop();
  });

  it("admin configures SSO → counsellor links in a pop-up → SSO login with key password and second factor; an unlinked IdP account is refused", async () => {
    const violations: string[] = [];
    const { stdout: created } = await runObhut({ dataDir: stack.dataDir }, [
      "admin",
      "create-org",
      "--name",
      "Beratung Süd",
    ]);
    const adminToken = /\/invite#token=([A-Za-z0-9_-]+)/.exec(created)![1]!;

    // ── The admin sets up the identity provider ───────────────────────────────
    const admin = await actor("admin");
    const ap = admin.page;
    admin.step("sign up with the organisation's genesis and an authenticator app");
    await ap.goto(`${origin}/invite#token=${adminToken}`);
    await signUpFromInvite(ap, {
      organisation: "Beratung Süd",
      username: "sued-admin",
      password: "Seeadler kreisen über dem Haff",
    });
    await enrolTotp(ap, "/admin");

    admin.step("open the SSO settings from the console overview (the admin's home)");
    await ap.getByRole("link", { name: "Anmeldung über die Organisation (SSO) einrichten" }).click();
    await ap.waitForURL("**/admin/sso");
    await expect(ap.locator("[data-sso-state]").getAttribute("data-sso-state")).resolves.toBe("off");
    await expect(ap.locator("#sso-redirect-uri").textContent()).resolves.toBe(`${origin}/sso/callback`);
    await expect(ap.inputValue("#sso-scopes")).resolves.toBe("openid profile groups");
    violations.push(...(await axeEverywhere(ap, "/admin/sso empty")));

    admin.step("a wrong issuer is caught when saving (discovery)");
    await ap.fill("#sso-issuer", "http://127.0.0.1:9");
    await ap.fill("#sso-client-id", idp.clientId);
    await ap.fill("#sso-client-secret", idp.clientSecret);
    await ap.getByRole("button", { name: "Speichern und prüfen" }).click();
    await ap.getByRole("alert").filter({ hasText: "kein OpenID-Connect-Dienst geantwortet" }).waitFor();
    violations.push(...(await axeEverywhere(ap, "/admin/sso error")));

    admin.step("the real provider, with groups mapped to roles");
    await ap.fill("#sso-issuer", idp.issuer);
    for (const [group, role] of [
      ["obhut-admins", "org_admin"],
      ["obhut-counsellors", "counsellor"],
    ] as const) {
      await ap.getByRole("button", { name: "Zeile hinzufügen" }).click();
      const row = ap.locator("li[data-mapping]").last();
      await row.locator("input").fill(group);
      await row.locator("select").selectOption(role);
    }
    await ap.getByRole("button", { name: "Speichern und prüfen" }).click();
    await consoleSuccess(ap, "Die SSO-Einstellungen sind gespeichert.");
    await expect(ap.locator("[data-sso-state]").getAttribute("data-sso-state")).resolves.toBe("on");
    // The secret is write-only: the field is empty again and says that one is stored.
    await expect(ap.inputValue("#sso-client-secret")).resolves.toBe("");
    await ap.getByText("Ein Secret ist gespeichert.").waitFor();
    expect(await ap.content()).not.toContain(idp.clientSecret);
    await expect(ap.inputValue("li[data-mapping='2'] input")).resolves.toBe("obhut-counsellors");
    violations.push(...(await axeEverywhere(ap, "/admin/sso saved")));

    admin.step("invite a counsellor");
    await ap.locator("nav.admin-nav").getByRole("link", { name: "Mitarbeitende", exact: true }).click();
    await ap.waitForURL("**/admin/users");
    await ap.selectOption("#invite-role", "counsellor");
    await ap.getByRole("button", { name: "Einladung erstellen" }).click();
    await consoleSuccess(ap, "Die Einladung ist erstellt.");
    const inviteLink = (await ap.locator("#invite-link").textContent())!.trim();

    // ── The counsellor links their account ────────────────────────────────────
    const counsellor = await actor("counsellor");
    const cp = counsellor.page;
    const password = "Austernfischer rufen bei Ebbe laut";
    counsellor.step("sign up from the invitation with an authenticator app");
    await cp.goto(inviteLink);
    await signUpFromInvite(cp, { organisation: "Beratung Süd", username: "sued-alice", password: password });
    const totpSecret = await enrolTotp(cp, "/inbox");
    await viaStaffShell(cp, "Konto", "/account");
    const fingerprint = (await ownFingerprint(cp).textContent())!;
    expect(fingerprint).toMatch(/\d{5}/);

    counsellor.step("the account page offers linking");
    const linkButton = cp.getByRole("button", { name: "Meine Anmeldung der Organisation verbinden (SSO)" });
    await linkButton.waitFor();
    violations.push(...(await axeEverywhere(cp, "/account SSO not linked")));

    counsellor.step("link: the provider's login and consent pages in a pop-up");
    const [popup] = await Promise.all([counsellor.context.waitForEvent("page"), linkButton.click()]);
    await signInAtIdp(popup, idp.issuer, "alice");
    // The pop-up's callback page tells the account page, which shows the linked state with the keys still open.
    await cp.locator("[data-sso-linked]").filter({ hasText: "verbunden" }).waitFor({ timeout: 60_000 });
    await expect(ownFingerprint(cp).textContent()).resolves.toBe(fingerprint);
    if (!popup.isClosed()) {
      await popup.getByText("Sie können dieses Fenster schließen").waitFor();
      await popup.close();
    }
    violations.push(...(await axeEverywhere(cp, "/account SSO linked")));

    counsellor.step("log out, then sign in through the organisation");
    await staffLogOut(cp);
    // Also end the provider's own session, so its login form shows again (as on a shared computer).
    await counsellor.context.clearCookies({ domain: new URL(idp.issuer).hostname });
    await cp.goto(`${origin}/staff`);
    const ssoButton = cp.getByRole("button", { name: "Mit Ihrer Organisation anmelden (SSO)" });
    await ssoButton.waitFor();
    violations.push(...(await axeEverywhere(cp, "/staff with SSO")));
    await ssoButton.click();
    await signInAtIdp(cp, idp.issuer, "alice");
    await cp.waitForURL(`${origin}/sso/callback`);
    await cp.getByText("Angemeldet als sued-alice").waitFor({ timeout: 60_000 });
    // The code and state are gone from the address bar.
    expect(cp.url()).toBe(`${origin}/sso/callback`);
    violations.push(...(await axeEverywhere(cp, "/sso/callback key password")));

    counsellor.step("the key password unlocks the keys, the second factor follows the policy");
    await cp.fill("#sso-password", password);
    await cp.getByRole("button", { name: "Schlüssel entsperren" }).click();
    await cp.waitForURL("**/mfa", { timeout: 60_000 });
    // The next time step's code: never the one used at enrolment (the server accepts ±1 step).
    await cp.fill(
      "#mfa-verify-code",
      await generate({ secret: totpSecret, epoch: Math.floor(Date.now() / 1000) + 30 }),
    );
    await cp.keyboard.press("Enter");
    await cp.waitForURL("**/inbox", { timeout: 60_000 });
    await viaStaffShell(cp, "Konto", "/account");
    await expect(cp.locator(".account-name").textContent()).resolves.toBe("sued-alice");
    // The same keys as before: OPAQUE with the key password restored them, SSO alone could not.
    await expect(ownFingerprint(cp).textContent()).resolves.toBe(fingerprint);
    await cp.locator("[data-sso-linked]").waitFor();
    const session = await cp.evaluate(async () => (await fetch("/api/auth/session")).json());
    expect(session).toMatchObject({ account: { username: "sued-alice", role: "counsellor" } });

    // ── Someone whose provider account is linked to nobody ────────────────────
    const stranger = await actor("unlinked");
    const sp = stranger.page;
    stranger.step("an unlinked provider account is refused with a clear message");
    await sp.goto(`${origin}/staff`);
    await sp.getByRole("button", { name: "Mit Ihrer Organisation anmelden (SSO)" }).click();
    await signInAtIdp(sp, idp.issuer, "dave");
    await sp.waitForURL(`${origin}/sso/callback`);
    await sp.getByRole("alert").filter({ hasText: "noch nicht mit Obhut verbunden" }).waitFor({ timeout: 60_000 });
    expect((await sp.context().cookies()).map((c) => c.name)).not.toContain("obhut_session");
    violations.push(...(await axeEverywhere(sp, "/sso/callback not linked")));

    expect(violations).toEqual([]);
    const own = (r: { url: string }) => !r.url.startsWith(idp.issuer) && !/fonts\.googleapis\.com/.test(r.url);
    for (const a of [admin, counsellor, stranger]) {
      expect(a.foreignRequests().filter(own)).toEqual([]);
      expect(a.cspViolations).toEqual([]);
      expect(a.pageErrors).toEqual([]);
      // The provider's development pages are not ours (their blocked web font shows up as failed loads).
      const ours = a.consoleErrors.filter((m) => !m.startsWith(idp.issuer));
      expect(ours.filter((m) => !EXPECTED_CONSOLE.test(m))).toEqual([]);
    }
    // Neither the client secret nor an authorization code reaches the server's log.
    expect(stack.logs()).not.toContain(idp.clientSecret);
  }, 300_000);
});

/** The account page's own security code (the organisation's fingerprint is a second list on the same page). */
function ownFingerprint(page: Page) {
  return page.getByRole("list", { name: "Sicherheitscode, 12 Gruppen zu je 5 Ziffern" });
}
