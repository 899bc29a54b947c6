// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CurrentSession,
  DeleteSsoConfig,
  GetMfaStatus,
  GetOrganisation,
  GetSsoConfig,
  GetSsoLink,
  ListSessions,
  ListSsoOrganisations,
  PutSsoConfig,
  SsoCallback,
  SsoLinkStart,
  SsoStart,
  SsoUnlockStart,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { openClientSecret } from "../../src/modules/identity/sso-config";
import { type SeededOrg, loginClient, registerStaff, seedOrg } from "../admin/support";
import { DIALECTS } from "../helpers/databases";
import { waiveSecondFactor } from "../helpers/mfa";
import { api, type ApiClient } from "../helpers/api";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  callbackBody,
  obhutBrowser,
  signInAtIdp,
  startIdp,
  unlockWithPassword,
  type IdpProcess,
} from "./support";

/**
 * Staff SSO against a real OpenID Connect provider (the `oidc-provider`
 * package in its own process): configuration, linking, the authorization
 * code flow with PKCE/state/nonce, the key-password step, role mapping from
 * the `groups` claim, and the answers that must be refused.
 */
const codeOf = (res: { body: unknown }) => (res.body as { error?: { code: string } }).error?.code;

/** What an admin sends to PUT …/sso (the input shape: scopes, groups claim and the rest have defaults). */
type SsoConfigBody = z.input<typeof PutSsoConfig.body>;

