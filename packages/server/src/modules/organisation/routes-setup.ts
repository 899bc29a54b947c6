// SPDX-License-Identifier: AGPL-3.0-or-later
import { SetupFinish, SetupRegisterStart, SetupVerify } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { finishSetup, startAdminRegistration, verifySetupToken } from "./setup";

export function registerSetupRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(SetupVerify, async ({ body }) => {
    await verifySetupToken(ctx, body.token);
    return { status: 200, body: { valid: true } };
  });

  routes.add(SetupRegisterStart, async ({ body }) => ({
    status: 200,
    body: { registrationResponse: await startAdminRegistration(ctx, body) },
  }));

  routes.add(SetupFinish, async ({ body }) => ({ status: 201, body: await finishSetup(ctx, body) }));
}
