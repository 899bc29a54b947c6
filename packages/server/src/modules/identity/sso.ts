// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { AccountView, KeyBundle, StaffRole } from "@obhut/protocol";
import * as oidc from "openid-client";
import type { AppContext } from "../../core/context";
import { AppError, NotFoundError } from "../../core/errors";
import { hashToken, type Actor } from "./session";
import { authorize } from "../../policies";
import { presentAccount } from "./presenter-account";
import { recordAudit } from "../../core/audit";
import { finishLogin, startLogin } from "./auth";
import { sha256 } from "../../core/ids";
import { announceEndedSessions } from "./sessions";
import { loadSsoSettings, oidcConfiguration, redirectUri, type SsoSettings } from "./sso-config";
import { getAccountRole, hasOtherActiveOrgAdmin, setAccountRole } from "./store-accounts";
import { deleteLoginState, findLoginStateAccount } from "./store-login";
import { insertSession, markSessionRevoked } from "./store-sessions";
import {
  deleteExpiredSsoLogins,
  deleteExpiredSsoStates,
  deleteSsoLogin,
  findLinkedAccount,
  findSsoLinkOf,
  findSsoLogin,
  hasSsoConfig,
  insertSsoIdentity,
  insertSsoLogin,
  insertSsoState,
  isEitherSideLinked,
  markSsoIdentityUsed,
  takeSsoState,
} from "./store-sso";

/**
 * OpenID Connect login for staff (ADR 0014). The identity provider proves who
 * someone is; the key password (OPAQUE) still unlocks the keys:
 *
 *   start → IdP → callback: state (single use, 10 min, bound to this browser
 *   by a cookie), PKCE and nonce checked, ID token validated by openid-client
 *   → the (issuer, subject) must be LINKED to a staff account of the
 *   organisation → a password-pending session (10 min) that may only call
 *   the unlock routes → OPAQUE for exactly that account → a normal session
 *   (second factor per policy), with the role the IdP's groups map to.
 *
 * Linking happens only from a full session of the account (password and
 * second factor) through the same round trip, so neither a compromised IdP
 * nor a typo in an e-mail claim can attach a stranger to an account.
 */
const STATE_TTL_MS = 10 * 60 * 1000;
const PENDING_SESSION_MS = 10 * 60 * 1000;

const stateId = (state: string): string => sha256(`sso-state:${state}`);

async function settingsFor(ctx: AppContext, organisationId: string): Promise<SsoSettings> {
  const s = await loadSsoSettings(ctx, organisationId);
  if (!s) throw new NotFoundError("This organisation does not offer single sign-on");
  return s;
}

async function beginRoundTrip(
  ctx: AppContext,
  s: SsoSettings,
  binding: { purpose: "login"; browserToken: string } | { purpose: "link"; sessionId: string; accountId: string },
): Promise<string> {
  const config = await oidcConfiguration(ctx, s);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = ctx.clock.now();
  await deleteExpiredSsoStates(ctx.db.db, now);
  await insertSsoState(ctx.db.db, {
    id: stateId(state),
    organisation_id: s.organisationId,
    purpose: binding.purpose,
    nonce,
    code_verifier: codeVerifier,
    browser_hash: binding.purpose === "login" ? hashToken(binding.browserToken) : null,
    session_id: binding.purpose === "link" ? binding.sessionId : null,
    account_id: binding.purpose === "link" ? binding.accountId : null,
    expires_at: now + STATE_TTL_MS,
  });
  return oidc
    .buildAuthorizationUrl(config, {
      redirect_uri: redirectUri(ctx),
      scope: s.scopes,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
    })
    .toString();
}

/** A login round trip; `browserToken` goes into a short cookie so the answer must come back to this browser. */
export async function startSsoLogin(
  ctx: AppContext,
  props: { organisationId: string },
): Promise<{ authorizationUrl: string; browserToken: string }> {
  const s = await settingsFor(ctx, props.organisationId);
  const browserToken = crypto.randomBytes(32).toString("base64url");
  return { authorizationUrl: await beginRoundTrip(ctx, s, { purpose: "login", browserToken }), browserToken };
}

