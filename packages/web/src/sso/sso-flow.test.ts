// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterEach, describe, expect, it } from "vitest";
import type { ApiClient } from "../api/client";
import { createFakeAuthServer, type FakeAuthServer } from "../auth/fake-auth-server";
import { signUp } from "../auth/flows";
import { clearSession, getSession } from "../keys/session-store";
import { readCallbackParams, unlockAfterSso } from "./sso-flow";

const PASSWORD = "correct horse battery staple ü";

afterEach(() => clearSession());

/**
 * The SSO unlock routes over the fake auth server: the identity provider has
 * already named the account (`username`), so the browser sends no name.
 */
function ssoApi(server: FakeAuthServer, username: string): ApiClient {
  const rename: Record<string, string> = {
    "/api/sso/unlock/start": "/api/auth/login/start",
    "/api/sso/unlock/finish": "/api/auth/login/finish",
  };
  return {
    request: async (endpoint: { path: string }, input: { body?: Record<string, unknown> } = {}) => {
      const path = rename[endpoint.path];
      if (!path) return server.api.request(endpoint as never, input as never);
      if (path.endsWith("/start")) expect(input.body).not.toHaveProperty("username");
      server.calls.push({ path: endpoint.path, body: input.body });
      const body = path.endsWith("/start") ? { username, ...input.body } : input.body;
      return server.api.request({ method: "POST", path } as never, { body } as never);
    },
  } as unknown as ApiClient;
}

/** What the page shows comes from `reason`: the stable code is the behaviour under test. */
const failsWith = (reason: string) => ({ name: "AuthFlowError", reason });

async function serverWithAccount(username: string): Promise<FakeAuthServer> {
  const server = await createFakeAuthServer();
  await signUp({ username, password: PASSWORD }, { api: server.api });
  clearSession();
  server.calls.length = 0;
  return server;
}

describe("unlocking after SSO", () => {
  it("proves the key password with OPAQUE on the SSO routes and restores the keys", async () => {
    const server = await serverWithAccount("staff-one");
    const steps: string[] = [];
    const session = await unlockAfterSso(PASSWORD, { api: ssoApi(server, "staff-one"), onStep: (s) => steps.push(s) });
    expect(session.account.username).toBe("staff-one");
    expect(getSession()).toBe(session);
    expect(steps).toEqual(["login", "unlock"]);
    const ssoCalls = server.calls.filter((c) => c.path.startsWith("/api/sso/")).map((c) => c.path);
    expect(ssoCalls).toEqual(["/api/sso/unlock/start", "/api/sso/unlock/finish"]);
    expect(JSON.stringify(server.calls)).not.toContain(PASSWORD);
  });

  it("a wrong key password still reaches the server (its limit counts it) and is wrong_credentials", async () => {
    const server = await serverWithAccount("staff-two");
    await expect(unlockAfterSso("wrong password!", { api: ssoApi(server, "staff-two") })).rejects.toMatchObject(
      failsWith("wrong_credentials"),
    );
    const ssoCalls = server.calls.filter((c) => c.path.startsWith("/api/sso/")).map((c) => c.path);
    expect(ssoCalls).toEqual(["/api/sso/unlock/start", "/api/sso/unlock/finish"]);
    expect(getSession()).toBeNull();
  });

  it("refuses a key bundle the server swapped, and ends the server session", async () => {
    const server = await serverWithAccount("victim");
    await signUp({ username: "other", password: PASSWORD }, { api: server.api });
    clearSession();
    const otherBundle = server.accounts.get("other")!.keyBundle;
    server.tamper.keyBundle = (bundle) => ({ ...bundle, signingPublicKey: otherBundle.signingPublicKey });
    server.calls.length = 0;
    await expect(unlockAfterSso(PASSWORD, { api: ssoApi(server, "victim") })).rejects.toMatchObject(
      failsWith("keys_unreadable"),
    );
    expect(server.calls.at(-1)?.path).toBe("/api/auth/logout");
    expect(getSession()).toBeNull();
  });
});

describe("SSO callback parameters", () => {
  it("passes code, state and iss on, and reports the provider's error or a broken link", () => {
    expect(readCallbackParams("?code=c1&state=s1&iss=https%3A%2F%2Fidp.example.org")).toEqual({
      code: "c1",
      state: "s1",
      iss: "https://idp.example.org",
    });
    expect(readCallbackParams("?code=c1&state=s1")).toEqual({ code: "c1", state: "s1" });
    expect(readCallbackParams("?error=access_denied&state=s1")).toEqual({ error: "access_denied" });
    expect(readCallbackParams("?code=c1")).toBeNull();
    expect(readCallbackParams("")).toBeNull();
  });
});
