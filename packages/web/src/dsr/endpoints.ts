// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  AccountDeletionFinish,
  AccountDeletionStart,
  CloseDsrRequest,
  CreateDsrRequest,
  DsrReport,
  ExtendDsrRequest,
  GetAccountDeletion,
  GetMyData,
  LiftRestriction,
  ListDsrRequests,
  ListMyRestrictions,
  ListRestrictions,
  SetRestriction,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// The client's own data (issue 7.5): export and erasure.
export const myData: Endpoint<typeof GetMyData> = { method: "GET", path: "/api/account/data" };
export const myRestrictions: Endpoint<typeof ListMyRestrictions> = { method: "GET", path: "/api/account/restrictions" };
export const deletionCheck: Endpoint<typeof GetAccountDeletion> = { method: "GET", path: "/api/account/deletion" };
export const deletionStart: Endpoint<typeof AccountDeletionStart> = {
  method: "POST",
  path: "/api/account/deletion/start",
};
export const deletionFinish: Endpoint<typeof AccountDeletionFinish> = {
  method: "POST",
  path: "/api/account/deletion/finish",
};

// Requests received elsewhere and restrictions (DPO, admins).
export const dsrRequests: Endpoint<typeof ListDsrRequests> = {
  method: "GET",
  path: "/api/organisations/:orgId/dsr-requests",
};
export const createDsrRequest: Endpoint<typeof CreateDsrRequest> = {
  method: "POST",
  path: "/api/organisations/:orgId/dsr-requests",
};
export const extendDsrRequest: Endpoint<typeof ExtendDsrRequest> = {
  method: "POST",
  path: "/api/organisations/:orgId/dsr-requests/:requestId/extend",
};
export const closeDsrRequest: Endpoint<typeof CloseDsrRequest> = {
  method: "POST",
  path: "/api/organisations/:orgId/dsr-requests/:requestId/close",
};
export const dsrReport: Endpoint<typeof DsrReport> = {
  method: "GET",
  path: "/api/organisations/:orgId/dsr-requests/report",
};
export const restrictions: Endpoint<typeof ListRestrictions> = {
  method: "GET",
  path: "/api/organisations/:orgId/restrictions",
};
export const setRestriction: Endpoint<typeof SetRestriction> = {
  method: "POST",
  path: "/api/organisations/:orgId/restrictions",
};
export const liftRestriction: Endpoint<typeof LiftRestriction> = {
  method: "DELETE",
  path: "/api/organisations/:orgId/restrictions/:restrictionId",
};
