// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type Argon2idParams,
  constantTimeEqual,
  decodeOrgLogEntry,
  fromBase64Url,
  toBase64Url,
  verifyOrgLog,
} from "@obhut/crypto";
import type { BodyOf, SetupFinish } from "@obhut/protocol";
import { api as defaultApi, ApiError, type ApiClient } from "../api/client";
import { AuthFlowError } from "../auth/auth-error";
import { logIn } from "../auth/flows";
import { createNewAccount, expectBundleOpens, type NewAccount } from "../keys/new-account";
import { wipeKeys } from "../keys/session-store";
import { orgLog, setupFinish, setupRegisterStart } from "./endpoints";
import { checkGenesis, createGenesis, wipeGenesis } from "./genesis";
import { SetupFlowError, toSetupFlowError } from "./setup-error";

/** Steps announced while the browser works; `recovery` (Argon2id) takes seconds. */
export type SetupStep = "password" | "keys" | "recovery" | "genesis" | "check" | "send" | "login" | "verify";

export interface SetupCredentials {
  token: string;
  organisationName: string;
  /** What clients and colleagues see instead of the login name. */
  displayName: string;
  username: string;
  /** Never sent: OPAQUE registration and login prove knowledge of it. */
  password: string;
  /** Mandatory for staff; shown once and confirmed before this runs. Never sent. */
  recoveryCode: string;
}

export interface SetupDeps {
  api?: ApiClient;
  onStep?: (step: SetupStep) => void;
  /** Tests only: cheaper Argon2id. Production uses the library default. */
  argon2Params?: Argon2idParams;
}

export type SetupFinishBody = BodyOf<typeof SetupFinish>;

/**
 * Everything the final request carries, built and checked locally. It holds
 * no secret beyond what the server may see; it is kept (in memory) after an
 * interrupted final request so a retry sends exactly the same setup.
 */
export interface PreparedSetup {
  body: SetupFinishBody;
  rootFingerprint: string;
  adminSigningKey: Uint8Array;
}

/** What happened after the organisation was created. */
export type FollowUp =
  /** Logged in, keys in memory, the server's log verified under the fingerprint. */
  | "ready"
  /** Logged in with the password, but the server wants a second factor before anything else. */
  | "mfa_required"
  /** Setup is complete; the automatic login did not work (log in on the staff page). */
  | "login_failed"
  /** The server's organisation log does not verify under the fingerprint made here. */
  | "log_mismatch";

export interface SetupResult {
  organisationId: string;
  rootFingerprint: string;
  followUp: FollowUp;
}

/**
 * Builds the setup request: OPAQUE registration (the only request so far,
 * and it creates nothing on the server), account keys with the mandatory
 * recovery wrap, root and archive keys, the signed genesis and the wraps.
 * Before returning, every part is opened again the way a later client will
 * open it. Fails closed: if anything throws, no setup request exists.
 */
export async function prepareSetup(input: SetupCredentials, deps: SetupDeps = {}): Promise<PreparedSetup> {
  const api = deps.api ?? defaultApi;
  const step = deps.onStep ?? (() => {});
  let account: NewAccount | undefined;
  let genesis: Awaited<ReturnType<typeof createGenesis>> | undefined;
  try {
    account = await createNewAccount({
      password: input.password,
      recoveryCode: input.recoveryCode,
      requestRegistration: async (registrationRequest) =>
        (
          await api.request(setupRegisterStart, {
            body: { token: input.token, username: input.username, registrationRequest },
          })
        ).registrationResponse,
      onStep: step,
      argon2Params: deps.argon2Params,
    });
    const { keys, keyBundle } = account;

    step("genesis");
    genesis = await createGenesis({ account: keys });

    step("check");
    await expectBundleOpens(account, input.recoveryCode);
    await checkGenesis(genesis, keys);

    return {
      rootFingerprint: genesis.rootFingerprint,
      adminSigningKey: keys.signing.publicKey.slice(),
      body: {
        token: input.token,
        organisationName: input.organisationName,
        username: input.username,
        displayName: input.displayName,
        registrationRecord: account.record,
        keyBundle,
        organisationRootPublicKey: toBase64Url(genesis.root.publicKey),
        organisationId: genesis.organisationId,
        accountId: genesis.accountId,
        orgLog: genesis.orgLog,
        orgRootWrap: genesis.orgRootWrap,
        archiveWrap: genesis.archiveWrap,
      },
    };
  } catch (error) {
    throw toSetupFlowError(error);
  } finally {
    // The root and archive private keys now exist only inside the wraps.
    account?.exportKey.fill(0);
    if (account) wipeKeys(account.keys);
    if (genesis) wipeGenesis(genesis);
  }
}

