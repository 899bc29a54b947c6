// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { multiLineText, singleLineText } from "../text";
import { OrganisationAccountParams, OrganisationIdParams } from "./admin";
import { AddressForm, CASE_LIMITS } from "./cases";

/**
 * The admin console's organisation structure (issue 4, item 8): agencies
 * with what the finder shows about them, the organisation's topics, teams
 * and team membership, and the reset of a staff member's second factor.
 * Everything here is organisational plaintext that clients may see in the
 * finder; nothing of a case. Team membership changes only the server's
 * directory: the admin's browser adds the matching org-log entries and team
 * key wraps (the server holds no keys).
 */

/** A postcode or a prefix of one: "1" … "12345". */
export const PostcodePrefix = z.string().regex(/^[0-9]{1,5}$/, "must be 1 to 5 digits");
/** A BCP 47 language tag, short form ("de", "tr", "pt-BR"). */
export const LanguageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, "must be a language tag");

export const AgencyAdminView = z
  .object({
    id: Id,
    name: z.string(),
    address: z.string().nullable(),
    postcodes: z.array(z.string()),
    topicIds: z.array(Id),
    languages: z.array(z.string()),
    openingHours: z.string().nullable(),
    onlineAnywhere: z.boolean(),
    greeting: z.string().nullable(),
    /** For cases on an informal ("du") topic; null: `greeting` for both. */
    greetingInformal: z.string().nullable(),
    createdAt: z.number().int(),
  })
  .strict()
  .meta({ id: "AgencyAdmin" });
export type AgencyAdminView = z.infer<typeof AgencyAdminView>;

/** Empty text counts as "not given" (the service stores null). */
const optionalText = (max: number) => multiLineText({ max }).nullable();

export const AgencyInput = z
  .object({
    name: singleLineText({ min: 1, max: 200 }),
    address: optionalText(300),
    postcodes: z.array(PostcodePrefix).max(500),
    topicIds: z.array(Id).max(50),
    languages: z.array(LanguageTag).max(30),
    openingHours: optionalText(500),
    onlineAnywhere: z.boolean(),
    greeting: optionalText(CASE_LIMITS.noticeChars),
    /** The greeting in the informal form; left out or empty: the one greeting for both forms. */
    greetingInformal: optionalText(CASE_LIMITS.noticeChars).optional(),
  })
  .strict()
  .refine((a) => new Set(a.topicIds).size === a.topicIds.length, "each topic at most once");
export type AgencyInput = z.infer<typeof AgencyInput>;

export const OrgTopicView = z
  .object({ id: Id, slug: z.string(), name: z.string(), addressForm: AddressForm })
  .strict()
  .meta({ id: "OrgTopic" });
export type OrgTopicView = z.infer<typeof OrgTopicView>;

export const AgencyParams = z.object({ orgId: Id, agencyId: Id }).strict();
export const TeamParams = z.object({ orgId: Id, teamId: Id }).strict();
export const TeamMemberParams = z.object({ orgId: Id, teamId: Id, accountId: Id }).strict();

export const ListAgencies = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/agencies",
  summary: "Agencies of the organisation with all finder fields (admins, DPO)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: {
    200: z.object({ agencies: z.array(AgencyAdminView), topics: z.array(OrgTopicView) }).strict(),
  },
});

export const CreateAgency = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/agencies",
  summary: "Create an agency (admins; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: AgencyInput,
  responses: { 201: z.object({ agency: AgencyAdminView }).strict() },
});

export const UpdateAgency = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/agencies/:agencyId",
  summary:
    "Change an agency's name, address, postcodes, topics, languages, hours, online flag or greeting (admins; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: AgencyParams,
  body: AgencyInput,
  responses: { 200: z.object({ agency: AgencyAdminView }).strict() },
});

export const CreateTopic = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/topics",
  summary: "Add a counselling topic agencies can offer (admins; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: z
    .object({
      slug: z
        .string()
        .min(2)
        .max(40)
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and hyphens"),
      name: singleLineText({ min: 1, max: 120 }),
      addressForm: AddressForm,
    })
    .strict(),
  responses: { 201: z.object({ topic: OrgTopicView }).strict() },
});

export const CreateTeam = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/teams",
  summary: "Create a team, optionally of an agency and as its intake team (admins; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: z
    .object({ name: singleLineText({ min: 1, max: 120 }), agencyId: Id.nullable(), isIntake: z.boolean() })
    .strict()
    .refine((t) => !t.isIntake || t.agencyId !== null, "an intake team belongs to an agency"),
  responses: {
    201: z
      .object({
        team: z.object({ id: Id, name: z.string(), agencyId: Id.nullable(), isIntake: z.boolean() }).strict(),
      })
      .strict(),
  },
});

export const TeamRole = z.enum(["member", "lead"]);

export const AddTeamMember = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/teams/:teamId/members",
  summary:
    "Add an active staff member to a team or change their team role (admins; audited). The admin's browser then certifies their key in the org log and wraps the team key to them",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: TeamParams,
  body: z.object({ accountId: Id, role: TeamRole }).strict(),
  responses: { 200: z.object({ accountId: Id, role: TeamRole, added: z.boolean() }).strict() },
});

export const RemoveTeamMember = defineRoute({
  method: "DELETE",
  path: "/api/organisations/:orgId/teams/:teamId/members/:accountId",
  summary:
    "Remove a member from a team: their case access ends now (admins; audited). The admin's browser then rotates the team key",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: TeamMemberParams,
  responses: { 204: z.null() },
});

export const ResetSecondFactor = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/accounts/:accountId/reset-second-factor",
  summary:
    "Remove a staff member's authenticator app and passkeys and end their sessions; they enrol again at the next login (admins, not oneself; audited)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationAccountParams,
  responses: {
    200: z
      .object({
        removed: z.object({ totp: z.boolean(), passkeys: z.number().int().min(0) }).strict(),
        endedSessions: z.number().int().min(0),
      })
      .strict(),
  },
});
