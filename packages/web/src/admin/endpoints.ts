// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  AddTeamMember,
  ChangeAccountRole,
  AppendOrgLogEntry,
  CreateAgency,
  CreateInvitation,
  CreateTeam,
  CreateTopic,
  DeactivateAccount,
  GetAccountPublicKeys,
  GetAttentionCounts,
  GetOrganisation,
  GetOrganisationPolicy,
  GetOrgLog,
  IssueAccountReset,
  ListAccountResets,
  ListAgencies,
  ListInvitations,
  ListKeyWraps,
  ListStaffAccounts,
  ListTeamMembers,
  ListTeams,
  RemoveTeamMember,
  ResetSecondFactor,
  RevokeAccountSessions,
  RevokeInvitation,
  UpdateAgency,
  UpdateOrganisationPolicy,
  UploadKeyWraps,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Each literal is type-checked against the protocol definition (see api/client.ts).
const org = "/api/organisations/:orgId" as const;
export const getOrganisation: Endpoint<typeof GetOrganisation> = { method: "GET", path: `${org}` };
export const getPolicy: Endpoint<typeof GetOrganisationPolicy> = { method: "GET", path: `${org}/policy` };
export const updatePolicy: Endpoint<typeof UpdateOrganisationPolicy> = { method: "PUT", path: `${org}/policy` };
export const listAccounts: Endpoint<typeof ListStaffAccounts> = { method: "GET", path: `${org}/accounts` };
export const deactivateAccount: Endpoint<typeof DeactivateAccount> = {
  method: "POST",
  path: `${org}/accounts/:accountId/deactivate`,
};
export const changeAccountRole: Endpoint<typeof ChangeAccountRole> = {
  method: "PUT",
  path: `${org}/accounts/:accountId/role`,
};
export const revokeSessions: Endpoint<typeof RevokeAccountSessions> = {
  method: "POST",
  path: `${org}/accounts/:accountId/revoke-sessions`,
};
export const resetSecondFactor: Endpoint<typeof ResetSecondFactor> = {
  method: "POST",
  path: `${org}/accounts/:accountId/reset-second-factor`,
};
export const issueAccountReset: Endpoint<typeof IssueAccountReset> = {
  method: "POST",
  path: `${org}/accounts/:accountId/reset`,
};
export const listAccountResets: Endpoint<typeof ListAccountResets> = { method: "GET", path: `${org}/account-resets` };
export const publicKeys: Endpoint<typeof GetAccountPublicKeys> = {
  method: "GET",
  path: `${org}/accounts/:accountId/public-keys`,
};
export const listTeams: Endpoint<typeof ListTeams> = { method: "GET", path: `${org}/teams` };
export const createTeam: Endpoint<typeof CreateTeam> = { method: "POST", path: `${org}/teams` };
export const teamMembers: Endpoint<typeof ListTeamMembers> = { method: "GET", path: `${org}/teams/:teamId/members` };
export const addTeamMember: Endpoint<typeof AddTeamMember> = { method: "POST", path: `${org}/teams/:teamId/members` };
export const removeTeamMember: Endpoint<typeof RemoveTeamMember> = {
  method: "DELETE",
  path: `${org}/teams/:teamId/members/:accountId`,
};
export const listAgencies: Endpoint<typeof ListAgencies> = { method: "GET", path: `${org}/agencies` };
export const createAgency: Endpoint<typeof CreateAgency> = { method: "POST", path: `${org}/agencies` };
export const updateAgency: Endpoint<typeof UpdateAgency> = { method: "PUT", path: `${org}/agencies/:agencyId` };
export const createTopic: Endpoint<typeof CreateTopic> = { method: "POST", path: `${org}/topics` };
export const createInvitation: Endpoint<typeof CreateInvitation> = { method: "POST", path: `${org}/invitations` };
export const listInvitations: Endpoint<typeof ListInvitations> = { method: "GET", path: `${org}/invitations` };
export const attentionCounts: Endpoint<typeof GetAttentionCounts> = { method: "GET", path: `${org}/attention` };
export const revokeInvitation: Endpoint<typeof RevokeInvitation> = {
  method: "DELETE",
  path: `${org}/invitations/:invitationId`,
};
export const readOrgLog: Endpoint<typeof GetOrgLog> = { method: "GET", path: `${org}/log` };
export const appendOrgLog: Endpoint<typeof AppendOrgLogEntry> = { method: "POST", path: `${org}/log` };
export const keyWraps: Endpoint<typeof ListKeyWraps> = { method: "GET", path: "/api/keys/wraps" };
export const uploadKeyWraps: Endpoint<typeof UploadKeyWraps> = { method: "POST", path: `${org}/key-wraps` };
