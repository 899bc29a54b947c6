// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { B64, Id } from "../common";
import { defineRoute } from "../route";
import { AccountView, KeyBundle, OpaqueMessage, OrgPinsBlob, Username } from "./auth";

/** Master key wrapped under Argon2id(recovery code), blob kind 0x03: 88 bytes = 118 base64url characters. */
export const RecoveryWrap = B64.length(118);

/**
 * The name a staff member is shown by: to clients (who never see a login
 * name, half of a credential) and to colleagues. Required when a staff
 * account is created. One line; no control, format (bidirectional
 * overrides could make it read as someone else's) or separator characters.
 */
export const StaffDisplayName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]*$/u, "must be one line of visible text");

export const DisplayNameView = z.object({ displayName: StaffDisplayName.nullable() }).strict();

export const GetDisplayName = defineRoute({
  method: "GET",
  path: "/api/account/display-name",
  summary: "My display name (staff); null for accounts from before it was required: the web app then asks for one",
  tag: "account",
  auth: "session",
  rate: "api",
  responses: { 200: DisplayNameView },
});

export const SetDisplayName = defineRoute({
  method: "PUT",
  path: "/api/account/display-name",
  summary: "Set my display name (staff): what clients and colleagues see instead of the login name",
  tag: "account",
  auth: "session",
  rate: "api",
  body: z.object({ displayName: StaffDisplayName }).strict(),
  responses: { 200: DisplayNameView },
});

// ---- password change (logged in) -------------------------------------------

export const PasswordChangeStart = defineRoute({
  method: "POST",
  path: "/api/account/password/start",
  summary: "Password change, step 1: OPAQUE login with the current password plus registration of the new one",
  tag: "account",
  auth: "session",
  rate: "auth",
  body: z.object({ startLoginRequest: OpaqueMessage, registrationRequest: OpaqueMessage }).strict(),
  responses: {
    200: z.object({ changeId: Id, loginResponse: OpaqueMessage, registrationResponse: OpaqueMessage }).strict(),
  },
});

export const PasswordChangeFinish = defineRoute({
  method: "POST",
  path: "/api/account/password/finish",
  summary:
    "Password change, step 2: proof of the current password, new record, key bundle re-wrapped; ends other sessions",
  tag: "account",
  auth: "session",
  rate: "auth",
  body: z
    .object({
      changeId: Id,
      finishLoginRequest: OpaqueMessage,
      registrationRecord: OpaqueMessage,
      keyBundle: KeyBundle,
    })
    .strict(),
  responses: { 200: z.object({ account: AccountView, endedSessions: z.number().int().min(0) }).strict() },
});

export const PutRecoveryWrap = defineRoute({
  method: "PUT",
  path: "/api/account/recovery-wrap",
  summary: "Add or replace the master-key wrap under a recovery code",
  tag: "account",
  auth: "session",
  rate: "auth",
  body: z.object({ masterWrapRecovery: RecoveryWrap }).strict(),
  responses: { 204: z.null() },
});

// ---- pinned organisations (in the key bundle, encrypted) -------------------

export const GetOrgPins = defineRoute({
  method: "GET",
  path: "/api/account/org-pins",
  summary: "My pinned organisations as stored in my key bundle (encrypted; null when nothing is pinned yet)",
  tag: "account",
  auth: "session",
  rate: "api",
  responses: { 200: z.object({ orgPins: OrgPinsBlob.nullable() }).strict() },
});

export const PutOrgPins = defineRoute({
  method: "PUT",
  path: "/api/account/org-pins",
  summary:
    "Replace my pinned organisations; `previous` must be the stored blob (null: none yet), else 409 conflict (read, merge, retry)",
  tag: "account",
  auth: "session",
  rate: "api",
  body: z.object({ orgPins: OrgPinsBlob, previous: OrgPinsBlob.nullable() }).strict(),
  responses: { 204: z.null() },
});

// ---- recovery with the recovery code (not logged in) -----------------------

