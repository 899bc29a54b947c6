// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  AddConversationMembers,
  CreateConversation,
  ListConversations,
  ListStaffDirectory,
  RemoveConversationMember,
  SetConversationTitle,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Each literal is type-checked against the protocol definition (see api/client.ts).
export const createConversation: Endpoint<typeof CreateConversation> = { method: "POST", path: "/api/conversations" };
export const listConversations: Endpoint<typeof ListConversations> = { method: "GET", path: "/api/conversations" };
export const addConversationMembers: Endpoint<typeof AddConversationMembers> = {
  method: "POST",
  path: "/api/conversations/:id/members",
};
export const removeConversationMember: Endpoint<typeof RemoveConversationMember> = {
  method: "DELETE",
  path: "/api/conversations/:id/members/:accountId",
};
export const setConversationTitle: Endpoint<typeof SetConversationTitle> = {
  method: "PUT",
  path: "/api/conversations/:id/title",
};
export const staffDirectory: Endpoint<typeof ListStaffDirectory> = {
  method: "GET",
  path: "/api/organisations/:orgId/staff-directory",
};
