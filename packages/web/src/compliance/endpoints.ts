// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  ApproveOrgDocument,
  ConfirmDocument,
  CreateOrgDocument,
  GetPublishedDocuments,
  GuidelineReport,
  ListMyAcceptances,
  ListOrgDocuments,
  PublishOrgDocument,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Organisation documents (issue 7.1): staff confirmation, and drafting/approval/publishing for admins and the DPO.
export const publishedDocuments: Endpoint<typeof GetPublishedDocuments> = {
  method: "GET",
  path: "/api/organisations/:orgId/documents/published",
};
export const orgDocuments: Endpoint<typeof ListOrgDocuments> = {
  method: "GET",
  path: "/api/organisations/:orgId/documents",
};
export const createDocument: Endpoint<typeof CreateOrgDocument> = {
  method: "POST",
  path: "/api/organisations/:orgId/documents",
};
export const approveDocument: Endpoint<typeof ApproveOrgDocument> = {
  method: "POST",
  path: "/api/organisations/:orgId/documents/:documentId/approve",
};
export const publishDocument: Endpoint<typeof PublishOrgDocument> = {
  method: "POST",
  path: "/api/organisations/:orgId/documents/:documentId/publish",
};
export const confirmDocument: Endpoint<typeof ConfirmDocument> = {
  method: "POST",
  path: "/api/organisations/:orgId/documents/:documentId/confirm",
};
export const myAcceptances: Endpoint<typeof ListMyAcceptances> = { method: "GET", path: "/api/documents/acceptances" };
export const guidelineReport: Endpoint<typeof GuidelineReport> = {
  method: "GET",
  path: "/api/organisations/:orgId/documents/guideline-report",
};
