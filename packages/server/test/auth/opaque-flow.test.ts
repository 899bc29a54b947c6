// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { CurrentSession, LoginFinish, LoginStart, Logout } from "@obhut/protocol";
import * as opaque from "@serenity-kit/opaque";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_BUDGET } from "../../src/modules/identity/login-budget";
import { api } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { login, registerAccount } from "../helpers/opaque-client";
import { injectSend, manualClock, startTestServer, type TestServer } from "../helpers/server";

function forms(password: string): string[] {
  const sha = crypto.createHash("sha256").update(password);
  const digest = sha.digest();
  return [
    password,
    Buffer.from(password).toString("base64"),
    Buffer.from(password).toString("base64url"),
    Buffer.from(password).toString("hex"),
    digest.toString("hex"),
    digest.toString("base64"),
    digest.toString("base64url"),
  ];
}

describe.each(DIALECTS)("OPAQUE sign-up and login (%s)", (dialect) => {
  let server: TestServer;
  const clock = manualClock();
  beforeAll(async () => {
    // The HTTP limit per address and minute has its own test (test/http/rate-limit.test.ts); raised here so
    // that one address can spend its whole per-name budget and the 429 below is the per-name budget's.
    server = await startTestServer({ dialect, clock, env: { OBHUT_RATE_LIMITS: "auth=1000" } });
  });
  afterAll(() => server.stop());

  it("never sends the password or a fixed function of it", async () => {
    const captured: string[] = [];
    const jar: { cookie?: string } = {};
    const send = injectSend(server, { capture: captured, cookie: () => jar.cookie });
    const password = "correct horse battery staple 42";
    const reg = await registerAccount(send, "Morgenrot", password);
    expect(reg.status).toBe(201);
    const res = await login(send, "morgenrot", password);
    expect(res.status).toBe(200);
    jar.cookie = res.cookie;
    expect(captured.length).toBeGreaterThanOrEqual(4);
    for (const body of captured) for (const form of forms(password)) expect(body).not.toContain(form);
    // The whole database holds no trace of it either.
    const accounts = await server.ctx.db.db.selectFrom("accounts").selectAll().execute();
    const dump = JSON.stringify(accounts);
    for (const form of forms(password)) expect(dump).not.toContain(form);
    const session = await api(send).call(CurrentSession);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ account: { username: "morgenrot", kind: "client" } });
  });

  it("returns the stored key bundle at login so a fresh browser restores its keys", async () => {
    const send = injectSend(server);
    const res = await login(send, "morgenrot", "correct horse battery staple 42");
    expect(res.body).toMatchObject({ keyBundle: { version: 1, signingPublicKey: expect.any(String) } });
  });

  it("refuses a taken name with a conflict", async () => {
    const res = await registerAccount(injectSend(server), "MORGENROT", "another long password 1");
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: "conflict" } });
  });

  it("answers unknown users exactly like a wrong password", async () => {
    const send = injectSend(server);
    const wrong = await login(send, "morgenrot", "wrong password entirely");
    const unknown = await login(send, "niemand-hier", "wrong password entirely");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    // And step 1 looks the same too: same fields, same lengths.
    const a = await api(send).call(LoginStart, {
      body: {
        username: "morgenrot",
        startLoginRequest: Buffer.alloc(32, 9).toString("base64url"),
      },
    });
    const b = await api(send).call(LoginStart, {
      body: {
        username: "niemand-hier",
        startLoginRequest: Buffer.alloc(32, 9).toString("base64url"),
      },
    });
    expect(a.status).toBe(b.status);
    if (a.status === 200) {
      expect(Object.keys(a.body)).toEqual(Object.keys(b.body));
      expect(a.body.loginResponse.length).toBe(b.body.loginResponse.length);
    }
  });

  it("limits failed logins per name and address, for existing and unknown names alike", async () => {
    const guesser = injectSend(server);
    for (const name of ["limit-me", "ghost-name"]) {
      if (name === "limit-me")
        expect((await registerAccount(injectSend(server), name, "the real password 123")).status).toBe(201);
      for (let i = 0; i < LOGIN_BUDGET.perAddress; i++) {
        expect((await login(guesser, name, `wrong ${i} password`)).status).toBe(401);
      }
      const blocked = await login(guesser, name, "the real password 123");
      expect(blocked.status).toBe(429);
      expect(blocked.body).toMatchObject({
        error: { code: "rate_limited", message: expect.stringMatching(/this name/) },
      });
    }
    // Only that address: the owner elsewhere is not locked out (test/auth/login-lockout.test.ts has the rest).
    expect((await login(injectSend(server), "limit-me", "the real password 123")).status).toBe(200);
    clock.advance(16 * 60 * 1000);
    expect((await login(guesser, "limit-me", "the real password 123")).status).toBe(200);
  });

  it("counts attempts that never send step 2 (offline guessing after step 1)", async () => {
    expect((await registerAccount(injectSend(server), "start-only", "the real password 456")).status).toBe(201);
    const send = injectSend(server);
    await opaque.ready;
    const request = opaque.client.startLogin({ password: "a guess" }).startLoginRequest;
    for (let i = 0; i < LOGIN_BUDGET.perAddress; i++) {
      expect(
        (await api(send).call(LoginStart, { body: { username: "start-only", startLoginRequest: request } })).status,
      ).toBe(200);
    }
    const blocked = await api(send).call(LoginStart, { body: { username: "start-only", startLoginRequest: request } });
    expect(blocked.status).toBe(429);
    clock.advance(16 * 60 * 1000);
    // A successful login gives its attempt back: the same address keeps logging in.
    for (let i = 0; i < LOGIN_BUDGET.perAddress + 1; i++)
      expect((await login(send, "start-only", "the real password 456")).status).toBe(200);
  });

  it("ends sessions on logout and after the idle timeout", async () => {
    let cookie: string | undefined;
    const send = injectSend(server, { cookie: () => cookie });
    cookie = (await login(send, "morgenrot", "correct horse battery staple 42")).cookie;
    expect((await api(send).call(CurrentSession)).status).toBe(200);
    expect((await api(send).call(Logout)).status).toBe(204);
    const after = await api(send).call(CurrentSession);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: "session_expired" } });

    cookie = (await login(send, "morgenrot", "correct horse battery staple 42")).cookie;
    clock.advance(31 * 60 * 1000);
    expect((await api(send).call(CurrentSession)).status).toBe(401);
  });

  it("rejects a replayed login id", async () => {
    const send = injectSend(server);
    const res = await api(send).call(LoginFinish, {
      body: {
        loginId: "AAAAAAAAAAAAAAAAAAAAAA",
        finishLoginRequest: Buffer.alloc(64, 1).toString("base64url"),
      },
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: "auth_failed" } });
  });
});
