// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AccountView, KeyBundle } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import { presentAccount } from "./presenter-account";
import { recordAudit } from "../../core/audit";
import { countFailure } from "./failure-counter";
import { newId, sha256 } from "../../core/ids";
import {
  issueKnownDevice,
  loginBudgetKeys,
  loginNameBudgetKey,
  refundLoginAttempt,
  spendLoginAttempt,
  type LoginClient,
} from "./login-budget";
import { opaqueReady } from "../../infra/config/opaque";
import { startOpaqueRegistration } from "./opaque-registration";
import { checkOrgPins } from "./org-pins-check";
import { findAccountForLogin, getAccount, insertAccountIfNameFree } from "./store-accounts";
import { deleteExpiredLoginStates, findFailureCount, insertLoginState, takeLoginState } from "./store-login";

const LOGIN_STATE_TTL_MS = 60_000;
/**
 * Wrong current passwords per account per window in the flows that re-prove
 * it inside a session (password change, account deletion). Only the
 * session's holder can spend it; logins have their own budget (login-budget.ts).
 */
export const MAX_FAILURES_PER_NAME = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

function normalise(username: string): string {
  return username.toLowerCase();
}

/** Client sign-up, step 1: the same OPAQUE step as setup and invitations (opaque-registration.ts). */
export async function startRegistration(
  ctx: AppContext,
  props: { username: string; registrationRequest: string },
): Promise<string> {
  return startOpaqueRegistration(ctx, props);
}

/** Anonymous client sign-up: a pseudonym, an OPAQUE record and an encrypted key bundle. Nothing else. */
export async function finishRegistration(
  ctx: AppContext,
  props: { username: string; registrationRecord: string; keyBundle: KeyBundle },
): Promise<AccountView> {
  // A client who signed up from an agency's page pinned that organisation from the start (CRYPTO.md §4b).
  if (props.keyBundle.orgPins) checkOrgPins(props.keyBundle.orgPins);
  const now = ctx.clock.now();
  const id = newId();
  const username = normalise(props.username);
  const inserted = await insertAccountIfNameFree(ctx.db.db, {
    id,
    organisation_id: null,
    username,
    kind: "client",
    role: "client",
    opaque_record: props.registrationRecord,
    key_bundle: JSON.stringify(props.keyBundle),
    created_at: now,
    disabled_at: null,
  });
  if (!inserted) throw new AppError("conflict", "This name is already taken; please choose another");
  await recordAudit(ctx.db.db, now, {
    organisationId: null,
    actorId: id,
    action: "account.registered",
    target: { type: "account", id },
  });
  return presentAccount({ id, username, kind: "client", role: "client", organisation_id: null });
}

/** Key of the in-session password budget (password change, account deletion; cleared by an admin reset). */
export const loginNameKey = (username: string): string => sha256(`login:${username}`);

export async function checkFailureBudget(ctx: AppContext, key: string): Promise<void> {
  const row = await findFailureCount(ctx.db.db, key);
  const now = ctx.clock.now();
  if (row && row.window_start + FAILURE_WINDOW_MS > now && row.count >= MAX_FAILURES_PER_NAME) {
    const retryAfter = Math.ceil((row.window_start + FAILURE_WINDOW_MS - now) / 1000);
    throw new AppError("rate_limited", "Too many failed logins for this name; please wait", {
      headers: { "retry-after": String(retryAfter) },
    });
  }
}

export async function recordFailure(ctx: AppContext, key: string): Promise<void> {
  await countFailure(ctx, key, FAILURE_WINDOW_MS);
}

/**
 * OPAQUE login step 1. Unknown names take exactly the same path (a fake
 * record from the library, a stored state, the same budget bookkeeping) so
 * responses and timing do not reveal whether an account exists.
 */
export async function startLogin(
  ctx: AppContext,
  props: { username: string; startLoginRequest: string; client?: LoginClient },
): Promise<{ loginId: string; loginResponse: string }> {
  const username = normalise(props.username);
  const nameKey = loginNameBudgetKey(ctx, username);
  const account = await findAccountForLogin(ctx.db.db, username);
  // Charged now, not at step 2: the answer to step 1 already tells the client
  // whether its password guess was right, whether or not it ever sends step 2.
  // A right proof at step 2 gives the attempt back.
  await spendLoginAttempt(ctx, loginBudgetKeys(ctx, nameKey, props.client), account);
  const usable = account && account.disabled_at === null ? account : undefined;
  const server = await opaqueReady();
  let result: { serverLoginState: string; loginResponse: string };
  try {
    result = server.startLogin({
      serverSetup: ctx.secrets.opaqueServerSetup,
      userIdentifier: username,
      registrationRecord: usable?.opaque_record ?? null,
      startLoginRequest: props.startLoginRequest,
    });
  } catch {
    throw new AppError("invalid_body", "The login request is not a valid OPAQUE message");
  }
  const loginId = newId();
  const now = ctx.clock.now();
  await deleteExpiredLoginStates(ctx.db.db, now);
  await insertLoginState(ctx.db.db, {
    id: loginId,
    account_id: usable?.id ?? null,
    username_key: nameKey,
    server_login_state: result.serverLoginState,
    expires_at: now + LOGIN_STATE_TTL_MS,
  });
  return { loginId, loginResponse: result.loginResponse };
}

/** Step 2. A right proof also renews the known-device token that lets this device past the name's ceiling. */
export async function finishLogin(
  ctx: AppContext,
  props: { loginId: string; finishLoginRequest: string; client?: LoginClient },
): Promise<{ account: AccountView; keyBundle: KeyBundle; accountId: string; knownDevice?: KnownDeviceGrant }> {
  const now = ctx.clock.now();
  // Single use: the state is deleted whether or not the proof is right.
  const state = await takeLoginState(ctx.db.db, props.loginId);
  if (!state || state.expires_at < now) throw new AppError("auth_failed", "Name or password is wrong");
  const server = await opaqueReady();
  let ok = false;
  try {
    server.finishLogin({ finishLoginRequest: props.finishLoginRequest, serverLoginState: state.server_login_state });
    ok = state.account_id !== null;
  } catch {
    ok = false;
  }
  if (!ok || !state.account_id) {
    // Already counted when the attempt started.
    throw new AppError("auth_failed", "Name or password is wrong");
  }
  const account = await getAccount(ctx.db.db, state.account_id);
  if (account.disabled_at !== null) throw new AppError("auth_failed", "Name or password is wrong");
  await refundLoginAttempt(ctx, loginBudgetKeys(ctx, state.username_key, props.client));
  await recordAudit(ctx.db.db, now, {
    organisationId: account.organisation_id,
    actorId: account.id,
    action: "auth.login",
    target: { type: "account", id: account.id },
  });
  return {
    account: presentAccount(account),
    keyBundle: JSON.parse(account.key_bundle) as KeyBundle,
    accountId: account.id,
    // Staff only: a client's browser may be a shared phone, where nothing of Obhut is kept (THREAT_MODEL).
    ...(account.kind === "staff"
      ? { knownDevice: { nameKey: state.username_key, token: issueKnownDevice(ctx, state.username_key) } }
      : {}),
  };
}

export interface KnownDeviceGrant {
  nameKey: string;
  token: string;
}
