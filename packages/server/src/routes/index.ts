// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context";
import { registerAccountRoutes } from "./account";
import { registerAdminRoutes } from "./admin";
import { registerAttachmentRoutes } from "./attachments";
import { registerAuthRoutes } from "./auth";
import { registerCaseRoutes } from "./cases";
import { registerComplianceRoutes } from "./compliance";
import { registerConversationRoutes } from "./conversations";
import { registerDpoRoutes } from "./dpo";
import { registerDsrRoutes } from "./dsr";
import { registerInvitationRoutes } from "./invitations";
import { registerKeyRoutes } from "./keys";
import { registerMfaRoutes } from "./mfa";
import { registerOrgLogRoutes } from "./org-log";
import { registerOrganisationRoutes } from "./organisations";
import { registerOrgStructureRoutes } from "./org-structure";
import { registerRecoveryRoutes } from "./recovery";
import { registerRetentionRoutes } from "./retention";
import { registerSessionRoutes } from "./sessions";
import { registerDeviceRoutes } from "./devices";
import { registerSetupRoutes } from "./setup";
import { registerSsoRoutes } from "./sso";
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
  registerMfaRoutes(app, ctx);
  registerSsoRoutes(app, ctx);
  registerSessionRoutes(app, ctx);
  registerDeviceRoutes(app, ctx);
  registerOrganisationRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerOrgStructureRoutes(app, ctx);
  registerInvitationRoutes(app, ctx);
  registerAttachmentRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerRetentionRoutes(app, ctx);
  registerComplianceRoutes(app, ctx);
  registerDpoRoutes(app, ctx);
  registerDsrRoutes(app, ctx);
}
