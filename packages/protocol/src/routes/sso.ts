// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { singleLineText } from "../text";
import { OrganisationIdParams, StaffRole } from "./admin";
import { AccountView, KeyBundle, OpaqueMessage, Username } from "./auth";

/**
 * Single sign-on for staff with OpenID Connect (authorization code flow with
 * PKCE, state and nonce). SSO proves WHO someone is; it never unlocks keys:
 * after the callback the session is `passwordPending` and may call only
 * SSO_PASSWORD_PENDING_ROUTES, where the staff member proves the key password
 * of the same account with OPAQUE. Only then is a normal session opened (with
 * the second factor the organisation policy asks for). See ADR 0014.
 *
 * An identity-provider account is used only once it is linked to a staff
 * account, and linking needs a full session of that account (password and
 * second factor) plus a successful SSO round trip: the IdP alone can never
 * claim an account here.
 */

/** The web app's page the identity provider redirects to (path below PUBLIC_URL). */
export const SSO_CALLBACK_PATH = "/sso/callback";

/** The issuer's shape; returns false (never throws) for anything that is not a URL at all. */
function isIssuerShape(u: string): boolean {
  // zod runs every check even after z.url() failed, so this sees arbitrary strings.
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return false;
  }
  if (url.search || url.hash || url.username || url.password) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

/**
 * Issuer URL: https, or http only on the loopback interface; no query,
 * fragment or credentials. This is the widest shape any server accepts: the
 * server's own settings narrow it further (http and private addresses only
 * when the operator allows them, an optional allow-list; docs/OPERATIONS.md).
 */
export const SsoIssuer = z
  .string()
  .max(512)
  // Visible ASCII only, checked before z.url(), which normalises: it would quietly drop a tab or LF, so the
  // stored issuer would differ from the one typed (and from the ID token's iss it is compared with).
  .regex(/^[\x21-\x7e]+$/, "visible ASCII characters only (internationalised host names in punycode)")
  .pipe(
    z
      .url({ protocol: /^https?$/ })
      .refine(isIssuerShape, "https (http only for 127.0.0.1 / localhost), no query, fragment or credentials"),
  );

const ClaimValue = singleLineText({ min: 1, max: 200 });

export const SsoRoleMapping = z
  .object({
    /** A value of the groups claim, e.g. "obhut-counsellors". */
    group: ClaimValue,
    role: StaffRole,
  })
  .strict();

export const SsoConfigView = z
  .object({
    issuer: SsoIssuer,
    clientId: z.string().min(1).max(256),
    /** The client secret is write-only; this says whether one is stored. */
    hasClientSecret: z.boolean(),
    /** Space-separated scopes; always includes "openid". */
    scopes: z.string(),
    /** Name of the claim that lists the person's groups (ID token, else userinfo). */
    groupsClaim: z.string(),
    /** First matching entry wins; with an empty list roles are not touched by SSO. */
    roleMapping: z.array(SsoRoleMapping),
    /** Staff of the organisation may not log in with the password alone (POST /api/auth/login/finish). */
    required: z.boolean(),
    redirectUri: z.string(),
    updatedAt: z.number().int(),
  })
  .strict()
  .meta({ id: "SsoConfig" });
export type SsoConfigView = z.infer<typeof SsoConfigView>;

export const GetSsoConfig = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/sso",
  summary: "The organisation's OpenID Connect settings, without the client secret (admins, DPO)",
  tag: "sso",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ config: SsoConfigView.nullable() }).strict() },
});

export const PutSsoConfig = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/sso",
  summary: "Set the OpenID Connect settings (admins; the issuer is checked by discovery; audited)",
  tag: "sso",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: z
    .object({
      issuer: SsoIssuer,
      clientId: singleLineText({ min: 1, max: 256 }),
      /** Omit to keep the stored secret. */
      clientSecret: singleLineText({ min: 1, max: 1024 }).optional(),
      scopes: z
        .string()
        .max(512)
        .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, "space-separated scope tokens")
        .refine((s) => s.split(" ").includes("openid"), "must include openid")
        .default("openid profile groups"),
      groupsClaim: z
        .string()
        .min(1)
        .max(100)
        .regex(/^[A-Za-z0-9_:./-]+$/)
        .default("groups"),
      roleMapping: z.array(SsoRoleMapping).max(50).default([]),
      required: z.boolean().default(false),
    })
    .strict(),
  responses: { 200: z.object({ config: SsoConfigView }).strict() },
});

