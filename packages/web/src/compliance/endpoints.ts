// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  AcceptDocument,
  ApproveOrgDocument,
  CheckForwarding,
  GetClientChannelPreferences,
  ListConsents,
  RecordConsent,
  WithdrawConsent,
  ConfirmDocument,
  CreateOrgDocument,
  GetMyChannelPreferences,
  GetPublishedDocuments,
  GuidelineReport,
  ListMyAcceptances,
  ListMyConsents,
  ListOrgDocuments,
  PublishOrgDocument,
  UpdateOrgDocument,
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
export const updateDocument: Endpoint<typeof UpdateOrgDocument> = {
  method: "PUT",
  path: "/api/organisations/:orgId/documents/:documentId",
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
export const acceptDocument: Endpoint<typeof AcceptDocument> = {
  method: "POST",
  path: "/api/documents/:documentId/accept",
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

// Staff, on a case: the client's consents (record, withdraw), how they may be contacted, the forwarding gate.
export const caseConsents: Endpoint<typeof ListConsents> = { method: "GET", path: "/api/consents" };
export const recordConsent: Endpoint<typeof RecordConsent> = { method: "POST", path: "/api/consents" };
export const withdrawConsent: Endpoint<typeof WithdrawConsent> = {
  method: "POST",
  path: "/api/consents/:consentId/withdraw",
};
export const clientChannels: Endpoint<typeof GetClientChannelPreferences> = {
  method: "GET",
  path: "/api/organisations/:orgId/clients/:clientId/channel-preferences",
};
export const checkForwarding: Endpoint<typeof CheckForwarding> = { method: "POST", path: "/api/forwarding/check" };