/**
 * Sends the prepared setup, then logs the administrator in (the keys in
 * memory come from what the server stored) and verifies the server's log
 * under the fingerprint made here.
 *
 * `retry` marks a resend after an interrupted final request: if the server
 * now says "already set up", the first attempt may have been stored. A
 * login with this password whose key bundle holds this attempt's signing key
 * proves it was (nobody else knows the password), and setup counts as done.
 */
export async function sendSetup(
  prepared: PreparedSetup,
  password: string,
  deps: SetupDeps & { retry?: boolean } = {},
): Promise<SetupResult> {
  const api = deps.api ?? defaultApi;
  const step = deps.onStep ?? (() => {});
  const { body } = prepared;
  step("send");
  try {
    await api.request(setupFinish, { body });
  } catch (error) {
    const failure = toSetupFlowError(error, true);
    if (!(deps.retry && failure.reason === "already_done")) throw failure;
    const session = await logIn({ username: body.username, password }, { api }).catch(() => null);
    if (!session || !constantTimeEqual(session.keys.signing.publicKey, prepared.adminSigningKey)) throw failure;
    return { ...identity(prepared), followUp: await verifyServerLog(prepared, api, step) };
  }
  step("login");
  try {
    await logIn({ username: body.username, password }, { api });
  } catch (error) {
    return { ...identity(prepared), followUp: isMfaRequired(error) ? "mfa_required" : "login_failed" };
  }
  return { ...identity(prepared), followUp: await verifyServerLog(prepared, api, step) };
}

function identity(prepared: PreparedSetup): Omit<SetupResult, "followUp"> {
  return { organisationId: prepared.body.organisationId, rootFingerprint: prepared.rootFingerprint };
}

function isMfaRequired(error: unknown): boolean {
  const cause = error instanceof AuthFlowError ? error.cause : error;
  return cause instanceof ApiError && cause.code === "mfa_required";
}

/** Reads the organisation log back and checks it is the genesis this browser signed. */
async function verifyServerLog(
  prepared: PreparedSetup,
  api: ApiClient,
  step: (step: SetupStep) => void,
): Promise<FollowUp> {
  step("verify");
  let entries: string[];
  try {
    const page = await api.request(orgLog, { params: { orgId: prepared.body.organisationId } });
    entries = page.entries.map((e) => e.entry);
  } catch (error) {
    return isMfaRequired(error) ? "mfa_required" : "login_failed";
  }
  try {
    const state = verifyOrgLog(
      entries.map((e) => decodeOrgLogEntry(fromBase64Url(e))),
      { pinnedRootFingerprint: prepared.rootFingerprint },
    );
    const admin = state.admins.get(toBase64Url(prepared.adminSigningKey));
    return admin?.accountId === prepared.body.accountId ? "ready" : "log_mismatch";
  } catch {
    return "log_mismatch";
  }
}

/** The whole setup in one call (prepare, then send); the page uses the two halves to allow a safe retry. */
export async function completeSetup(input: SetupCredentials, deps: SetupDeps = {}): Promise<SetupResult> {
  return sendSetup(await prepareSetup(input, deps), input.password, deps);
}

export { SetupFlowError };
