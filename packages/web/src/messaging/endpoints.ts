// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  AddEpoch,
  CompleteAttachment,
  CreateAttachment,
  DeleteAttachment,
  DownloadAttachment,
  FindAgencies,
  GetAgency,
  GetAttachmentUpload,
  GetCase,
  GetConversation,
  GetConversationAttachmentPolicy,
  GetOrgLog,
  ListCases,
  ListEpochs,
  ListMessages,
  ListTopics,
  MarkRead,
  OpenCase,
  PutAttachmentChunk,
  SendMessage,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Each literal is type-checked against the protocol definition (see api/client.ts).
export const listTopics: Endpoint<typeof ListTopics> = { method: "GET", path: "/api/finder/topics" };
export const findAgencies: Endpoint<typeof FindAgencies> = { method: "GET", path: "/api/finder/agencies" };
export const getAgency: Endpoint<typeof GetAgency> = { method: "GET", path: "/api/finder/agencies/:agencyId" };
export const openCase: Endpoint<typeof OpenCase> = { method: "POST", path: "/api/cases" };
export const listCases: Endpoint<typeof ListCases> = { method: "GET", path: "/api/cases" };
export const getCase: Endpoint<typeof GetCase> = { method: "GET", path: "/api/cases/:caseId" };
export const orgLog: Endpoint<typeof GetOrgLog> = { method: "GET", path: "/api/organisations/:orgId/log" };
export const getConversation: Endpoint<typeof GetConversation> = { method: "GET", path: "/api/conversations/:id" };
export const listEpochs: Endpoint<typeof ListEpochs> = { method: "GET", path: "/api/conversations/:id/epochs" };
export const addEpoch: Endpoint<typeof AddEpoch> = { method: "POST", path: "/api/conversations/:id/epochs" };
export const listMessages: Endpoint<typeof ListMessages> = { method: "GET", path: "/api/conversations/:id/messages" };
export const sendMessage: Endpoint<typeof SendMessage> = { method: "POST", path: "/api/conversations/:id/messages" };
export const markRead: Endpoint<typeof MarkRead> = { method: "POST", path: "/api/conversations/:id/read" };
export const createAttachment: Endpoint<typeof CreateAttachment> = { method: "POST", path: "/api/attachments" };
export const attachmentUpload: Endpoint<typeof GetAttachmentUpload> = {
  method: "GET",
  path: "/api/attachments/:id/upload",
};
export const completeAttachment: Endpoint<typeof CompleteAttachment> = {
  method: "POST",
  path: "/api/attachments/:id/complete",
};
export const deleteAttachment: Endpoint<typeof DeleteAttachment> = { method: "DELETE", path: "/api/attachments/:id" };
// Byte routes: attachments.ts sends and reads octets with `raw`, not the JSON client, at these checked paths.
export const putAttachmentChunk: Endpoint<typeof PutAttachmentChunk> = {
  method: "PUT",
  path: "/api/attachments/:id/chunks/:index",
};
export const attachmentCiphertext: Endpoint<typeof DownloadAttachment> = {
  method: "GET",
  path: "/api/attachments/:id",
};
export const conversationAttachmentPolicy: Endpoint<typeof GetConversationAttachmentPolicy> = {
  method: "GET",
  path: "/api/conversations/:id/attachment-policy",
};
