// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Role } from "./roles";

/**
 * How a resource relates to the actor for an action to be possible at all:
 * - `own`: the resource belongs to the actor (their sessions, their second factor);
 * - `organisation`: the resource is in the actor's organisation;
 * - `team`: the resource is a team of the actor's organisation (team_lead = leads that team);
 * - `instance`: instance-wide, no organisation.
 * A resource outside the scope is reported as not found, never as forbidden,
 * so that ids of other organisations or other people are not confirmed.
 */
export type Scope = "own" | "organisation" | "team" | "instance";

export interface Permission {
  readonly roles: readonly Role[];
  readonly scope: Scope;
  /** The actor may not act on their own account (another admin has to). */
  readonly notSelf?: true;
  readonly summary: string;
}

const STAFF: readonly Role[] = ["counsellor", "team_lead", "org_admin", "dpo", "report_office"];
const EVERYONE: readonly Role[] = ["client", ...STAFF, "operator"];

/**
 * THE permission table. Every authorisation decision of the routes in
 * admin, invitations, mfa, sessions and organisations goes through
 * `authorize()` with one of these actions; docs/ROLES.md is generated from
 * this constant and a test keeps them equal.
 */
export const PERMISSIONS = {
  "organisation.create": { roles: ["operator"], scope: "instance", summary: "Create an organisation (CLI)" },
  "organisation.read": { roles: STAFF, scope: "organisation", summary: "See the organisation's name and root key" },
  "organisation.policy.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "See session timeouts and second-factor rules",
  },
  "organisation.policy.update": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Change session timeouts and second-factor rules",
  },
  "invitation.create": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Invite a staff member (role, optional team)",
  },
  "invitation.list": { roles: ["org_admin"], scope: "organisation", summary: "List invitations" },
  "invitation.revoke": { roles: ["org_admin"], scope: "organisation", summary: "Revoke an unused invitation" },
  "account.list": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "List the organisation's staff accounts",
  },
  "account.deactivate": {
    roles: ["org_admin"],
    scope: "organisation",
    notSelf: true,
    summary: "Deactivate a staff member (ends sessions, leaves teams)",
  },
  "account.sessions.revoke": {
    roles: ["org_admin"],
    scope: "organisation",
    notSelf: true,
    summary: "End all sessions of a staff member",
  },
  "team.members.read": { roles: ["org_admin", "team_lead"], scope: "team", summary: "List the members of a team" },
  "retention.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "See the retention rules (start event and period per data class) and active legal holds",
  },
  "retention.update": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Change retention periods within their bounds",
  },
  "legal_hold.manage": {
    roles: ["team_lead", "org_admin", "dpo"],
    scope: "team",
    summary: "Put a case of the team on legal hold with a reason, or release it",
  },
  "session.list": { roles: EVERYONE, scope: "own", summary: "List one's own sessions" },
  "session.revoke": { roles: EVERYONE, scope: "own", summary: "End one's own sessions" },
  "mfa.manage": { roles: [...STAFF, "operator"], scope: "own", summary: "Enrol and use one's own second factor" },
  "sso.config.read": {
    roles: ["org_admin", "dpo"],
    scope: "organisation",
    summary: "See the organisation's single sign-on settings (never the client secret)",
  },
  "sso.config.update": {
    roles: ["org_admin"],
    scope: "organisation",
    summary: "Set or remove single sign-on (identity provider, group → role mapping)",
  },
  "sso.link": { roles: STAFF, scope: "own", summary: "Link one's own account to the organisation's identity provider" },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];
