// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { B64, Id } from "../common";
import { defineRoute } from "../route";
import { OrganisationIdParams, StaffRole } from "./admin";
import { StaffDisplayName } from "./account";
import { AccountView, KeyBundle, OpaqueMessage, Username } from "./auth";

/** The single-use token of an invitation link; like the setup token it travels in the URL fragment. */
export const InvitationToken = z
  .string()
  .min(20)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, "must be an invitation token");

export const InvitationView = z
  .object({
    id: Id,
    organisationId: Id,
    role: StaffRole,
    teamId: Id.nullable(),
    /** null when issued by the operator with `obhut admin`. */
    createdBy: Id.nullable(),
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
    status: z.enum(["pending", "used", "revoked", "expired"]),
  })
  .strict()
  .meta({ id: "Invitation" });
export type InvitationView = z.infer<typeof InvitationView>;

/** Default and maximum validity of an invitation link. */
export const INVITATION_DEFAULT_HOURS = 7 * 24;
export const INVITATION_MAX_HOURS = 30 * 24;

export const CreateInvitation = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/invitations",
  summary: "Invite a staff member; the link token is returned once and only its hash is stored (admins; audited)",
  tag: "invitations",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: z
    .object({
      role: StaffRole,
      teamId: Id.optional(),
      expiresInHours: z.number().int().min(1).max(INVITATION_MAX_HOURS).optional(),
    })
    .strict(),
  responses: { 201: z.object({ invitation: InvitationView, token: InvitationToken }).strict() },
});

export const ListInvitations = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/invitations",
  summary: "Invitations of the organisation, newest first (admins)",
  tag: "invitations",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ invitations: z.array(InvitationView) }).strict() },
});

export const RevokeInvitation = defineRoute({
  method: "DELETE",
  path: "/api/organisations/:orgId/invitations/:invitationId",
  summary: "Revoke an unused invitation (admins; audited)",
  tag: "invitations",
  auth: "session",
  rate: "api",
  params: z.object({ orgId: Id, invitationId: Id }).strict(),
  responses: { 204: z.null() },
});

export const VerifyInvitation = defineRoute({
  method: "POST",
  path: "/api/invitations/verify",
  summary: "Check an invitation token before showing the sign-up form",
  tag: "invitations",
  auth: "none",
  rate: "setup",
  body: z.object({ token: InvitationToken }).strict(),
  responses: {
    200: z
      .object({
        organisationId: Id,
        organisationName: z.string(),
        role: StaffRole,
        teamId: Id.nullable(),
        expiresAt: z.number().int(),
        /** The organisation has no log yet: this first admin's browser creates the genesis (see `genesis` below). */
        needsGenesis: z.boolean(),
      })
      .strict(),
  },
});

export const InvitationRegisterStart = defineRoute({
  method: "POST",
  path: "/api/invitations/register/start",
  summary: "OPAQUE registration of an invited staff member, step 1",
  tag: "invitations",
  auth: "none",
  rate: "setup",
  body: z.object({ token: InvitationToken, username: Username, registrationRequest: OpaqueMessage }).strict(),
  responses: { 200: z.object({ registrationResponse: OpaqueMessage }).strict() },
});

/**
 * For the first admin of an organisation created by the operator: the same
 * cryptographic genesis the first-start setup carries (see SetupFinish).
 */
export const InvitationGenesis = z
  .object({
    accountId: Id,
    organisationRootPublicKey: B64.min(40).max(64),
    orgLog: z.array(B64.min(200).max(2048)).min(2).max(3),
    orgRootWrap: B64.length(111),
    archiveWrap: B64.length(111),
  })
  .strict();
export type InvitationGenesis = z.infer<typeof InvitationGenesis>;

export const InvitationRegisterFinish = defineRoute({
  method: "POST",
  path: "/api/invitations/register/finish",
  summary: "OPAQUE registration, step 2: creates the staff account with the invited role; consumes the token",
  tag: "invitations",
  auth: "none",
  rate: "setup",
  body: z
    .object({
      token: InvitationToken,
      username: Username,
      /** What clients and colleagues see; the login name never reaches a client. */
      displayName: StaffDisplayName,
      registrationRecord: OpaqueMessage,
      /** Staff must include masterWrapRecovery (the recovery code is shown once in the browser). */
      keyBundle: KeyBundle,
      genesis: InvitationGenesis.optional(),
    })
    .strict(),
  responses: { 201: z.object({ account: AccountView }).strict() },
});
