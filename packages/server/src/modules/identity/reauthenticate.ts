// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import { checkFailureBudget, loginNameKey, recordFailure } from "./auth";
import { newId } from "../../core/ids";
import { opaqueReady } from "../../infra/config/opaque";
import { registrationResponseFor } from "./opaque-registration";
import { getAccountOpaqueRecord } from "./store-accounts";
import { clearFailureCount, deleteExpiredLoginStates, insertLoginState, takeAccountLoginState } from "./store-login";

/**
 * A fresh OPAQUE proof of the current password inside a session, so a
 * stolen or forgotten-open session alone cannot do what needs it (password
 * change, account erasure). The attempts are counted against the account's
 * in-session budget (modules/identity/auth.ts); the state lives in `login_states`
 * for one minute, bound to the account, and is used at most once.
 */
const REAUTH_STATE_TTL_MS = 60_000;

interface ReauthenticationStart {
  stateId: string;
  loginResponse: string;
}

/**
 * Step 1: the OPAQUE login response for the account's stored record. With
 * `registrationRequest` (a password change) the registration response for
 * the new password comes in the same step, under the same checks.
 */
export async function startReauthentication(
  ctx: AppContext,
  props: { accountId: string; startLoginRequest: string; registrationRequest: string },
): Promise<ReauthenticationStart & { registrationResponse: string }>;
export async function startReauthentication(
  ctx: AppContext,
  props: { accountId: string; startLoginRequest: string },
): Promise<ReauthenticationStart>;
export async function startReauthentication(
  ctx: AppContext,
  props: { accountId: string; startLoginRequest: string; registrationRequest?: string },
): Promise<ReauthenticationStart & { registrationResponse?: string }> {
  const account = await getAccountOpaqueRecord(ctx.db.db, props.accountId);
  const usernameKey = loginNameKey(account.username);
  await checkFailureBudget(ctx, usernameKey);
  // Counted at the start: the login response already allows one offline guess (see modules/identity/auth.ts).
  await recordFailure(ctx, usernameKey);
  const server = await opaqueReady();
  let login: { serverLoginState: string; loginResponse: string };
  let registrationResponse: string | undefined;
  try {
    login = server.startLogin({
      serverSetup: ctx.secrets.opaqueServerSetup,
      userIdentifier: account.username,
      registrationRecord: account.opaque_record,
      startLoginRequest: props.startLoginRequest,
    });
    if (props.registrationRequest !== undefined)
      registrationResponse = registrationResponseFor(server, ctx, {
        username: account.username,
        registrationRequest: props.registrationRequest,
      });
  } catch {
    throw new AppError("invalid_body", "The request is not a valid OPAQUE message");
  }
  const stateId = newId();
  const now = ctx.clock.now();
  await deleteExpiredLoginStates(ctx.db.db, now);
  await insertLoginState(ctx.db.db, {
    id: stateId,
    account_id: account.id,
    username_key: usernameKey,
    server_login_state: login.serverLoginState,
    expires_at: now + REAUTH_STATE_TTL_MS,
  });
  return registrationResponse === undefined
    ? { stateId, loginResponse: login.loginResponse }
    : { stateId, loginResponse: login.loginResponse, registrationResponse };
}

/**
 * Step 2: consumes the state (deleted whether the proof holds or not, so it
 * serves one try) and checks the proof; `auth_failed` for a wrong password,
 * an unknown, expired or foreign state alike. Returns the budget key: the
 * caller forgives the counted attempt (`clearReauthenticationFailures`) once its
 * own action may go ahead.
 */
export async function finishReauthentication(
  ctx: AppContext,
  props: { accountId: string; stateId: string; finishLoginRequest: string },
): Promise<{ usernameKey: string }> {
  const now = ctx.clock.now();
  const state = await takeAccountLoginState(ctx.db.db, props.stateId, props.accountId);
  if (!state || state.expires_at < now) throw new AppError("auth_failed", "The current password is wrong");
  const server = await opaqueReady();
  try {
    server.finishLogin({ finishLoginRequest: props.finishLoginRequest, serverLoginState: state.server_login_state });
  } catch {
    throw new AppError("auth_failed", "The current password is wrong");
  }
  return { usernameKey: state.username_key };
}

/** Clears the account's in-session password budget after a proven re-authentication. */
export async function clearReauthenticationFailures(ctx: AppContext, usernameKey: string): Promise<void> {
  await clearFailureCount(ctx.db.db, usernameKey);
}
