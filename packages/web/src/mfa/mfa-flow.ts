// SPDX-License-Identifier: AGPL-3.0-or-later
import { api as defaultApi, ApiError, type ApiClient } from "../api/client";
import {
  mfaStatus,
  passkeyAuthOptions,
  passkeyAuthVerify,
  passkeyRegisterOptions,
  passkeyRegisterVerify,
  totpConfirm,
  totpEnrol,
  totpVerify,
} from "../invite/endpoints";
import { staffHome, type StaffHome } from "../staff/staff-home";
import { createPasskey, getPasskey } from "./webauthn";

const MFA_FAILURES = [
  "wrong_code",
  "rate_limited",
  "network",
  "passkey_cancelled",
  "passkey_unsupported",
  "not_allowed",
  "server",
] as const;

/** What the second-factor page can explain. */
export type MfaFailure = (typeof MFA_FAILURES)[number];

/** A failure code back to what the page explains; anything else is "server". */
export const mfaFailureOf = (code: string): MfaFailure =>
  (MFA_FAILURES as readonly string[]).includes(code) ? (code as MfaFailure) : "server";

export class MfaError extends Error {
  override readonly name = "MfaError";
  constructor(
    readonly reason: MfaFailure,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }

  /** The reason as the stable code that the request hook (api/use-action.ts) reads from a failure. */
  get code(): MfaFailure {
    return this.reason;
  }
}

export function toMfaError(error: unknown): MfaError {
  if (error instanceof MfaError) return error;
  if (error instanceof ApiError) {
    switch (error.code) {
      case "mfa_failed":
        return new MfaError("wrong_code", { cause: error });
      case "rate_limited":
        return new MfaError("rate_limited", { cause: error });
      case "network_error":
        return new MfaError("network", { cause: error });
      case "mfa_required":
      case "forbidden":
      case "unauthenticated":
      case "session_expired":
        return new MfaError("not_allowed", { cause: error });
      default:
        return new MfaError("server", { cause: error });
    }
  }
  // WebAuthn: the person closed the dialog, timed out, or the device refused.
  if (error instanceof DOMException) {
    return new MfaError(error.name === "NotSupportedError" ? "passkey_unsupported" : "passkey_cancelled", {
      cause: error,
    });
  }
  return new MfaError("server", { cause: error });
}

async function wrap<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toMfaError(error);
  }
}

export function getMfaStatus(api: ApiClient = defaultApi) {
  return wrap(() => api.request(mfaStatus));
}

export function startTotpEnrolment(api: ApiClient = defaultApi) {
  return wrap(() => api.request(totpEnrol));
}

export function confirmTotp(code: string, api: ApiClient = defaultApi) {
  return wrap(() => api.request(totpConfirm, { body: { code } }));
}

export function verifyTotp(code: string, api: ApiClient = defaultApi) {
  return wrap(() => api.request(totpVerify, { body: { code } }));
}

export function registerPasskey(api: ApiClient = defaultApi) {
  return wrap(async () => {
    const { options } = await api.request(passkeyRegisterOptions);
    const response = await createPasskey(options);
    return api.request(passkeyRegisterVerify, { body: { response } });
  });
}

export function verifyWithPasskey(api: ApiClient = defaultApi) {
  return wrap(async () => {
    const { options } = await api.request(passkeyAuthOptions);
    const response = await getPasskey(options);
    return api.request(passkeyAuthVerify, { body: { response } });
  });
}

type StaffAccount = { kind: "client" | "staff"; role?: string };

/**
 * Where someone goes right after the password step on the staff page: a
 * client account has no second factor (and may not ask for its state); a
 * staff session that still owes its factor continues on /mfa. If the state
 * cannot be read, /mfa reads it again and explains. Otherwise the role's home
 * (staff/staff-home.ts).
 */
export async function pathAfterStaffLogin(
  account: StaffAccount,
  api: ApiClient = defaultApi,
): Promise<"/mfa" | StaffHome> {
  if (account.kind !== "staff") return "/account";
  try {
    const status = await api.request(mfaStatus);
    if (status.pending) return "/mfa";
  } catch {
    return "/mfa";
  }
  return staffHome(account);
}

/** A six-digit code as typed: spaces (apps show "123 456") are dropped. */
export function normaliseCode(input: string): string | null {
  const digits = input.replace(/\s+/g, "");
  return /^[0-9]{6}$/.test(digits) ? digits : null;
}