export const DeleteSsoConfig = defineRoute({
  method: "DELETE",
  path: "/api/organisations/:orgId/sso",
  summary: "Switch SSO off for the organisation (admins; links are kept for a later reconfiguration; audited)",
  tag: "sso",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 204: z.null() },
});

export const ListSsoOrganisations = defineRoute({
  method: "GET",
  path: "/api/sso/organisations",
  summary: "Organisations that offer SSO on this instance (names are public, like the agency finder)",
  tag: "sso",
  auth: "none",
  rate: "public",
  responses: {
    200: z.object({ organisations: z.array(z.object({ id: Id, name: z.string() }).strict()) }).strict(),
  },
});

const AuthorizationUrl = z.object({ authorizationUrl: z.url({ protocol: /^https?$/ }) }).strict();

export const SsoStart = defineRoute({
  method: "POST",
  path: "/api/sso/start",
  summary: "Begin an SSO login: the identity provider's URL to open (state, nonce and PKCE kept on the server)",
  tag: "sso",
  auth: "none",
  rate: "auth",
  body: z.object({ organisationId: Id }).strict(),
  responses: { 200: AuthorizationUrl },
});

export const SsoLinkStart = defineRoute({
  method: "POST",
  path: "/api/sso/link/start",
  summary: "Begin linking the caller's staff account to their identity-provider account (full session)",
  tag: "sso",
  auth: "session",
  rate: "auth",
  responses: { 200: AuthorizationUrl },
});

export const SsoLinkView = z
  .object({
    /** The caller's organisation offers SSO (so linking is possible). */
    available: z.boolean(),
    /** The caller's account is linked to an identity-provider account of the organisation. */
    linked: z.boolean(),
    linkedAt: z.number().int().nullable(),
    lastLoginAt: z.number().int().nullable(),
  })
  .strict()
  .meta({ id: "SsoLink" });
export type SsoLinkView = z.infer<typeof SsoLinkView>;

export const GetSsoLink = defineRoute({
  method: "GET",
  path: "/api/sso/link",
  summary: "Whether the caller's organisation offers SSO and whether the caller's account is linked (staff)",
  tag: "sso",
  auth: "session",
  rate: "api",
  responses: { 200: SsoLinkView },
});

export const SsoCallback = defineRoute({
  method: "POST",
  path: "/api/sso/callback",
  summary: "Finish the SSO round trip with the parameters the identity provider sent to /sso/callback",
  tag: "sso",
  auth: "none",
  rate: "auth",
  body: z
    .object({
      state: singleLineText({ min: 16, max: 256 }),
      code: singleLineText({ min: 1, max: 2048 }),
      /** RFC 9207 issuer identification, when the provider sends it. */
      iss: singleLineText({ max: 512 }).optional(),
    })
    .strict(),
  responses: {
    200: z.discriminatedUnion("status", [
      /** Identity proven; prove the key password on /api/sso/unlock/* (session cookie set, passwordPending). */
      z.object({ status: z.literal("password_required"), username: Username }).strict(),
      /** The caller's account is now linked to this identity-provider account. */
      z.object({ status: z.literal("linked") }).strict(),
    ]),
  },
});

export const SsoUnlockStart = defineRoute({
  method: "POST",
  path: "/api/sso/unlock/start",
  summary: "OPAQUE login step 1 for the account the SSO session identified",
  tag: "sso",
  auth: "session",
  rate: "auth",
  body: z.object({ startLoginRequest: OpaqueMessage }).strict(),
  responses: { 200: z.object({ loginId: Id, loginResponse: OpaqueMessage }).strict() },
});

export const SsoUnlockFinish = defineRoute({
  method: "POST",
  path: "/api/sso/unlock/finish",
  summary: "OPAQUE login step 2: the key password is proven; opens a normal session (second factor per policy)",
  tag: "sso",
  auth: "session",
  rate: "auth",
  body: z.object({ loginId: Id, finishLoginRequest: OpaqueMessage }).strict(),
  responses: { 200: z.object({ account: AccountView, keyBundle: KeyBundle }).strict() },
});

/** The only routes a session in state passwordPending may call. */
export const SSO_PASSWORD_PENDING_ROUTES = [SsoUnlockStart, SsoUnlockFinish] as const;
