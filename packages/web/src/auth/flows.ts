// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  type Argon2idParams,
  constantTimeEqual,
  createAccountKeys,
  createKeyBundle,
  finishLogin,
  finishRegistration,
  isCryptoError,
  parseKeyBundle,
  randomBytes,
  restoreAccountKeys,
  startLogin,
  startRegistration,
  toBase64Url,
} from "@obhut/crypto";
import { api as defaultApi, type ApiClient } from "../api/client";
import { loginFinish, loginStart, logout, registerFinish, registerStart } from "../api/endpoints";
import { clearSession, setSession, wipeKeys, type AccountSession } from "../keys/session-store";
import { AuthFlowError, toAuthFlowError } from "./auth-error";

/** Steps announced to the user while the browser works (some take seconds). */
export type AuthStep = "password" | "keys" | "recovery" | "check" | "register" | "login" | "unlock";

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
 */
export async function signUp(
  props: Credentials & { recoveryCode?: string | undefined },
  deps: AuthDeps = {},
): Promise<AccountSession> {
  const api = deps.api ?? defaultApi;
  const step = deps.onStep ?? (() => {});
  let exportKey: Uint8Array | undefined;
  let keys: AccountKeys | undefined;
  try {
    step("password");
    const registration = await startRegistration(props.password);
    const { registrationResponse } = await api.request(registerStart, {
      body: { username: props.username, registrationRequest: registration.request },
    });
    const finished = await finishRegistration({
      password: props.password,
      state: registration.state,
      response: registrationResponse,
    });
    exportKey = finished.exportKey;

    step("keys");
    keys = createAccountKeys();
    if (props.recoveryCode !== undefined) step("recovery");
    const keyBundle = await createKeyBundle({
      keys,
      exportKey,
      ...(props.recoveryCode !== undefined ? { recoveryCode: props.recoveryCode } : {}),
      ...(deps.argon2Params ? { argon2Params: deps.argon2Params } : {}),
    });

    step("check");
    await expectSameKeys(keys, await restoreAccountKeys(keyBundle, { exportKey }));
    if (props.recoveryCode !== undefined) {
      await expectSameKeys(keys, await restoreAccountKeys(keyBundle, { recoveryCode: props.recoveryCode }));
    }

    step("register");
    await api.request(registerFinish, {
      body: { username: props.username, registrationRecord: finished.record, keyBundle },
    });
  } catch (error) {
    throw toAuthFlowError(error);
  } finally {
    exportKey?.fill(0);
    if (keys) wipeKeys(keys);
  }
  return logIn(props, deps);
}

/** Compares public keys and wipes the restored copy; throws if they differ. */
async function expectSameKeys(created: AccountKeys, restored: AccountKeys): Promise<void> {
  const same =
    constantTimeEqual(created.signing.publicKey, restored.signing.publicKey) &&
    constantTimeEqual(created.encryption.publicKey, restored.encryption.publicKey);
  wipeKeys(restored);
  if (!same) throw new AuthFlowError("crypto");
}

/**
 * OPAQUE login, then the key bundle from the server is opened with the
 * export key. Keys go into the in-memory session store only.
 */
export async function logIn(props: Credentials, deps: AuthDeps = {}): Promise<AccountSession> {
  const api = deps.api ?? defaultApi;
  const step = deps.onStep ?? (() => {});
  step("login");
  let start: Awaited<ReturnType<typeof startLogin>>;
  let loginId: string;
  let loginResponse: string;
  try {
    start = await startLogin(props.password);
    ({ loginId, loginResponse } = await api.request(loginStart, {
      body: { username: props.username, startLoginRequest: start.request },
    }));
  } catch (error) {
    throw toAuthFlowError(error);
  }

  let finished: Awaited<ReturnType<typeof finishLogin>>;
  try {
    finished = await finishLogin({ password: props.password, state: start.state, response: loginResponse });
  } catch (error) {
    if (!isCryptoError(error, "auth_failed")) throw toAuthFlowError(error);
    // Wrong password or unknown name: the client notices first. Still finish
    // with a proof of the usual size so the server counts the failure for
    // its per-name limit; both cases then look the same on the wire too.
    await api
      .request(loginFinish, { body: { loginId, finishLoginRequest: toBase64Url(randomBytes(64)) } })
      .catch(() => {});
    throw new AuthFlowError("wrong_credentials", { cause: error });
  }

  const finishOnServer = () =>
    api.request(loginFinish, { body: { loginId, finishLoginRequest: finished.finishRequest } });
  let result: Awaited<ReturnType<typeof finishOnServer>>;
  try {
    result = await finishOnServer();
  } catch (error) {
    finished.exportKey.fill(0);
    throw toAuthFlowError(error);
  }

  step("unlock");
  try {
    const keys = await restoreAccountKeys(parseKeyBundle(result.keyBundle), { exportKey: finished.exportKey });
    const session: AccountSession = { account: result.account, keys };
    setSession(session);
    return session;
  } catch (error) {
    // The server opened a session, but without keys it is useless: end it.
    await api.request(logout).catch(() => {});
    throw new AuthFlowError("keys_unreadable", { cause: error });
  } finally {
    finished.exportKey.fill(0);
  }
}

/** Wipes the keys first (that must never wait for the network), then ends the server session. */
export async function logOut(deps: Pick<AuthDeps, "api"> = {}): Promise<void> {
  clearSession();
  await (deps.api ?? defaultApi).request(logout).catch(() => {
    // Offline: the keys are gone already; the session cookie expires on its own.
  });
}