describe.each(DIALECTS)("SSO with OpenID Connect (%s)", (dialect) => {
  // openid-client checks token times against the real clock; Obhut's own expiries use this one.
  const clock = manualClock(Date.now());
  let server: TestServer;
  let idp: IdpProcess;
  let foreignIdp: IdpProcess;
  let org: SeededOrg;
  let callbackPrefix: string;
  let admin: { id: string; username: string; password: string; api: ApiClient };
  let alice: { id: string; username: string; password: string };
  let dave: { id: string; username: string; password: string };
  let carol: { id: string; username: string; password: string };

  const ssoConfig = (extra: Partial<SsoConfigBody> = {}): SsoConfigBody => ({
    issuer: idp.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    roleMapping: [
      { group: "obhut-admins", role: "org_admin" },
      { group: "obhut-counsellors", role: "counsellor" },
    ],
    ...extra,
  });

  const putSso = (body: SsoConfigBody) => admin.api.call(PutSsoConfig, { params: { orgId: org.orgId }, body });

  /** A full SSO login up to the callback in a fresh browser; returns the browser and the callback answer. */
  async function ssoCallback(login: string, tamper: (url: URL) => URL = (u) => u) {
    const browser = obhutBrowser(server);
    const start = await browser.api.call(SsoStart, { body: { organisationId: org.orgId } });
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    const authorizationUrl = tamper(new URL(start.body.authorizationUrl));
    const callback = await signInAtIdp(authorizationUrl.toString(), login, callbackPrefix);
    const body = callbackBody(callback);
    const res = await browser.api.call(SsoCallback, { body });
    return { ...browser, body, res };
  }

  /** Links an account (full password session) to an IdP login. */
  async function link(account: { username: string; password: string }, login: string) {
    const client = api((await loginClient(server, account.username, account.password)).send);
    const start = await client.call(SsoLinkStart);
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    const callback = await signInAtIdp(start.body.authorizationUrl, login, callbackPrefix);
    return client.call(SsoCallback, { body: callbackBody(callback) });
  }

  beforeAll(async () => {
    // The test provider speaks http on 127.0.0.1: the operator setting for development and tests.
    server = await startTestServer({ dialect, clock, env: { OBHUT_SSO_ALLOW_INSECURE_ISSUERS: "true" } });
    callbackPrefix = `${server.ctx.config.publicUrl}/sso/callback`;
    [idp, foreignIdp] = await Promise.all([startIdp(callbackPrefix), startIdp(callbackPrefix)]);
    const db = server.ctx.db.db;
    org = await seedOrg(db, clock.now());
    await waiveSecondFactor(db, org.orgId, clock.now());
    const a = await registerStaff(server, { orgId: org.orgId, role: "org_admin" });
    admin = { ...a, api: api((await loginClient(server, a.username, a.password)).send) };
    alice = await registerStaff(server, { orgId: org.orgId, role: "counsellor" });
    dave = await registerStaff(server, { orgId: org.orgId, role: "dpo" });
    carol = await registerStaff(server, { orgId: org.orgId, role: "counsellor" });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([idp?.stop(), foreignIdp?.stop()]);
    await server?.stop();
  });

  it("lets an org admin configure the identity provider; the secret is sealed and never shown", async () => {
    const counsellor = api((await loginClient(server, alice.username, alice.password)).send);
    const denied = await counsellor.call(PutSsoConfig, { params: { orgId: org.orgId }, body: ssoConfig() });
    expect(denied.status).toBe(403);

    const unreachable = await putSso(ssoConfig({ issuer: "http://127.0.0.1:9" }));
    expect(unreachable.status).toBe(502);
    expect(codeOf(unreachable)).toBe("sso_unavailable");
    const notHttps = await putSso(ssoConfig({ issuer: "http://idp.example.org" }));
    expect(notHttps.status).toBe(400);

    const put = await putSso(ssoConfig());
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(JSON.stringify(put.body)).not.toContain(CLIENT_SECRET);
    expect(put.body.config).toMatchObject({
      issuer: idp.issuer,
      clientId: CLIENT_ID,
      hasClientSecret: true,
      groupsClaim: "groups",
      required: false,
      redirectUri: callbackPrefix,
    });
    const row = await server.ctx.db.db
      .selectFrom("sso_configs")
      .selectAll()
      .where("organisation_id", "=", org.orgId)
      .executeTakeFirstOrThrow();
    expect(row.client_secret_enc).not.toContain(CLIENT_SECRET);
    expect(openClientSecret(server.ctx.secrets.mfaKey, org.orgId, row.client_secret_enc!)).toBe(CLIENT_SECRET);
    expect(() => openClientSecret(server.ctx.secrets.mfaKey, "other-org", row.client_secret_enc!)).toThrow();

    // Making SSO mandatory needs the admin's own account linked first (no lock-out).
    const required = await putSso(ssoConfig({ required: true }));
    expect(required.status).toBe(403);
    expect(codeOf(required)).toBe("sso_not_linked");

    expect((await admin.api.call(GetSsoConfig, { params: { orgId: org.orgId } })).status).toBe(200);
    const list = await obhutBrowser(server).api.call(ListSsoOrganisations);
    expect(list.body.organisations.map((o) => o.id)).toContain(org.orgId);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "sso.configured")
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(audit)).not.toContain(CLIENT_SECRET);
  });

  it("refuses an identity-provider account that is not linked to a staff account", async () => {
    const { res } = await ssoCallback("alice");
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(codeOf(res)).toBe("sso_not_linked");
  });

  it("links from a full password session, then logs in by SSO + key password (OPAQUE) only", async () => {
    // The account page asks whether linking is possible and done.
    const aliceApi = api((await loginClient(server, alice.username, alice.password)).send);
    const unlinked = await aliceApi.call(GetSsoLink);
    expect(unlinked.status, JSON.stringify(unlinked.body)).toBe(200);
    expect(unlinked.body).toEqual({ available: true, linked: false, linkedAt: null, lastLoginAt: null });

    const linked = await link(alice, "alice");
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toEqual({ status: "linked" });
    expect((await aliceApi.call(GetSsoLink)).body).toEqual({
      available: true,
      linked: true,
      linkedAt: clock.now(),
      lastLoginAt: null,
    });
    // The same IdP account cannot be linked to a second staff account.
    const twice = await link(carol, "alice");
    expect(twice.status).toBe(409);

    const { send, api: browser, jar, res } = await ssoCallback("alice");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ status: "password_required", username: alice.username });
    const pendingCookie = jar.header()!;

    // Identity proven, keys still locked: nothing but the unlock routes answers.
    for (const [path, call] of [
      [CurrentSession.path, () => browser.call(CurrentSession)],
      [ListSessions.path, () => browser.call(ListSessions)],
      [GetMfaStatus.path, () => browser.call(GetMfaStatus)],
      [GetOrganisation.path, () => browser.call(GetOrganisation, { params: { orgId: org.orgId } })],
    ] as const) {
      const r = await call();
      expect(r.status, path).toBe(403);
      expect(codeOf(r)).toBe("password_required");
    }
    // A wrong key password does not open the session.
    const wrong = await unlockWithPassword(send, "not the password at all");
    expect(wrong.status).toBe(401);
    expect(codeOf(wrong)).toBe("auth_failed");

    const unlocked = await unlockWithPassword(send, alice.password);
    expect(unlocked.status, JSON.stringify(unlocked.body)).toBe(200);
    const { account, keyBundle } = unlocked.body as { account: { id: string; role: string }; keyBundle: unknown };
    expect(account).toMatchObject({ id: alice.id, role: "counsellor" });
    expect(keyBundle).toBeDefined();
    expect(jar.header()).not.toBe(pendingCookie);
    expect((await browser.call(CurrentSession)).status).toBe(200);
    // The pending session is over: a new cookie, the old one is dead.
    const old = await obhutBrowser(server);
    old.jar.take(pendingCookie.split("; ").map((c) => `${c}; Path=/`));
    expect((await old.api.call(CurrentSession)).status).toBe(401);

    // Normal (password) sessions cannot use the unlock routes.
    const plain = api((await loginClient(server, alice.username, alice.password)).send);
    const misuse = await plain.call(SsoUnlockStart, { body: { startLoginRequest: "A".repeat(96) } });
    expect(misuse.status).toBe(403);

    const events = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("action")
      .where("organisation_id", "=", org.orgId)
      .execute();
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["sso.linked", "auth.sso_identified", "auth.login"]));
  });

  it("maps groups to roles on every login (audited) and refuses people without a mapped group", async () => {
    expect((await link(dave, "dave")).status).toBe(200);
    const { send, res } = await ssoCallback("dave");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Not applied before the key password is proven.
    const before = await server.ctx.db.db
      .selectFrom("accounts")
      .select("role")
      .where("id", "=", dave.id)
      .executeTakeFirstOrThrow();
    expect(before.role).toBe("dpo");
    const unlocked = await unlockWithPassword(send, dave.password);
    expect(unlocked.status, JSON.stringify(unlocked.body)).toBe(200);
    expect((unlocked.body as { account: { role: string } }).account.role).toBe("counsellor");
    const change = await server.ctx.db.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "account.role_changed")
      .where("target_id", "=", dave.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(change.data)).toMatchObject({ from: "dpo", to: "counsellor", source: "sso" });

    // The admin's IdP account is in obhut-admins: the first matching mapping wins (org_admin).
    expect((await link(admin, "bob")).status).toBe(200);
    const adminLogin = await ssoCallback("bob");
    const adminUnlocked = await unlockWithPassword(adminLogin.send, admin.password);
    expect((adminUnlocked.body as { account: { role: string } }).account.role).toBe("org_admin");

    // carol's groups map to nothing: the IdP does not grant her access.
    expect((await link(carol, "carol")).status).toBe(200);
    const refused = await ssoCallback("carol");
    expect(refused.res.status).toBe(403);
    expect(codeOf(refused.res)).toBe("forbidden");
  });

  it("refuses a wrong state, a replayed code, another browser, an expired state, a wrong nonce and a foreign issuer", async () => {
    /** Refused with sso_failed, and (per the server log) for the expected reason. */
    const failed = (r: { status: number; body: unknown }, why: RegExp) => {
      expect(r.status, JSON.stringify(r.body)).toBe(401);
      expect(codeOf(r)).toBe("sso_failed");
      const refusals = server.logs.filter((l) => l.msg === "SSO answer refused");
      const last = refusals[refusals.length - 1] as { reason: string; failure?: Record<string, string> };
      expect(`${last.reason}: ${JSON.stringify(last.failure ?? {})}`).toMatch(why);
    };
    // Wrong state.
    const first = await ssoCallback("alice");
    expect(first.res.status).toBe(200);
    failed(
      await first.api.call(SsoCallback, { body: { ...first.body, state: "x".repeat(43) } }),
      /unknown or expired state/,
    );
    // Replay of the same answer: the state is single use.
    failed(await first.api.call(SsoCallback, { body: first.body }), /unknown or expired state/);
    // Replay of the code under a fresh state of the same browser: PKCE and the provider refuse it.
    const browser = obhutBrowser(server);
    const start = await browser.api.call(SsoStart, { body: { organisationId: org.orgId } });
    const fresh = new URL(start.body.authorizationUrl).searchParams.get("state")!;
    failed(await browser.api.call(SsoCallback, { body: { ...first.body, state: fresh } }), /invalid_grant/);

    // The answer must come back to the browser that started: no binding cookie, no login.
    const other = obhutBrowser(server);
    const s2 = await other.api.call(SsoStart, { body: { organisationId: org.orgId } });
    const cb2 = await signInAtIdp(s2.body.authorizationUrl, "alice", callbackPrefix);
    failed(await obhutBrowser(server).api.call(SsoCallback, { body: callbackBody(cb2) }), /another browser/);

    // Expired state (10 minutes).
    const late = obhutBrowser(server);
    const s3 = await late.api.call(SsoStart, { body: { organisationId: org.orgId } });
    const cb3 = await signInAtIdp(s3.body.authorizationUrl, "alice", callbackPrefix);
    clock.advance(11 * 60_000);
    failed(await late.api.call(SsoCallback, { body: callbackBody(cb3) }), /unknown or expired state/);

    // An ID token issued for another nonce (the request was altered on its way to the IdP).
    const nonce = await ssoCallback("alice", (u) => {
      u.searchParams.set("nonce", "attacker-chosen-nonce-value-0123456789");
      return u;
    });
    failed(nonce.res, /"claim":"nonce"/);

    // The same request answered by another provider (same client id and secret, other issuer).
    const foreign = await ssoCallback("alice", (u) => new URL(u.pathname + u.search, foreignIdp.issuer));
    expect(foreign.body.iss).toBe(foreignIdp.issuer);
    failed(foreign.res, /issuer/);
    // Dropping the iss parameter does not help (the provider announces it, so it is required) …
    const foreignNoIss = obhutBrowser(server);
    const s4 = await foreignNoIss.api.call(SsoStart, { body: { organisationId: org.orgId } });
    const u4 = new URL(s4.body.authorizationUrl);
    const cb4 = await signInAtIdp(
      new URL(u4.pathname + u4.search, foreignIdp.issuer).toString(),
      "alice",
      callbackPrefix,
    );
    const { iss: _dropped, ...withoutIss } = callbackBody(cb4);
    failed(await foreignNoIss.api.call(SsoCallback, { body: withoutIss }), /"iss\\" \(issuer\) missing/);
    // … and claiming our issuer sends the foreign code to our provider's token endpoint, which does not know it.
    const foreignLying = obhutBrowser(server);
    const s5 = await foreignLying.api.call(SsoStart, { body: { organisationId: org.orgId } });
    const u5 = new URL(s5.body.authorizationUrl);
    const cb5 = await signInAtIdp(
      new URL(u5.pathname + u5.search, foreignIdp.issuer).toString(),
      "alice",
      callbackPrefix,
    );
    failed(
      await foreignLying.api.call(SsoCallback, { body: { ...callbackBody(cb5), iss: idp.issuer } }),
      /invalid_grant/,
    );
  });

  it("can require SSO: staff then cannot open a session with the password alone", async () => {
    const put = await putSso(ssoConfig({ required: true }));
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await expect(loginClient(server, alice.username, alice.password)).rejects.toThrow(/sso_required/);
    const { send, res } = await ssoCallback("alice");
    expect(res.status).toBe(200);
    expect((await unlockWithPassword(send, alice.password)).status).toBe(200);
    const off = await admin.api.call(DeleteSsoConfig, { params: { orgId: org.orgId } });
    expect(off.status).toBe(204);
    expect((await loginClient(server, alice.username, alice.password)).send).toBeDefined();
  });
});
