// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteDef } from "../route";
import * as account from "./account";
import * as addressForm from "./address-form";
import * as admin from "./admin";
import * as adminAttention from "./admin-attention";
import * as appointments from "./appointments";
import * as archiveAccess from "./archive-access";
import * as attachments from "./attachments";
import * as cannedReplies from "./canned-replies";
import * as auth from "./auth";
import * as breaches from "./breaches";
import * as caseRebind from "./case-rebind";
import * as cases from "./cases";
import * as channels from "./channels";
import * as clientSafety from "./client-safety";
import * as compliance from "./compliance";
import * as conversations from "./conversations";
import * as devices from "./devices";
import * as dpo from "./dpo";
import * as dsr from "./dsr";
import * as invitations from "./invitations";
import * as keys from "./keys";
import * as mfa from "./mfa";
import * as notifications from "./notifications";
import * as orgLog from "./org-log";
import * as owedRotations from "./owed-rotations";
import * as push from "./push";
import * as orgStructure from "./org-structure";
import * as processors from "./processors";
import * as retention from "./retention";
import * as sessions from "./sessions";
import * as setup from "./setup";
import * as sso from "./sso";
import * as staffNotifications from "./staff-notifications";
import * as statistics from "./statistics";
import * as clientDetails from "./client-details";
import * as quietHours from "./quiet-hours";
import * as notificationRules from "./notification-rules";
import * as system from "./system";
import * as trainings from "./trainings";

export * from "./account";
export * from "./address-form";
export * from "./admin";
export * from "./admin-attention";
export * from "./archive-access";
export * from "./attachments";
export * from "./canned-replies";
export * from "./auth";
export * from "./breaches";
export * from "./trainings";
export * from "./appointments";
export * from "./case-rebind";
export * from "./cases";
export * from "./channels";
export * from "./client-safety";
export * from "./compliance";
export * from "./conversations";
export * from "./devices";
export * from "./dpo";
export * from "./dsr";
export * from "./invitations";
export * from "./keys";
export * from "./mfa";
export * from "./notifications";
export * from "./push";
export * from "./staff-notifications";
export * from "./statistics";
export * from "./client-details";
export * from "./quiet-hours";
export * from "./notification-rules";
export * from "./org-log";
export * from "./owed-rotations";
export * from "./org-structure";
export * from "./processors";
export * from "./retention";
export * from "./sessions";
export * from "./setup";
export * from "./sso";
export * from "./system";

function routesOf(mod: Record<string, unknown>): RouteDef[] {
  return Object.values(mod).filter(
    (v): v is RouteDef => typeof v === "object" && v !== null && "method" in v && "path" in v && "responses" in v,
  );
}

/** Every HTTP route of the API. The server registers exactly these; the fuzz test and OpenAPI iterate them. */
export const allRoutes: readonly RouteDef[] = [
  ...routesOf(system),
  ...routesOf(setup),
  ...routesOf(auth),
  ...routesOf(conversations),
  ...routesOf(orgLog),
  ...routesOf(keys),
  ...routesOf(owedRotations),
  ...routesOf(account),
  ...routesOf(addressForm),
  ...routesOf(devices),
  ...routesOf(admin),
  ...routesOf(adminAttention),
  ...routesOf(clientSafety),
  ...routesOf(orgStructure),
  ...routesOf(invitations),
  ...routesOf(mfa),
  ...routesOf(sessions),
  ...routesOf(attachments),
  ...routesOf(cases),
  ...routesOf(caseRebind),
  ...routesOf(cannedReplies),
  ...routesOf(channels),
  ...routesOf(sso),
  ...routesOf(retention),
  ...routesOf(compliance),
  ...routesOf(dpo),
  ...routesOf(breaches),
  ...routesOf(processors),
  ...routesOf(trainings),
  ...routesOf(appointments),
  ...routesOf(archiveAccess),
  ...routesOf(dsr),
  ...routesOf(notifications),
  ...routesOf(push),
  ...routesOf(staffNotifications),
  ...routesOf(quietHours),
  ...routesOf(statistics),
  ...routesOf(clientDetails),
  ...routesOf(notificationRules),
];
