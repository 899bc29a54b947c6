// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context";
import { registerAccountRoutes } from "./account";
import { registerAuthRoutes } from "./auth";
import { registerConversationRoutes } from "./conversations";
import { registerKeyRoutes } from "./keys";
import { registerOrgLogRoutes } from "./org-log";
import { registerRecoveryRoutes } from "./recovery";
import { registerSetupRoutes } from "./setup";
import { registerSystemRoutes } from "./system";

/** Registers every route of `allRoutes` from @obhut/protocol (a test checks none is missing). */
export function registerApiRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerSystemRoutes(app, ctx);
  registerSetupRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerRecoveryRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerOrgLogRoutes(app, ctx);
  registerKeyRoutes(app, ctx);
  registerConversationRoutes(app, ctx);
}
