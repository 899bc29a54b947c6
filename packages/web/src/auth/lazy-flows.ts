// SPDX-License-Identifier: AGPL-3.0-or-later
import { AuthFlowError } from "./auth-error";
import type * as FlowsModule from "./flows";
import type * as SecretsModule from "./account-secrets";

type Flows = typeof FlowsModule;
let flows: Promise<Flows> | undefined;

/**
 * Sign-up and login need the crypto chunk (OPAQUE, Argon2id, curves): the
 * largest part of the app. The client pages load it when the person first
 * puts focus in the form (`prefetchAuthFlows`), not with the page, so the
 * page itself stays small on a slow phone (docs/PERFORMANCE.md, bench:web).
 * A failed download is retried on the next call.
 */
export function loadAuthFlows(): Promise<Flows> {
  flows ??= import("./flows").catch((error: unknown) => {
    flows = undefined;
    throw new AuthFlowError("network", { cause: error });
  });
  return flows;
}

export function prefetchAuthFlows(): void {
  loadAuthFlows().catch(() => {
    // Offline for now: submitting tries again and explains a failure.
  });
}

let secrets: Promise<typeof SecretsModule> | undefined;

/** Recovery, password change and a new recovery code: the same crypto chunk, loaded when needed. */
export function loadAccountSecrets(): Promise<typeof SecretsModule> {
  secrets ??= import("./account-secrets").catch((error: unknown) => {
    secrets = undefined;
    throw new AuthFlowError("network", { cause: error });
  });
  return secrets;
}
