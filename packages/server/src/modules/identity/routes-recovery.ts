// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  RecoveryFinish,
  RecoveryRegisterStart,
  RecoveryStart,
  ResetFinish,
  ResetRegisterStart,
  VerifyAccountReset,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { finishReset, startResetRegistration, verifyAccountReset } from "./account-reset";
import { finishRecovery, startRecovery, startRecoveryRegistration } from "./recovery";
import { loginClient } from "./routes-auth";

/** Getting back into an account without the password: recovery code, or an admin's reset token. */
export function registerRecoveryRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(RecoveryStart, async ({ body, request }) => ({
    status: 200,
    body: await startRecovery(ctx, { ...body, client: loginClient(request) }),
  }));

  routes.add(RecoveryRegisterStart, async ({ body }) => ({
    status: 200,
    body: { registrationResponse: await startRecoveryRegistration(ctx, body) },
  }));

  routes.add(RecoveryFinish, async ({ body, request }) => ({
    status: 200,
    body: { account: await finishRecovery(ctx, { ...body, client: loginClient(request) }) },
  }));

  routes.add(VerifyAccountReset, async ({ body }) => ({
    status: 200,
    body: await verifyAccountReset(ctx, body),
  }));

  routes.add(ResetRegisterStart, async ({ body }) => ({
    status: 200,
    body: { registrationResponse: await startResetRegistration(ctx, body) },
  }));

  routes.add(ResetFinish, async ({ body }) => ({
    status: 200,
    body: { account: await finishReset(ctx, body) },
  }));
}
