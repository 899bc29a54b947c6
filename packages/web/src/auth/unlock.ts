// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  finishLogin,
  isCryptoError,
  parseKeyBundle,
  randomBytes,
  restoreAccountKeys,
  startLogin,
  toBase64Url,
} from "@obhut/crypto";
import type { AccountView, KeyBundle } from "@obhut/protocol";
import type { ApiClient } from "../api/client";
import { logout } from "../api/endpoints";
import { setSession, type AccountSession } from "../keys/session-store";
import { AuthFlowError, toAuthFlowError } from "./auth-error";

/** The steps of `AuthStep` (flows.ts) this path announces; not imported from there, which imports this. */
export type UnlockStep = "login" | "unlock";

/**
 * The two server halves of an OPAQUE login. The password login names the
 * account in `start`; after SSO the server already knows it, so the same
 * client steps run against other routes.
 */
export interface LoginRoutes {
  start(startLoginRequest: string): Promise<{ loginId: string; loginResponse: string }>;
  finish(body: {
    loginId: string;
    finishLoginRequest: string;
  }): Promise<{ account: AccountView; keyBundle: KeyBundle }>;
}

/**
 * OPAQUE login, then the key bundle from the server is opened with the
 * export key and the keys go into the in-memory session store only. The one
 * path for the password login and the key-password step after SSO.
 *
 * Fails closed: a bundle that does not open (or does not match its own
 * public keys) ends the server session and throws `keys_unreadable`; the
 * export key is wiped whatever happens once the client has it.
 */
export async function logInAndUnlock(
  password: string,
  routes: LoginRoutes,
  deps: { api: ApiClient; onStep?: ((step: UnlockStep) => void) | undefined },
): Promise<AccountSession> {
  const step = deps.onStep ?? (() => {});
  step("login");
  let start: Awaited<ReturnType<typeof startLogin>>;
  let loginId: string;
  let loginResponse: string;
  try {
    start = await startLogin(password);
    ({ loginId, loginResponse } = await routes.start(start.request));
  } catch (error) {
    throw toAuthFlowError(error);
  }

  let finished: Awaited<ReturnType<typeof finishLogin>>;
  try {
    finished = await finishLogin({ password, state: start.state, response: loginResponse });
  } catch (error) {
    if (!isCryptoError(error, "auth_failed")) throw toAuthFlowError(error);
    // Wrong password or unknown name: the client notices first. Still finish
    // with a proof of the usual size so the server counts the failure for
    // its per-name limit; both cases then look the same on the wire too.
    await routes.finish({ loginId, finishLoginRequest: toBase64Url(randomBytes(64)) }).catch(() => {});
    throw new AuthFlowError("wrong_credentials", { cause: error });
  }

  let result: Awaited<ReturnType<LoginRoutes["finish"]>>;
  try {
    result = await routes.finish({ loginId, finishLoginRequest: finished.finishRequest });
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
    await deps.api.request(logout).catch(() => {});
    throw new AuthFlowError("keys_unreadable", { cause: error });
  } finally {
    finished.exportKey.fill(0);
  }
}
