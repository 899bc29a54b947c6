// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { B64, Id } from "../common";
import { defineRoute } from "../route";

/**
 * Login names: pseudonyms for clients, account names for staff. Restricted
 * to a safe alphabet so they can't be confused (homoglyphs) or smuggle
 * markup; compared case-insensitively (stored lower-case).
 */
export const Username = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, dot, dash and underscore; start with a letter or digit");

/** Serialised OPAQUE protocol message (base64url, produced by @serenity-kit/opaque). */
export const OpaqueMessage = B64.min(16).max(2048);

/**
 * The organisations an account pinned, encrypted under its master key (blob
 * kind 0x0a, docs/CRYPTO.md §4b): 35 to 10,835 bytes, so 47 to 14,447
 * base64url characters. The server checks header and length only.
 */
export const OrgPinsBlob = B64.min(47).max(14447);

/**
 * What the server keeps of an account's keys: public keys and the private
 * keys encrypted under the account master key, plus the master key wrapped
 * under OPAQUE's export key and (optionally) under a recovery code. All
 * blobs are opaque to the server; formats are in docs/CRYPTO.md.
 */
export const KeyBundle = z
  .object({
    version: z.literal(1),
    signingPublicKey: B64.min(40).max(64),
    encryptionPublicKey: B64.min(40).max(64),
    encryptedPrivateKeys: B64.min(16).max(8192),
    /** Master key wrapped under HKDF(OPAQUE export key). */
    masterWrapExport: B64.min(16).max(4096),
    /** Master key wrapped under Argon2id(recovery code); mandatory for staff, optional for clients. */
    masterWrapRecovery: B64.min(16).max(4096).optional(),
    /**
     * The organisations whose root key this account pinned (clients; absent in older bundles and until the
     * first pin). Left out on password change and recovery: the server keeps the stored one.
     */
    orgPins: OrgPinsBlob.optional(),
  })
  .strict()
  .meta({ id: "KeyBundle" });
export type KeyBundle = z.infer<typeof KeyBundle>;

export const AccountView = z
  .object({
    id: Id,
    username: Username,
    kind: z.enum(["client", "staff"]),
    role: z.string(),
    organisationId: Id.nullable(),
  })
  .strict()
  .meta({ id: "Account" });
export type AccountView = z.infer<typeof AccountView>;

export const RegisterStart = defineRoute({
  method: "POST",
  path: "/api/auth/register/start",
  summary: "OPAQUE registration, step 1: blind the password-derived element",
  tag: "auth",
  auth: "none",
  rate: "auth",
  body: z.object({ username: Username, registrationRequest: OpaqueMessage }).strict(),
  responses: { 200: z.object({ registrationResponse: OpaqueMessage }).strict() },
});

export const RegisterFinish = defineRoute({
  method: "POST",
  path: "/api/auth/register/finish",
  summary: "OPAQUE registration, step 2: store the record and the key bundle (anonymous client account)",
  tag: "auth",
  auth: "none",
  rate: "auth",
  body: z.object({ username: Username, registrationRecord: OpaqueMessage, keyBundle: KeyBundle }).strict(),
  responses: { 201: z.object({ account: AccountView }).strict() },
});

export const LoginStart = defineRoute({
  method: "POST",
  path: "/api/auth/login/start",
  summary: "OPAQUE login, step 1 (same answer shape for unknown users)",
  tag: "auth",
  auth: "none",
  rate: "auth",
  body: z.object({ username: Username, startLoginRequest: OpaqueMessage }).strict(),
  responses: { 200: z.object({ loginId: Id, loginResponse: OpaqueMessage }).strict() },
});

export const LoginFinish = defineRoute({
  method: "POST",
  path: "/api/auth/login/finish",
  summary: "OPAQUE login, step 2: proves the password; opens a session (cookie)",
  tag: "auth",
  auth: "none",
  rate: "auth",
  body: z.object({ loginId: Id, finishLoginRequest: OpaqueMessage }).strict(),
  responses: { 200: z.object({ account: AccountView, keyBundle: KeyBundle }).strict() },
});

export const Logout = defineRoute({
  method: "POST",
  path: "/api/auth/logout",
  summary: "End the current session (idempotent)",
  tag: "auth",
  auth: "none",
  rate: "api",
  responses: { 204: z.null() },
});

export const CurrentSession = defineRoute({
  method: "GET",
  path: "/api/auth/session",
  summary: "The account of the current session and when the session ends (the request counts as activity)",
  tag: "auth",
  auth: "session",
  rate: "api",
  responses: {
    200: z
      .object({
        account: AccountView,
        /** When the session ends unless another request comes first: the earlier of its idle and absolute end. */
        expiresAt: z.number().int(),
        /** When it ends however active it is (the role's absolute limit). */
        absoluteExpiresAt: z.number().int(),
        /** Milliseconds without a request after which it ends: the organisation's idle limit for the role. */
        idleMs: z.number().int().min(0),
        /** The server's clock at the answer, so a browser can count in durations without trusting its own clock. */
        now: z.number().int(),
      })
      .strict(),
  },
});