/** A linking round trip from a full session of the staff member. */
export async function startSsoLink(ctx: AppContext, actor: Actor): Promise<string> {
  authorize(actor, "sso.link", { type: "own", ownerId: actor.accountId });
  if (actor.kind !== "staff" || actor.organisationId === null) throw new NotFoundError();
  const s = await settingsFor(ctx, actor.organisationId);
  return beginRoundTrip(ctx, s, { purpose: "link", sessionId: actor.sessionId, accountId: actor.accountId });
}

/** Whether the caller's organisation offers SSO and whether their own account is linked (the account page). */
export async function getSsoLink(
  ctx: AppContext,
  actor: Actor,
): Promise<{ available: boolean; linked: boolean; linkedAt: number | null; lastLoginAt: number | null }> {
  authorize(actor, "sso.link", { type: "own", ownerId: actor.accountId });
  if (actor.kind !== "staff" || actor.organisationId === null)
    return { available: false, linked: false, linkedAt: null, lastLoginAt: null };
  const [available, link] = await Promise.all([
    hasSsoConfig(ctx.db.db, actor.organisationId),
    findSsoLinkOf(ctx.db.db, actor.organisationId, actor.accountId),
  ]);
  return {
    available,
    linked: link !== undefined,
    linkedAt: link ? Number(link.created_at) : null,
    lastLoginAt: link?.last_login_at == null ? null : Number(link.last_login_at),
  };
}

function ssoFailed(ctx: AppContext, reason: string, err?: unknown): AppError {
  // The reason is a check name or the library's message about a check, never a token or claim value.
  ctx.logger.info({ reason, ...(err instanceof Error ? { failure: describeError(err) } : {}) }, "SSO answer refused");
  return new AppError("sso_failed", "The sign-in with your organisation did not work; please start again");
}

/** Name, message and the library's check code / OAuth error code (e.g. invalid_grant): no token, no claim value. */
function describeError(err: Error): Record<string, string> {
  const e = err as Error & { code?: unknown; error?: unknown };
  // openid-client wraps oauth4webapi's error, whose message names the failed check and whose cause names the claim.
  const inner = err.cause instanceof Error ? (err.cause as Error & { cause?: { claim?: unknown } }) : undefined;
  return {
    name: err.name,
    message: err.message,
    ...(typeof e.code === "string" ? { code: e.code } : {}),
    ...(typeof e.error === "string" ? { error: e.error } : {}),
    ...(inner ? { detail: inner.message } : {}),
    ...(typeof inner?.cause?.claim === "string" ? { claim: inner.cause.claim } : {}),
  };
}

