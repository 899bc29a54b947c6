// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import { registerRoute } from "./register-route";
import { registerAppointmentRoutes } from "../../modules/appointments";
import { registerArchiveAccessRoutes } from "../../modules/archive-access";
import { registerCannedReplyRoutes } from "../../modules/canned-replies";
import { registerCaseRoutes } from "../../modules/cases";
import { registerComplianceRoutes } from "../../modules/compliance";
import { registerDpoRoutes } from "../../modules/dpo";
import { registerDsrRoutes } from "../../modules/dsr";
import {
  registerAccountRoutes,
  registerAuthRoutes,
  registerDeviceRoutes,
  registerMfaRoutes,
  registerRecoveryRoutes,
  registerSessionRoutes,
  registerSsoRoutes,
} from "../../modules/identity";
import { registerAttachmentRoutes, registerChannelRoutes, registerConversationRoutes } from "../../modules/messaging";
import {
  registerAdminRoutes,
  registerDisplayNameRoutes,
  registerInvitationRoutes,
  registerKeyRoutes,
  registerOrgLogRoutes,
  registerOrgStructureRoutes,
  registerOrganisationRoutes,
  registerSetupRoutes,
} from "../../modules/organisation";
import { registerNotificationRoutes } from "../../modules/notifications";
import { registerReportRoutes } from "../../modules/reports";
import { registerRetentionRoutes } from "../../modules/retention";
import { registerSystemRoutes } from "./system-routes";

/**
 * Registers every route of `allRoutes` from @obhut/protocol (a test checks none is missing). Modules add their
 * handlers to a route table; each goes through the one pipeline in register-route.ts.
 */
export function registerApiRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes: RouteTable = {
    add(route, handler, options) {
      const limit = options?.octetStreamLimit;
      if (limit === undefined) return registerRoute(app, ctx, route, handler);
      // Raw bytes are accepted in an encapsulated context with its own body limit, on that route only.
      void app.register(async (scope) => {
        scope.addContentTypeParser(
          "application/octet-stream",
          { parseAs: "buffer", bodyLimit: limit },
          (_request, body, done) => done(null, body),
        );
        registerRoute(scope, ctx, route, handler);
      });
    },
  };
  registerSystemRoutes(app, ctx);
  registerSetupRoutes(routes, ctx);
  registerAuthRoutes(routes, ctx);
  registerRecoveryRoutes(routes, ctx);
  registerAccountRoutes(routes, ctx);
  registerNotificationRoutes(routes, ctx);
  registerDisplayNameRoutes(routes, ctx);
  registerOrgLogRoutes(routes, ctx);
  registerKeyRoutes(routes, ctx);
  registerConversationRoutes(routes, ctx);
  registerChannelRoutes(routes, ctx);
  registerMfaRoutes(routes, ctx);
  registerSsoRoutes(routes, ctx);
  registerSessionRoutes(routes, ctx);
  registerDeviceRoutes(routes, ctx);
  registerOrganisationRoutes(routes, ctx);
  registerAdminRoutes(routes, ctx);
  registerOrgStructureRoutes(routes, ctx);
  registerInvitationRoutes(routes, ctx);
  registerAttachmentRoutes(routes, ctx);
  registerCaseRoutes(routes, ctx);
  registerAppointmentRoutes(routes, ctx);
  registerRetentionRoutes(routes, ctx);
  registerReportRoutes(routes, ctx);
  registerComplianceRoutes(routes, ctx);
  registerDpoRoutes(routes, ctx);
  registerArchiveAccessRoutes(routes, ctx);
  registerCannedReplyRoutes(routes, ctx);
  registerDsrRoutes(routes, ctx);
}
