// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  CreateBreach,
  ExportAuditEntries,
  GetAuditStatus,
  GetProcessingRecord,
  GetProcessingRecordVersion,
  ListAuditEntries,
  ListBreaches,
  ListBreakGlass,
  RequestBreakGlass,
  StoreProcessingRecord,
  UpdateBreach,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// The DPO's tools (issue 7, items 4 and 7) and break glass.
export const auditEntries: Endpoint<typeof ListAuditEntries> = {
  method: "GET",
  path: "/api/organisations/:orgId/audit",
};
export const auditExport: Endpoint<typeof ExportAuditEntries> = {
  method: "GET",
  path: "/api/organisations/:orgId/audit/export",
};
export const auditStatus: Endpoint<typeof GetAuditStatus> = {
  method: "GET",
  path: "/api/organisations/:orgId/audit/status",
};
export const requestBreakGlass: Endpoint<typeof RequestBreakGlass> = {
  method: "POST",
  path: "/api/cases/:caseId/break-glass",
};
export const breakGlassEvents: Endpoint<typeof ListBreakGlass> = {
  method: "GET",
  path: "/api/organisations/:orgId/break-glass",
};
export const processingRecord: Endpoint<typeof GetProcessingRecord> = {
  method: "GET",
  path: "/api/organisations/:orgId/processing-record",
};
export const storeProcessingRecord: Endpoint<typeof StoreProcessingRecord> = {
  method: "POST",
  path: "/api/organisations/:orgId/processing-record/versions",
};
export const processingRecordVersion: Endpoint<typeof GetProcessingRecordVersion> = {
  method: "GET",
  path: "/api/organisations/:orgId/processing-record/versions/:version",
};
// The breach register (ADR 0047).
export const breaches: Endpoint<typeof ListBreaches> = {
  method: "GET",
  path: "/api/organisations/:orgId/breaches",
};
export const createBreach: Endpoint<typeof CreateBreach> = {
  method: "POST",
  path: "/api/organisations/:orgId/breaches",
};
export const updateBreach: Endpoint<typeof UpdateBreach> = {
  method: "PUT",
  path: "/api/organisations/:orgId/breaches/:breachId",
};
