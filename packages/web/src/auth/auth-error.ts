// SPDX-License-Identifier: AGPL-3.0-or-later
import { ApiError } from "../api/client";

/**
 * Why a sign-up or login failed, in terms the page can explain. A wrong
 * password and an unknown name are both `wrong_credentials`: OPAQUE cannot
 * tell them apart on the client, and the server answers both alike.
 */
export type AuthFailure =
  | "wrong_credentials"
  | "name_taken"
  | "rate_limited"
  | "network"
  /** A local crypto step failed; nothing after that step was sent. */
  | "crypto"
  /** Login worked but the key bundle from the server could not be opened. */
  | "keys_unreadable"
  /** Recovery: the name or the recovery code is wrong (the two look alike, as at login). */
  | "wrong_recovery"
  /** Recovery: the code's checksum caught a typo; nothing was sent. */
  | "recovery_typo"
  | "server";

export class AuthFlowError extends Error {
  override readonly name = "AuthFlowError";
  constructor(
    readonly reason: AuthFailure,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/** Maps API and crypto errors onto the few reasons the pages distinguish. */
export function toAuthFlowError(error: unknown): AuthFlowError {
  if (error instanceof AuthFlowError) return error;
  if (error instanceof ApiError) {
    switch (error.code) {
      case "auth_failed":
        return new AuthFlowError("wrong_credentials", { cause: error });
      case "conflict":
        return new AuthFlowError("name_taken", { cause: error });
      case "rate_limited":
        return new AuthFlowError("rate_limited", { cause: error });
      case "network_error":
        return new AuthFlowError("network", { cause: error });
      default:
        return new AuthFlowError("server", { cause: error });
    }
  }
  // A CryptoError, or anything else thrown inside a crypto step (WASM failure, out of memory).
  return new AuthFlowError("crypto", { cause: error });
}
