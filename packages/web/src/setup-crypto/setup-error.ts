// SPDX-License-Identifier: AGPL-3.0-or-later
import { isCryptoError } from "@obhut/crypto";
import { ApiError } from "../api/client";

/**
 * Why setup did not complete, in terms the page can explain. Each reason
 * says whether anything was created: the server stores the organisation,
 * the administrator and the whole genesis in one transaction, so the only
 * uncertain case is a connection lost while `/api/setup/finish` was on the
 * way (`interrupted`).
 */
export type SetupFailure =
  /** The token is unknown or was replaced by a newer link (server restarted). */
  | "link_invalid"
  /** Somebody (not this attempt) finished setup already. */
  | "already_done"
  | "name_taken"
  | "rate_limited"
  /** No connection before the final request: nothing was created. */
  | "network"
  /** The connection broke during the final request: it may or may not have been stored. Retrying is safe. */
  | "interrupted"
  /** A crypto step in this browser failed; the final request was not sent. */
  | "crypto"
  /** The server refused the genesis (it stored nothing). */
  | "rejected"
  | "server";

export class SetupFlowError extends Error {
  override readonly name = "SetupFlowError";
  constructor(
    readonly reason: SetupFailure,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/** Maps API and crypto errors; `finishing` marks errors of the final, state-changing request. */
export function toSetupFlowError(error: unknown, finishing = false): SetupFlowError {
  if (error instanceof SetupFlowError) return error;
  if (error instanceof ApiError) {
    switch (error.code) {
      case "setup_token_invalid":
        return new SetupFlowError("link_invalid", { cause: error });
      case "setup_already_done":
        return new SetupFlowError("already_done", { cause: error });
      case "conflict":
        return new SetupFlowError("name_taken", { cause: error });
      case "rate_limited":
        return new SetupFlowError("rate_limited", { cause: error });
      case "network_error":
      case "invalid_response":
        // An unreadable answer to the final request is as uncertain as no answer.
        return new SetupFlowError(finishing ? "interrupted" : "network", { cause: error });
      case "org_log_rejected":
      case "invalid_body":
      case "key_mismatch":
        return new SetupFlowError("rejected", { cause: error });
      default:
        return new SetupFlowError("server", { cause: error });
    }
  }
  if (isCryptoError(error)) return new SetupFlowError("crypto", { cause: error });
  // Anything else thrown inside a local step (WASM failure, out of memory).
  return new SetupFlowError("crypto", { cause: error });
}
