// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetRetentionRules, ListLegalHolds, UpdateRetentionRules } from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Type-checked against the protocol like the literals in endpoints.ts.
export const getRetentionRules: Endpoint<typeof GetRetentionRules> = {
  method: "GET",
  path: "/api/organisations/:orgId/retention",
};
export const updateRetentionRules: Endpoint<typeof UpdateRetentionRules> = {
  method: "PUT",
  path: "/api/organisations/:orgId/retention",
};
export const listLegalHolds: Endpoint<typeof ListLegalHolds> = {
  method: "GET",
  path: "/api/organisations/:orgId/legal-holds",
};
