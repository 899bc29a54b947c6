// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  ApproveOrgDocument,
  ConfirmDocument,
  CreateOrgDocument,
  GetMyChannelPreferences,
  GetPublishedDocuments,
  GuidelineReport,
  ListMyAcceptances,
  ListMyConsents,
  ListOrgDocuments,
  PublishOrgDocument,
  UpdateMyChannelPreferences,
  WithdrawMyConsent,
  GiveMyConsent,
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

// The client's own consents and contact channels (issue 7.2).
export const myConsents: Endpoint<typeof ListMyConsents> = { method: "GET", path: "/api/account/consents" };
export const giveMyConsent: Endpoint<typeof GiveMyConsent> = { method: "POST", path: "/api/account/consents" };
export const withdrawMyConsent: Endpoint<typeof WithdrawMyConsent> = {
  method: "POST",
  path: "/api/account/consents/:consentId/withdraw",
};
export const myChannels: Endpoint<typeof GetMyChannelPreferences> = {
  method: "GET",
  path: "/api/account/channel-preferences",
};
export const setMyChannels: Endpoint<typeof UpdateMyChannelPreferences> = {
  method: "PUT",
  path: "/api/account/channel-preferences",
};
