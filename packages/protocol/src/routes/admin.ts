// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { B64, Id } from "../common";
import { defineRoute } from "../route";
import { Username } from "./auth";
import { KEPT_DEVICE_IDLE_MINUTES } from "./devices";
import type { ConversationKind } from "./conversations";

/**
 * Organisation administration: the organisation itself, its session and
 * second-factor policy, its staff accounts. Every route is scoped to one
 * organisation; staff of another organisation get 404 (ids are not confirmed).
 */
export const OrganisationIdParams = z.object({ orgId: Id }).strict();
export const OrganisationAccountParams = z.object({ orgId: Id, accountId: Id }).strict();

/** Roles an organisation account can hold (team lead is a team role, operator is instance-level). */
export const StaffRole = z.enum(["counsellor", "org_admin", "dpo", "report_office"]);
export type StaffRole = z.infer<typeof StaffRole>;

export const OrganisationView = z
  .object({ id: Id, name: z.string(), rootPublicKey: B64.nullable(), createdAt: z.number().int() })
  .strict()
  .meta({ id: "Organisation" });
export type OrganisationView = z.infer<typeof OrganisationView>;

/** Minutes a client's kept device may stay idle (15 min … 12 h). */
export const KeptDeviceIdleMinutes = z
  .number()
  .int()
  .min(KEPT_DEVICE_IDLE_MINUTES.min)
  .max(KEPT_DEVICE_IDLE_MINUTES.max);

export const RolePolicyView = z
  .object({
    role: StaffRole,
    /** Minutes without a request before the session ends (5 min … 12 h). */
    idleMinutes: z.number().int().min(5).max(720),
    /** Minutes after login when the session ends regardless (1 h … 12 h). */
    absoluteMinutes: z.number().int().min(60).max(720),
    mfaRequired: z.boolean(),
  })
  .strict()
  .meta({ id: "RolePolicy" });
export type RolePolicyView = z.infer<typeof RolePolicyView>;

export const OrganisationPolicyView = z
  .object({
    roles: z.array(RolePolicyView),
    /** Anonymous clients belong to no organisation: instance defaults, shown for reference. */
    client: z
      .object({
        idleMinutes: z.number().int(),
        absoluteMinutes: z.number().int(),
        /** How long a client's own ("kept") device may stay idle; the organisation's choice (ADR 0027). */
        keptDeviceIdleMinutes: KeptDeviceIdleMinutes,
      })
      .strict(),
  })
  .strict()
  .meta({ id: "OrganisationPolicy" });
export type OrganisationPolicyView = z.infer<typeof OrganisationPolicyView>;

export const StaffAccountView = z
  .object({
    id: Id,
    username: Username,
    /** What clients see; null for accounts from before it was required (they are asked to set one). */
    displayName: z.string().nullable(),
    role: z.string(),
    createdAt: z.number().int(),
    disabledAt: z.number().int().nullable(),
    teams: z.array(z.object({ teamId: Id, role: z.enum(["member", "lead"]) }).strict()),
    secondFactor: z.object({ totp: z.boolean(), passkeys: z.number().int().min(0) }).strict(),
  })
  .strict()
  .meta({ id: "StaffAccount" });
export type StaffAccountView = z.infer<typeof StaffAccountView>;

export const GetOrganisation = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId",
  summary: "The organisation (staff of it)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ organisation: OrganisationView }).strict() },
});

export const GetOrganisationPolicy = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/policy",
  summary: "Session timeouts and second-factor rules per role (admins, DPO)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: OrganisationPolicyView },
});

export const UpdateOrganisationPolicy = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/policy",
  summary:
    "Change session timeouts and second-factor rules of some roles, and clients' kept-device idle limit (admins; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: z
    .object({
      roles: z.array(RolePolicyView).min(1).max(4),
      client: z.object({ keptDeviceIdleMinutes: KeptDeviceIdleMinutes }).strict().optional(),
    })
    .strict()
    .refine((b) => new Set(b.roles.map((r) => r.role)).size === b.roles.length, "each role at most once")
    .refine((b) => b.roles.every((r) => r.idleMinutes <= r.absoluteMinutes), "idle limit longer than absolute limit"),
  responses: { 200: OrganisationPolicyView },
});

/** Whether read receipts and typing notices are shared in conversations of one kind. */
export const EphemeralRuleView = z.object({ receipts: z.boolean(), typing: z.boolean() }).strict();
export type EphemeralRuleView = z.infer<typeof EphemeralRuleView>;

/**
 * When a conversation's current epoch has served long enough and a new one is owed (ADR 0029): after
 * `maxMessages` messages or `maxDays` days, whichever comes first. The upper message bound stays far below
 * the 2^32 random-nonce limit of AES-GCM (docs/CRYPTO.md §7); the lower bounds keep a mistyped value from
 * asking for a new key every few messages.
 */
export const EPOCH_LIMITS = {
  maxMessages: { min: 50, max: 2 ** 24, default: 1000 },
  maxDays: { min: 1, max: 365, default: 30 },
} as const;

