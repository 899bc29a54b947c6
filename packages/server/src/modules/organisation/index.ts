// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the organisation module: other modules, app/ and cli/ import only from here. */
export { deactivateAccount, loadStaffAccounts } from "./admin";
export { issueInvitation } from "./invitations";
export { createOrganisation } from "./organisations";
export { registerAdminRoutes } from "./routes-admin";
export { registerInvitationRoutes } from "./routes-invitations";
export { registerKeyRoutes } from "./routes-keys";
export { registerOrgLogRoutes } from "./routes-org-log";
export { registerOrgStructureRoutes } from "./routes-org-structure";
export { registerOrganisationRoutes } from "./routes-organisations";
export { registerSetupRoutes } from "./routes-setup";
export { issueSetupToken } from "./setup";
export { seedDemo } from "./demo";
export { waiveSecondFactor } from "./organisation-policy";
export { registerDisplayNameRoutes } from "./routes-display-name";
