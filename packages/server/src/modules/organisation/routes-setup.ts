// SPDX-License-Identifier: AGPL-3.0-or-later
import { SetupFinish, SetupRegisterStart, SetupVerify } from "@obhut/protocol";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerRoute } from "../../app/http/register-route";
import { finishSetup, startAdminRegistration, verifySetupToken } from "./setup";

export function registerSetupRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, ctx, SetupVerify, async ({ body }) => {
    await verifySetupToken(ctx, body.token);
    return { status: 200, body: { valid: true } };
  });

  registerRoute(app, ctx, SetupRegisterStart, async ({ body }) => ({
    status: 200,
    body: { registrationResponse: await startAdminRegistration(ctx, body) },
  }));

  registerRoute(app, ctx, SetupFinish, async ({ body }) => ({ status: 201, body: await finishSetup(ctx, body) }));
}
