// SPDX-License-Identifier: AGPL-3.0-or-later
import { createRegistrationResponse, createServerSetup, serverFinishLogin, serverStartLogin } from "@obhut/crypto";
import type { AccountView, KeyBundle } from "@obhut/protocol";
import { ApiError, type ApiClient } from "../api/client";

/**
 * Test double for the auth endpoints with the server half of OPAQUE (the
 * same library the real server uses), so the web flows run end to end in a
 * unit test. It records every request body for "the password never leaves"
 * checks. Used only by *.test.ts files.
 */
export interface RecordedCall {
  path: string;
  body: unknown;
}

export interface FakeAuthServer {
  api: ApiClient;
  calls: RecordedCall[];
  accounts: Map<string, { record: string; keyBundle: KeyBundle; account: AccountView }>;
  /** Lets a test tamper with answers: return a replacement body or undefined. */
  tamper: { registrationResponse?: () => string; keyBundle?: (bundle: KeyBundle) => KeyBundle };
}

export async function createFakeAuthServer(): Promise<FakeAuthServer> {
  const serverSetup = await createServerSetup();
  const calls: RecordedCall[] = [];
  const accounts: FakeAuthServer["accounts"] = new Map();
  const logins = new Map<string, { username: string; state: string }>();
  const tamper: FakeAuthServer["tamper"] = {};
  let nextId = 1;

  const handle = async (path: string, body: Record<string, unknown>): Promise<unknown> => {
    switch (path) {
      case "/api/auth/register/start": {
        const { response } = await createRegistrationResponse({
          serverSetup,
          userIdentifier: String(body.username).toLowerCase(),
          request: String(body.registrationRequest),
        });
        return { registrationResponse: tamper.registrationResponse?.() ?? response };
      }
      case "/api/auth/register/finish": {
        const username = String(body.username).toLowerCase();
        if (accounts.has(username)) throw new ApiError("conflict", "taken", 409);
        const account: AccountView = {
          id: `acc${nextId++}`.padEnd(22, "0"),
          username,
          kind: "client",
          role: "client",
          organisationId: null,
        };
        accounts.set(username, {
          record: String(body.registrationRecord),
          keyBundle: body.keyBundle as KeyBundle,
          account,
        });
        return { account };
      }
      case "/api/auth/login/start": {
        const username = String(body.username).toLowerCase();
        const { state, response } = await serverStartLogin({
          serverSetup,
          userIdentifier: username,
          record: accounts.get(username)?.record ?? null,
          request: String(body.startLoginRequest),
        });
        const loginId = `login${nextId++}`.padEnd(22, "0");
        logins.set(loginId, { username, state });
        return { loginId, loginResponse: response };
      }
      case "/api/auth/login/finish": {
        const login = logins.get(String(body.loginId));
        logins.delete(String(body.loginId));
        const stored = login ? accounts.get(login.username) : undefined;
        if (!login || !stored) throw new ApiError("auth_failed", "wrong", 401);
        try {
          await serverFinishLogin({ state: login.state, finishRequest: String(body.finishLoginRequest) });
        } catch {
          throw new ApiError("auth_failed", "wrong", 401);
        }
        const keyBundle = tamper.keyBundle ? tamper.keyBundle(stored.keyBundle) : stored.keyBundle;
        return { account: stored.account, keyBundle };
      }
      case "/api/auth/logout":
        return undefined;
      default:
        throw new ApiError("not_found", path, 404);
    }
  };

  const api = {
    request: async (endpoint: { path: string }, input: { body?: unknown } = {}) => {
      calls.push({ path: endpoint.path, body: input.body });
      return handle(endpoint.path, (input.body ?? {}) as Record<string, unknown>);
    },
  } as unknown as ApiClient;

  return { api, calls, accounts, tamper };
}
