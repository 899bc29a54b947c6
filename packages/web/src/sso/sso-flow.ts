// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  GetSsoLink,
  ListSsoOrganisations,
  SsoCallback,
  SsoLinkStart,
  SsoStart,
  SsoUnlockFinish,
  SsoUnlockStart,
} from "@obhut/protocol";
import { api as defaultApi, type ApiClient, type Endpoint } from "../api/client";
import type { AuthStep } from "../auth/flows";
import { logInAndUnlock } from "../auth/unlock";
import type { AccountSession } from "../keys/session-store";

/**
 * Staff single sign-on (ADR 0014): the organisation's identity provider
 * proves who the person is, then the key password unlocks the keys with the
 * same OPAQUE login as always — bound by the server to the identified account.
 */
const ssoOrganisations: Endpoint<typeof ListSsoOrganisations> = { method: "GET", path: "/api/sso/organisations" };
const ssoStart: Endpoint<typeof SsoStart> = { method: "POST", path: "/api/sso/start" };
const ssoCallback: Endpoint<typeof SsoCallback> = { method: "POST", path: "/api/sso/callback" };
const ssoUnlockStart: Endpoint<typeof SsoUnlockStart> = { method: "POST", path: "/api/sso/unlock/start" };
const ssoUnlockFinish: Endpoint<typeof SsoUnlockFinish> = { method: "POST", path: "/api/sso/unlock/finish" };
const ssoLink: Endpoint<typeof GetSsoLink> = { method: "GET", path: "/api/sso/link" };
const ssoLinkStart: Endpoint<typeof SsoLinkStart> = { method: "POST", path: "/api/sso/link/start" };

/** Whether the caller's organisation offers SSO and whether their account is linked. */
export async function ssoLinkStatus(api: ApiClient = defaultApi) {
  return api.request(ssoLink);
}

/** The identity provider's address for linking the logged-in staff member's account. */
export async function startSsoLink(api: ApiClient = defaultApi): Promise<string> {
  return (await api.request(ssoLinkStart)).authorizationUrl;
}

/**
 * Linking runs in a pop-up window, so the account page (and the keys held in
 * its memory) stays open. The pop-up's /sso/callback page says "linked" on
 * this same-origin channel; the account page answers so the pop-up knows
 * someone is waiting and can close itself. No data but these two words.
 */
export const LINK_CHANNEL = "obhut-sso-link";
export type LinkMessage = "linked" | "seen";

export async function listSsoOrganisations(api: ApiClient = defaultApi): Promise<{ id: string; name: string }[]> {
  return (await api.request(ssoOrganisations)).organisations;
}

/** The identity provider's address to open; the server keeps state, nonce and PKCE verifier. */
export async function startSso(organisationId: string, api: ApiClient = defaultApi): Promise<string> {
  return (await api.request(ssoStart, { body: { organisationId } })).authorizationUrl;
}

export type CallbackParams = { state: string; code: string; iss?: string } | { error: string } | null;

/** What the identity provider put into /sso/callback's query string. */
export function readCallbackParams(search: string): CallbackParams {
  const q = new URLSearchParams(search);
  const error = q.get("error");
  if (error) return { error };
  const state = q.get("state");
  const code = q.get("code");
  if (!state || !code) return null;
  const iss = q.get("iss");
  return { state, code, ...(iss ? { iss } : {}) };
}

export async function finishSsoCallback(
  params: { state: string; code: string; iss?: string },
  api: ApiClient = defaultApi,
) {
  return api.request(ssoCallback, { body: params });
}

/** The key-password step: OPAQUE for the account SSO identified, then the keys are restored in memory. */
export async function unlockAfterSso(
  password: string,
  deps: { api?: ApiClient; onStep?: (step: AuthStep) => void } = {},
): Promise<AccountSession> {
  const api = deps.api ?? defaultApi;
  return logInAndUnlock(
    password,
    {
      start: (startLoginRequest) => api.request(ssoUnlockStart, { body: { startLoginRequest } }),
      finish: (body) => api.request(ssoUnlockFinish, { body }),
    },
    { api, onStep: deps.onStep },
  );
}
