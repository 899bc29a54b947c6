// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DecideArchiveAccess, ListArchiveAccess, RequestArchiveAccess } from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Archive access (ADR 0032): an admin asks, the DPO decides, admins, the DPO and team leads see the requests.
export const requestArchiveAccess: Endpoint<typeof RequestArchiveAccess> = {
  method: "POST",
  path: "/api/cases/:caseId/archive-access",
};
export const decideArchiveAccess: Endpoint<typeof DecideArchiveAccess> = {
  method: "POST",
  path: "/api/organisations/:orgId/archive-access/:requestId/decision",
};
export const archiveAccessRequests: Endpoint<typeof ListArchiveAccess> = {
  method: "GET",
  path: "/api/organisations/:orgId/archive-access",
};
