// SPDX-License-Identifier: AGPL-3.0-or-later
import { type Argon2idParams, toBase64Url } from "@obhut/crypto";
import { api as defaultApi, ApiError, type ApiClient } from "../api/client";
import { toAuthFlowError } from "../auth/auth-error";
import { logIn, type AuthStep } from "../auth/flows";
import { createNewAccount, expectBundleOpens, type NewAccount } from "../keys/new-account";
import { type AccountSession, wipeKeys } from "../keys/session-store";
import { checkGenesis, createGenesis, wipeGenesis, type Genesis } from "../setup-crypto/genesis";
import { invitationRegisterFinish, invitationRegisterStart, invitationVerify } from "./endpoints";

export interface InvitationPreview {
  organisationId: string;
  organisationName: string;
  role: string;
  expiresAt: number;
  needsGenesis: boolean;
}

export type InviteVerifyState = "invalid" | "rate_limited" | "network";

/** Maps a verify failure to what the page says. The server does not tell used, expired and revoked apart. */
export function inviteVerifyFailure(error: unknown): InviteVerifyState {
  if (!(error instanceof ApiError)) return "network";
  if (error.code === "rate_limited") return "rate_limited";
  if (error.code === "network_error" || error.code === "invalid_response" || error.status >= 500) return "network";
  return "invalid";
}

export async function verifyInvitation(
  token: string,
  deps: { api?: ApiClient; signal?: AbortSignal } = {},
): Promise<InvitationPreview> {
  const api = deps.api ?? defaultApi;
  return api.request(invitationVerify, { body: { token }, ...(deps.signal ? { signal: deps.signal } : {}) });
}

export interface InviteSignUpDeps {
  api?: ApiClient;
  onStep?: (step: AuthStep) => void;
  /** Tests only: cheaper Argon2id. */
  argon2Params?: Argon2idParams;
}

/**
 * Staff sign-up from an invitation: OPAQUE registration, fresh account keys,
 * the key bundle with the MANDATORY recovery wrap and — for the first
 * administrator of an organisation created by the operator — the signed
 * genesis made here (same construction as the first-start setup). Every
 * local result is checked before `register/finish`; then an ordinary login
 * (which leaves a staff session waiting for its second factor).
 */
export async function signUpInvited(
  props: {
    token: string;
    username: string;
    /** What clients will see instead of the login name. */
    displayName: string;
    password: string;
    recoveryCode: string;
    preview: InvitationPreview;
  },
  deps: InviteSignUpDeps = {},
): Promise<AccountSession> {
  const api = deps.api ?? defaultApi;
  const step = deps.onStep ?? (() => {});
  let account: NewAccount | undefined;
  let genesis: Genesis | undefined;
  try {
    account = await createNewAccount({
      password: props.password,
      recoveryCode: props.recoveryCode,
      requestRegistration: async (registrationRequest) =>
        (
          await api.request(invitationRegisterStart, {
            body: { token: props.token, username: props.username, registrationRequest },
          })
        ).registrationResponse,
      onStep: step,
      argon2Params: deps.argon2Params,
    });
    const { keys, keyBundle } = account;
    if (props.preview.needsGenesis) {
      genesis = await createGenesis({ account: keys, organisationId: props.preview.organisationId });
    }

    step("check");
    await expectBundleOpens(account, props.recoveryCode);
    if (genesis) await checkGenesis(genesis, keys);

    step("register");
    await api.request(invitationRegisterFinish, {
      body: {
        token: props.token,
        username: props.username,
        displayName: props.displayName,
        registrationRecord: account.record,
        keyBundle,
        ...(genesis
          ? {
              genesis: {
                accountId: genesis.accountId,
                organisationRootPublicKey: toBase64Url(genesis.root.publicKey),
                orgLog: genesis.orgLog,
                orgRootWrap: genesis.orgRootWrap,
                archiveWrap: genesis.archiveWrap,
              },
            }
          : {}),
      },
    });
  } catch (error) {
    throw toAuthFlowError(error);
  } finally {
    account?.exportKey.fill(0);
    if (account) wipeKeys(account.keys);
    if (genesis) wipeGenesis(genesis);
  }
  return logIn({ username: props.username, password: props.password }, { api, onStep: step });
}
