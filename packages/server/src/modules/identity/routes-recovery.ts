// SPDX-License-Identifier: AGPL-3.0-or-later
import { RecoveryFinish, RecoveryRegisterStart, RecoveryStart, ResetFinish, ResetRegisterStart } from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { finishReset, startResetRegistration } from "./account-reset";
import { finishRecovery, startRecovery, startRecoveryRegistration } from "./recovery";
import { loginClient } from "./routes-auth";

/** Getting back into an account without the password: recovery code, or an admin's reset token. */
export function registerRecoveryRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, RecoveryStart, async ({ body, request }) => ({
    status: 200,
    body: await startRecovery(ctx, { ...body, client: loginClient(request) }),
  }));

  registerRoute(app, ctx, RecoveryRegisterStart, async ({ body }) => ({
    status: 200,
    body: { registrationResponse: await startRecoveryRegistration(ctx, body) },
  }));

  registerRoute(app, ctx, RecoveryFinish, async ({ body, request }) => ({
    status: 200,
    body: { account: await finishRecovery(ctx, { ...body, client: loginClient(request) }) },
  }));

  registerRoute(app, ctx, ResetRegisterStart, async ({ body }) => ({
    status: 200,
    body: { registrationResponse: await startResetRegistration(ctx, body) },
  }));

  registerRoute(app, ctx, ResetFinish, async ({ body }) => ({
    status: 200,
    body: { account: await finishReset(ctx, body) },
  }));
}