/** The groups claim as a list of strings, from the ID token or else from userinfo. */
async function groupsOf(
  config: oidc.Configuration,
  s: SsoSettings,
  claims: Record<string, unknown>,
  accessToken: string,
): Promise<string[]> {
  let value = claims[s.groupsClaim];
  if (value === undefined && s.roleMapping.length > 0 && config.serverMetadata().userinfo_endpoint) {
    const info = await oidc.fetchUserInfo(config, accessToken, claims.sub as string);
    value = info[s.groupsClaim];
  }
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** First mapping entry whose group the person has; undefined = none (null = no mapping configured). */
export function mapRole(s: Pick<SsoSettings, "roleMapping">, groups: readonly string[]): StaffRole | null | undefined {
  if (s.roleMapping.length === 0) return null;
  return s.roleMapping.find((m) => groups.includes(m.group))?.role;
}

export type SsoCallbackResult =
  { status: "password_required"; username: string; sessionToken: string } | { status: "linked" };

/**
 * The answer of the identity provider, as the web app's /sso/callback page
 * passes it on. `browserToken` is the login cookie, `linkSession` the caller's
 * full session (for linking), both possibly absent.
 */
export async function finishSso(
  ctx: AppContext,
  props: {
    params: { state: string; code: string; iss?: string | undefined };
    browserToken: string | undefined;
    linkSession: Actor | undefined;
  },
): Promise<SsoCallbackResult> {
  const now = ctx.clock.now();
  // Single use: whatever happens next, this state is gone.
  const pending = await takeSsoState(ctx.db.db, stateId(props.params.state));
  if (!pending || pending.expires_at < now) throw ssoFailed(ctx, "unknown or expired state");
  if (pending.purpose === "login") {
    if (!props.browserToken || hashToken(props.browserToken) !== pending.browser_hash)
      throw ssoFailed(ctx, "state belongs to another browser");
  } else if (props.linkSession?.sessionId !== pending.session_id) {
    throw ssoFailed(ctx, "link state belongs to another session");
  }
  const s = await loadSsoSettings(ctx, pending.organisation_id);
  if (!s) throw ssoFailed(ctx, "organisation has no SSO any more");
  const config = await oidcConfiguration(ctx, s);

  const callbackUrl = new URL(redirectUri(ctx));
  callbackUrl.searchParams.set("code", props.params.code);
  callbackUrl.searchParams.set("state", props.params.state);
  if (props.params.iss !== undefined) callbackUrl.searchParams.set("iss", props.params.iss);
  let claims: Record<string, unknown>;
  let groups: string[];
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: props.params.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims()! as Record<string, unknown>;
    groups = await groupsOf(config, s, claims, tokens.access_token);
  } catch (err) {
    throw ssoFailed(ctx, "token exchange or ID token validation failed", err);
  }
  const issuer = config.serverMetadata().issuer;
  const subject = claims.sub as string;

  if (pending.purpose === "link") return linkIdentity(ctx, { s, issuer, subject, accountId: pending.account_id! });

  const who = { organisationId: s.organisationId, issuer, subject };
  const link = await findLinkedAccount(ctx.db.db, who);
  if (!link || link.disabled_at !== null || link.kind !== "staff" || link.organisation_id !== s.organisationId) {
    throw new AppError(
      "sso_not_linked",
      "This sign-in is not linked to a staff account here. Log in with your password once and link it, or ask your administrator for an invitation",
    );
  }
  const mappedRole = mapRole(s, groups);
  if (mappedRole === undefined) {
    await recordAudit(ctx.db.db, now, {
      organisationId: s.organisationId,
      actorId: link.id,
      action: "auth.sso_refused",
      target: { type: "account", id: link.id },
      data: { reason: "no_mapped_group" },
    });
    throw new AppError("forbidden", "Your organisation's identity provider does not grant you access to Obhut");
  }

  const token = crypto.randomBytes(32).toString("base64url");
  const sessionId = crypto.randomBytes(12).toString("base64url");
  await ctx.db.db.transaction().execute(async (trx) => {
    await deleteExpiredSsoLogins(trx, now);
    await insertSession(trx, {
      id: sessionId,
      account_id: link.id,
      token_hash: hashToken(token),
      created_at: now,
      last_seen_at: now,
      expires_at: now + PENDING_SESSION_MS,
      revoked_at: null,
      mfa_pending: 0,
      password_pending: 1,
    });
    await insertSsoLogin(trx, {
      session_id: sessionId,
      account_id: link.id,
      mapped_role: mappedRole,
      expires_at: now + PENDING_SESSION_MS,
    });
    await markSsoIdentityUsed(trx, who, now);
    await recordAudit(trx, now, {
      organisationId: s.organisationId,
      actorId: link.id,
      action: "auth.sso_identified",
      target: { type: "account", id: link.id },
      data: { issuer },
    });
  });
  return { status: "password_required", username: link.username, sessionToken: token };
}

