// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Argon2idParams, OrgPin } from "@obhut/crypto";
import { api as defaultApi, type ApiClient } from "../api/client";
import { loginFinish, loginStart, registerFinish, registerStart } from "../api/endpoints";
import { wipeKeys, type AccountSession } from "../keys/session-store";
import { createNewAccount, expectBundleOpens, type NewAccount } from "../keys/new-account";
import { toAuthFlowError } from "./auth-error";
import { logInAndUnlock } from "./unlock";

// The sign-up page makes the recovery code before the flow runs; it comes with this (lazy) module.
export { generateRecoveryCode } from "@obhut/crypto";
// Logging out needs no crypto; it lives in its own small module (the main navigation offers it on every page).
export { logOut } from "./log-out";

/** Steps announced to the user while the browser works (some take seconds). */
export type AuthStep =
  | "password"
  | "keys"
  | "recovery"
  | "check"
  | "register"
  | "login"
  | "unlock"
  /** Recovery: the code opens the keys. */
  | "restore"
  /** Recovery, password change, new code: the changed secret is stored. */
  | "save";

export interface AuthDeps {
  api?: ApiClient;
  onStep?: (step: AuthStep) => void;
  /** Tests only: cheaper Argon2id for the recovery wrap. Production uses the library default. */
  argon2Params?: Argon2idParams;
}

export interface Credentials {
  username: string;
  /** Never sent anywhere: OPAQUE proves knowledge of it. */
  password: string;
}

/**
 * Client sign-up: OPAQUE registration, fresh account keys, the key bundle
 * (master key wrapped under the OPAQUE export key and, if the person kept a
 * recovery code, under Argon2id of that code), then an ordinary login so the
 * session holds keys restored from what the server actually stored.
 *
 * Fails closed: the bundle is opened again with the export key (and the
 * recovery code) before anything is sent, and if any local step throws,
 * `register/finish` is never called, so no account exists with keys the
 * person could not open.
 *
 * `orgPins`: from an agency's page, the organisation whose fingerprint the
 * page showed is pinned in the very first bundle (ADR 0030).
 */
export async function signUp(
  props: Credentials & { recoveryCode?: string | undefined; orgPins?: readonly OrgPin[] | undefined },
  deps: AuthDeps = {},
): Promise<AccountSession> {
  const api = deps.api ?? defaultApi;
  const step = deps.onStep ?? (() => {});
  let account: NewAccount | undefined;
  try {
    account = await createNewAccount({
      password: props.password,
      recoveryCode: props.recoveryCode,
      requestRegistration: async (registrationRequest) =>
        (await api.request(registerStart, { body: { username: props.username, registrationRequest } }))
          .registrationResponse,
      onStep: step,
      argon2Params: deps.argon2Params,
      orgPins: props.orgPins,
    });

    step("check");
    await expectBundleOpens(account, props.recoveryCode);

    step("register");
    await api.request(registerFinish, {
      body: { username: props.username, registrationRecord: account.record, keyBundle: account.keyBundle },
    });
  } catch (error) {
    throw toAuthFlowError(error);
  } finally {
    account?.exportKey.fill(0);
    if (account) wipeKeys(account.keys);
  }
  return logIn(props, deps);
}

/**
 * OPAQUE login, then the key bundle from the server is opened with the
 * export key. Keys go into the in-memory session store only.
 */
export async function logIn(props: Credentials, deps: AuthDeps = {}): Promise<AccountSession> {
  const api = deps.api ?? defaultApi;
  return logInAndUnlock(
    props.password,
    {
      start: (startLoginRequest) => api.request(loginStart, { body: { username: props.username, startLoginRequest } }),
      finish: (body) => api.request(loginFinish, { body }),
    },
    { api, onStep: deps.onStep },
  );
}
