// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context";
import { registerAuthRoutes } from "./auth";
import { registerConversationRoutes } from "./conversations";
import { registerSetupRoutes } from "./setup";
import { registerSystemRoutes } from "./system";

/** Registers every route of `allRoutes` from @obhut/protocol (a test checks none is missing). */
export function registerApiRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerSystemRoutes(app, ctx);
  registerSetupRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerConversationRoutes(app, ctx);
}