async function linkIdentity(
  ctx: AppContext,
  props: { s: SsoSettings; issuer: string; subject: string; accountId: string },
): Promise<SsoCallbackResult> {
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const who = { organisationId: props.s.organisationId, issuer: props.issuer, subject: props.subject };
    if (await isEitherSideLinked(trx, who, props.accountId))
      throw new AppError("conflict", "This account or this identity-provider account is already linked");
    await insertSsoIdentity(trx, {
      organisation_id: props.s.organisationId,
      issuer: props.issuer,
      subject: props.subject,
      account_id: props.accountId,
      created_at: now,
      last_login_at: null,
    });
    await recordAudit(trx, now, {
      organisationId: props.s.organisationId,
      actorId: props.accountId,
      action: "sso.linked",
      target: { type: "account", id: props.accountId },
      data: { issuer: props.issuer },
    });
  });
  return { status: "linked" };
}

async function pendingLogin(ctx: AppContext, actor: Actor) {
  const row = await findSsoLogin(ctx.db.db, actor.sessionId, actor.accountId);
  if (!row || row.expires_at < ctx.clock.now())
    throw new AppError("session_expired", "The single sign-on has expired; please start again");
  return row;
}

/** OPAQUE step 1 for the account the IdP identified — the client never chooses the name. */
export async function startSsoUnlock(
  ctx: AppContext,
  actor: Actor,
  startLoginRequest: string,
): Promise<{ loginId: string; loginResponse: string }> {
  const { username } = await pendingLogin(ctx, actor);
  return startLogin(ctx, { username, startLoginRequest });
}

/**
 * OPAQUE step 2. On success the pending session ends and a normal one
 * starts (fresh token; the second factor follows the organisation policy);
 * the role the IdP asserted is applied now, so a role change needs both the
 * IdP and the person's password.
 */
export async function finishSsoUnlock(
  ctx: AppContext,
  actor: Actor,
  body: { loginId: string; finishLoginRequest: string },
): Promise<{ account: AccountView; keyBundle: KeyBundle; accountId: string }> {
  const pending = await pendingLogin(ctx, actor);
  // The OPAQUE attempt must be the one started for this account, not any other name's.
  const state = await findLoginStateAccount(ctx.db.db, body.loginId);
  if (!state || state.account_id !== actor.accountId) {
    await deleteLoginState(ctx.db.db, body.loginId);
    throw new AppError("auth_failed", "Name or password is wrong");
  }
  const result = await finishLogin(ctx, body);
  const now = ctx.clock.now();
  const role = await ctx.db.db.transaction().execute(async (trx) => {
    const account = await getAccountRole(trx, actor.accountId);
    let role = account.role;
    const mapped = pending.mapped_role;
    if (mapped !== null && mapped !== account.role && account.organisation_id !== null) {
      const lastAdmin =
        account.role === "org_admin" && !(await hasOtherActiveOrgAdmin(trx, account.organisation_id, actor.accountId));
      await recordAudit(trx, now, {
        organisationId: account.organisation_id,
        actorId: actor.accountId,
        // The organisation must keep an admin: the IdP cannot demote the last one.
        action: lastAdmin ? "sso.role_change_refused" : "account.role_changed",
        target: { type: "account", id: actor.accountId },
        data: { from: account.role, to: mapped, source: "sso" },
      });
      if (!lastAdmin) {
        await setAccountRole(trx, actor.accountId, mapped);
        role = mapped;
      }
    }
    await deleteSsoLogin(trx, actor.sessionId);
    await markSessionRevoked(trx, actor.sessionId, now);
    return role;
  });
  await announceEndedSessions(ctx, [actor.sessionId]);
  return { ...result, account: presentAccount({ ...accountFields(result.account), role }) };
}

function accountFields(a: AccountView) {
  return { id: a.id, username: a.username, kind: a.kind, role: a.role, organisation_id: a.organisationId };
}
