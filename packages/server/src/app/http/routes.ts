// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../core/context";
import { registerAccountRoutes } from "../../modules/identity/routes-account";
import { registerAdminRoutes } from "../../modules/organisation/routes-admin";
import { registerAttachmentRoutes } from "../../modules/messaging/routes-attachments";
import { registerAuthRoutes } from "../../modules/identity/routes-auth";
import { registerCaseRoutes } from "../../modules/cases/routes";
import { registerComplianceRoutes } from "../../modules/compliance/routes";
import { registerConversationRoutes } from "../../modules/messaging/routes-conversations";
import { registerDpoRoutes } from "../../modules/dpo/routes";
import { registerDsrRoutes } from "../../modules/dsr/routes";
import { registerInvitationRoutes } from "../../modules/organisation/routes-invitations";
import { registerKeyRoutes } from "../../modules/organisation/routes-keys";
import { registerMfaRoutes } from "../../modules/identity/routes-mfa";
import { registerOrgLogRoutes } from "../../modules/organisation/routes-org-log";
import { registerOrganisationRoutes } from "../../modules/organisation/routes-organisations";
import { registerOrgStructureRoutes } from "../../modules/organisation/routes-org-structure";
import { registerRecoveryRoutes } from "../../modules/identity/routes-recovery";
import { registerRetentionRoutes } from "../../modules/retention/routes";
import { registerSessionRoutes } from "../../modules/identity/routes-sessions";
import { registerDeviceRoutes } from "../../modules/identity/routes-devices";
import { registerSetupRoutes } from "../../modules/organisation/routes-setup";
import { registerSsoRoutes } from "../../modules/identity/routes-sso";
import { registerSystemRoutes } from "./system-routes";

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
