// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * The roles of Obhut. `team_lead` is not stored on the account: it is a
 * counsellor who leads the team in question (team_members.role = "lead"),
 * so it only ever applies to team-scoped actions. `operator` runs the
 * instance and belongs to no organisation.
 */
export const ROLES = ["client", "counsellor", "team_lead", "org_admin", "dpo", "report_office", "operator"] as const;
export type Role = (typeof ROLES)[number];

/** Roles an account can hold in `accounts.role` for staff of an organisation (what invitations may grant). */
export const ORGANISATION_STAFF_ROLES = ["counsellor", "org_admin", "dpo", "report_office"] as const;
export type OrganisationStaffRole = (typeof ORGANISATION_STAFF_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  client: "Client (anonymous)",
  counsellor: "Counsellor",
  team_lead: "Team lead (counsellor leading the team)",
  org_admin: "Organisation admin",
  dpo: "Data-protection officer",
  report_office: "Report office",
  operator: "Operator (instance)",
};

export function isOrganisationStaffRole(role: string): role is OrganisationStaffRole {
  return (ORGANISATION_STAFF_ROLES as readonly string[]).includes(role);
}
