// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Argon2idParams } from "@obhut/crypto";
import { api as defaultApi, type ApiClient } from "../api/client";
import { toAuthFlowError } from "../auth/auth-error";
import { logIn, type AuthStep } from "../auth/flows";
import { createNewAccount, expectBundleOpens, type NewAccount } from "../keys/new-account";
import { type AccountSession, wipeKeys } from "../keys/session-store";
import { resetFinish, resetRegisterStart, resetVerify } from "./endpoints";

export interface ResetPreview {
  username: string;
  organisationName: string;
  expiresAt: number;
}

export async function verifyReset(
  token: string,
  deps: { api?: ApiClient; signal?: AbortSignal } = {},
): Promise<ResetPreview> {
  const api = deps.api ?? defaultApi;
  return api.request(resetVerify, { body: { resetToken: token }, ...(deps.signal ? { signal: deps.signal } : {}) });
}

/**
 * Staff reset with an administrator's token (docs/PROTOCOL.md, "Reset"): the
 * same steps as an invitation — OPAQUE registration, fresh account keys and
 * the key bundle with the mandatory recovery wrap, checked before anything
 * is stored — but the identity keys are NEW (the old ones are lost with
 * password and code), so the server drops what was wrapped to the old ones
 * and ends every session. Then an ordinary login.
 */
export async function redeemReset(
  props: { token: string; username: string; password: string; recoveryCode: string },
  deps: { api?: ApiClient; onStep?: (step: AuthStep) => void; argon2Params?: Argon2idParams } = {},
): Promise<AccountSession> {
  const api = deps.api ?? defaultApi;
  const step = deps.onStep ?? (() => {});
  let account: NewAccount | undefined;
  try {
    account = await createNewAccount({
      password: props.password,
      recoveryCode: props.recoveryCode,
      requestRegistration: async (registrationRequest) =>
        (await api.request(resetRegisterStart, { body: { resetToken: props.token, registrationRequest } }))
          .registrationResponse,
      onStep: step,
      argon2Params: deps.argon2Params,
    });
    step("check");
    await expectBundleOpens(account, props.recoveryCode);
    step("register");
    await api.request(resetFinish, {
      body: { resetToken: props.token, registrationRecord: account.record, keyBundle: account.keyBundle },
    });
  } catch (error) {
    throw toAuthFlowError(error);
  } finally {
    account?.exportKey.fill(0);
    if (account) wipeKeys(account.keys);
  }
  return logIn({ username: props.username, password: props.password }, { api, onStep: step });
}