export const RecoveryStart = defineRoute({
  method: "POST",
  path: "/api/auth/recovery/start",
  summary: "Recovery, step 1: the recovery wrap, encrypted keys and a challenge (same shape for unknown names)",
  tag: "auth",
  auth: "none",
  rate: "auth",
  body: z.object({ username: Username }).strict(),
  responses: {
    200: z
      .object({
        recoveryId: Id,
        challenge: B64.length(43),
        masterWrapRecovery: RecoveryWrap,
        encryptedPrivateKeys: B64.min(16).max(8192),
        signingPublicKey: B64.length(43),
        encryptionPublicKey: B64.length(43),
      })
      .strict(),
  },
});

export const RecoveryRegisterStart = defineRoute({
  method: "POST",
  path: "/api/auth/recovery/register-start",
  summary: "Recovery, step 2: OPAQUE registration of the new password",
  tag: "auth",
  auth: "none",
  rate: "auth",
  body: z.object({ recoveryId: Id, registrationRequest: OpaqueMessage }).strict(),
  responses: { 200: z.object({ registrationResponse: OpaqueMessage }).strict() },
});

export const RecoveryFinish = defineRoute({
  method: "POST",
  path: "/api/auth/recovery/finish",
  summary: "Recovery, step 3: signed challenge, new record and key bundle (same identity keys); ends all sessions",
  tag: "auth",
  auth: "none",
  rate: "auth",
  body: z
    .object({ recoveryId: Id, signature: B64.length(86), registrationRecord: OpaqueMessage, keyBundle: KeyBundle })
    .strict(),
  responses: { 200: z.object({ account: AccountView }).strict() },
});

// ---- admin reset for staff who lost password and recovery code -------------

/** Single-use reset token handed to the staff member out of band (256 bits, base64url). */
export const ResetToken = z
  .string()
  .length(43)
  .regex(/^[A-Za-z0-9_-]+$/, "must be a reset token");

export const IssueAccountReset = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/accounts/:accountId/reset",
  summary: "Issue a single-use reset token (24 h) for a staff member who lost password and recovery code (admins)",
  tag: "account",
  auth: "session",
  rate: "api",
  params: z.object({ orgId: Id, accountId: Id }).strict(),
  responses: { 201: z.object({ resetToken: ResetToken, expiresAt: z.number().int() }).strict() },
});

export const VerifyAccountReset = defineRoute({
  method: "POST",
  path: "/api/auth/reset/verify",
  summary:
    "Check a reset token before the form: whose account and organisation, valid until when (used, expired, replaced and disabled accounts are alike refused)",
  tag: "auth",
  auth: "none",
  rate: "auth",
  body: z.object({ resetToken: ResetToken }).strict(),
  responses: {
    200: z.object({ username: z.string(), organisationName: z.string(), expiresAt: z.number().int() }).strict(),
  },
});

/** The newest reset an administrator issued for an account: open (usedAt null) or done. */
export const AccountResetView = z
  .object({
    accountId: Id,
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
    /** When the staff member set the new password and keys; the admin then certifies the new keys in the log. */
    usedAt: z.number().int().nullable(),
  })
  .strict()
  .meta({ id: "AccountReset" });
export type AccountResetView = z.infer<typeof AccountResetView>;

export const ListAccountResets = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/account-resets",
  summary: "The newest reset of each staff account of the organisation (admins, DPO: as the staff list)",
  tag: "account",
  auth: "session",
  rate: "api",
  params: z.object({ orgId: Id }).strict(),
  responses: { 200: z.object({ resets: z.array(AccountResetView) }).strict() },
});

export const ResetRegisterStart = defineRoute({
  method: "POST",
  path: "/api/auth/reset/start",
  summary: "Reset, step 1: OPAQUE registration of a new password with a reset token",
  tag: "auth",
  auth: "none",
  rate: "auth",
  body: z.object({ resetToken: ResetToken, registrationRequest: OpaqueMessage }).strict(),
  responses: { 200: z.object({ registrationResponse: OpaqueMessage }).strict() },
});

export const ResetFinish = defineRoute({
  method: "POST",
  path: "/api/auth/reset/finish",
  summary: "Reset, step 2: new record and a new key bundle with new identity keys; consumes the token, ends sessions",
  tag: "auth",
  auth: "none",
  rate: "auth",
  body: z.object({ resetToken: ResetToken, registrationRecord: OpaqueMessage, keyBundle: KeyBundle }).strict(),
  responses: { 200: z.object({ account: AccountView }).strict() },
});