export const EpochRotationView = z
  .object({
    maxMessages: z.number().int().min(EPOCH_LIMITS.maxMessages.min).max(EPOCH_LIMITS.maxMessages.max),
    maxDays: z.number().int().min(EPOCH_LIMITS.maxDays.min).max(EPOCH_LIMITS.maxDays.max),
  })
  .strict();
export type EpochRotationView = z.infer<typeof EpochRotationView>;

/**
 * An organisation's messaging policy (issue 5). `kinds` has one rule per
 * conversation kind; `presence.staff` shares online/away among staff who
 * share a conversation, `presence.clients` between a client and the staff of
 * their case (both directions). Whatever it says, broadcast subscribers never
 * see each other and clients never see other clients. `epochs` bounds how many
 * messages and days one conversation key serves before a new one is owed.
 */
export const MessagingPolicyView = z
  .object({
    kinds: z
      .object({
        direct: EphemeralRuleView,
        team: EphemeralRuleView,
        case: EphemeralRuleView,
        broadcast: EphemeralRuleView,
        notes: EphemeralRuleView,
      } satisfies Record<ConversationKind, typeof EphemeralRuleView>)
      .strict(),
    presence: z.object({ staff: z.boolean(), clients: z.boolean() }).strict(),
    epochs: EpochRotationView,
  })
  .strict()
  .meta({ id: "MessagingPolicy" });
export type MessagingPolicyView = z.infer<typeof MessagingPolicyView>;

export const GetMessagingPolicy = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/messaging-policy",
  summary: "Receipts and typing per conversation kind, presence for staff and clients (admins, DPO)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ policy: MessagingPolicyView }).strict() },
});

export const UpdateMessagingPolicy = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/messaging-policy",
  summary: "Replace the messaging policy; applies on every node within seconds (admins; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: z.object({ policy: MessagingPolicyView }).strict(),
  responses: { 200: z.object({ policy: MessagingPolicyView }).strict() },
});

export const ListStaffAccounts = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/accounts",
  summary: "Staff accounts of the organisation with teams and second-factor state (admins, DPO)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ accounts: z.array(StaffAccountView) }).strict() },
});

export const DeactivateAccount = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/accounts/:accountId/deactivate",
  summary: "Deactivate a staff member: no more logins, sessions end now, team memberships removed (admins; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationAccountParams,
  responses: { 200: z.object({ account: StaffAccountView, endedSessions: z.number().int().min(0) }).strict() },
});

export const ChangeAccountRole = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/accounts/:accountId/role",
  summary:
    "Change a staff member's role (admins, not oneself; 409 last_admin for the last confirmed administrator; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationAccountParams,
  body: z.object({ role: StaffRole }).strict(),
  responses: { 200: z.object({ account: StaffAccountView }).strict() },
});

export const RevokeAccountSessions = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/accounts/:accountId/revoke-sessions",
  summary: "End every session of a staff member now, on all nodes (admins; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationAccountParams,
  responses: { 200: z.object({ endedSessions: z.number().int().min(0) }).strict() },
});

export const TeamView = z
  .object({
    id: Id,
    name: z.string(),
    agencyId: Id.nullable(),
    isIntake: z.boolean(),
    /** The caller's role in this team, null when not a member. */
    myRole: z.enum(["member", "lead"]).nullable(),
  })
  .strict()
  .meta({ id: "Team" });
export type TeamView = z.infer<typeof TeamView>;

export const ListTeams = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/teams",
  summary: "Teams of the organisation with names and the caller's role in each (staff of it; e.g. for a handover)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ teams: z.array(TeamView) }).strict() },
});

/** A colleague in the organisation's staff directory: no clients, nothing about logins or second factors. */
export const StaffDirectoryEntry = z
  .object({
    accountId: Id,
    username: Username,
    /** The name the person chose to be shown; null: the login name is shown. */
    displayName: z.string().nullable(),
    role: StaffRole,
    /** Their teams (ids; names from ListTeams) and their role in each. */
    teams: z.array(z.object({ teamId: Id, role: z.enum(["member", "lead"]) }).strict()),
  })
  .strict()
  .meta({ id: "StaffDirectoryEntry" });
export type StaffDirectoryEntry = z.infer<typeof StaffDirectoryEntry>;

export const ListStaffDirectory = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/staff-directory",
  summary: "Active staff of the organisation by name, role and teams (staff of it; e.g. to start a chat)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ staff: z.array(StaffDirectoryEntry) }).strict() },
});

export const ListTeamMembers = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/teams/:teamId/members",
  summary: "Members of a team (admins, the team's leads and members)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: z.object({ orgId: Id, teamId: Id }).strict(),
  responses: {
    200: z
      .object({
        members: z.array(z.object({ accountId: Id, username: Username, role: z.enum(["member", "lead"]) }).strict()),
      })
      .strict(),
  },
});
