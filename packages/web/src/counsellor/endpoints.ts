// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  AcceptCase,
  ArchiveCase,
  AssignCase,
  CloseCase,
  GetAbsence,
  GetCaseClientKeys,
  HandOverCase,
  ListCaseTeamWraps,
  ListKeyWraps,
  ListTeamMembers,
  ListTeams,
  LookUpRebindCode,
  OpenNotes,
  RebindCase,
  RecordCaseExport,
  SetAbsence,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Staff-only case routes (the shared ones — list, get, epochs, messages — live in messaging/endpoints.ts).
export const acceptCase: Endpoint<typeof AcceptCase> = { method: "POST", path: "/api/cases/:caseId/accept" };
export const assignCase: Endpoint<typeof AssignCase> = { method: "POST", path: "/api/cases/:caseId/assign" };
export const handOverCase: Endpoint<typeof HandOverCase> = { method: "POST", path: "/api/cases/:caseId/handover" };
export const closeCase: Endpoint<typeof CloseCase> = { method: "POST", path: "/api/cases/:caseId/close" };
export const archiveCase: Endpoint<typeof ArchiveCase> = { method: "POST", path: "/api/cases/:caseId/archive" };
export const openNotes: Endpoint<typeof OpenNotes> = { method: "POST", path: "/api/cases/:caseId/notes" };
export const recordExport: Endpoint<typeof RecordCaseExport> = { method: "POST", path: "/api/cases/:caseId/exports" };
export const caseTeamWraps: Endpoint<typeof ListCaseTeamWraps> = {
  method: "GET",
  path: "/api/cases/:caseId/team-wraps",
};
export const getAbsence: Endpoint<typeof GetAbsence> = { method: "GET", path: "/api/account/absence" };
export const setAbsence: Endpoint<typeof SetAbsence> = { method: "PUT", path: "/api/account/absence" };
export const keyWraps: Endpoint<typeof ListKeyWraps> = { method: "GET", path: "/api/keys/wraps" };
export const teamMembers: Endpoint<typeof ListTeamMembers> = {
  method: "GET",
  path: "/api/organisations/:orgId/teams/:teamId/members",
};
export const listTeams: Endpoint<typeof ListTeams> = { method: "GET", path: "/api/organisations/:orgId/teams" };
export const lookUpRebindCode: Endpoint<typeof LookUpRebindCode> = {
  method: "POST",
  path: "/api/cases/:caseId/rebind/lookup",
};
export const rebindCase: Endpoint<typeof RebindCase> = { method: "POST", path: "/api/cases/:caseId/rebind" };
export const caseClientKeys: Endpoint<typeof GetCaseClientKeys> = {
  method: "GET",
  path: "/api/cases/:caseId/client-keys",
};
