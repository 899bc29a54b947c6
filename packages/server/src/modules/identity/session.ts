// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { MFA_PENDING_ROUTES, SSO_PASSWORD_PENDING_ROUTES } from "@obhut/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { AppError, UnauthenticatedError } from "../../core/errors";
import { sessionLimits, sessionPolicyForAccount } from "../../policies";
import { announceEndedSessions } from "./sessions";
import { markAccountLoggedIn } from "./store-accounts";
import {
  findSessionByTokenHash,
  findSessionsByIds,
  insertSession,
  revokeSessionByTokenHash,
  touchSession,
} from "./store-sessions";

// The type lives in its own module so the services it is passed to need not import the HTTP layer.
export type { Actor } from "../../core/actor";

/** Upper bounds for the cookie; the effective idle/absolute limits come from the organisation policy per role. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/**
 * A request moves the session's idle end only when the last move is older than this (one write a minute, not
 * one per request). The web app's idle warning counts with it (packages/web/src/staff/idle-watch.ts).
 */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export function cookieName(ctx: AppContext): string {
  // The __Host- prefix pins the cookie to this origin (Secure, Path=/, no Domain).
  return ctx.config.publicUrl.startsWith("https:") ? "__Host-obhut_session" : "obhut_session";
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("base64url");
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string | null): void {
  const secure = ctx.config.publicUrl.startsWith("https:") ? "; Secure" : "";
  const value = token ?? "";
  const maxAge = token ? Math.floor(SESSION_ABSOLUTE_MS / 1000) : 0;
  reply.header(
    "set-cookie",
    `${cookieName(ctx)}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`,
  );
}

export async function createSession(ctx: AppContext, accountId: string): Promise<{ token: string; expiresAt: number }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const now = ctx.clock.now();
  const policy = await sessionPolicyForAccount(ctx.db.db, accountId);
  const expiresAt = now + Math.min(policy.absoluteMs, SESSION_ABSOLUTE_MS);
  await insertSession(ctx.db.db, {
    id: crypto.randomBytes(12).toString("base64url"),
    account_id: accountId,
    token_hash: hashToken(token),
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
    revoked_at: null,
    // Staff whose role requires a second factor start "pending" until they present (or enrol) one.
    mfa_pending: policy.mfaRequired ? 1 : 0,
  });
  // The start event of the "inactive anonymous account" retention rule (modules/retention/run.ts).
  await markAccountLoggedIn(ctx.db.db, accountId, now);
  return { token, expiresAt };
}

/**
 * Resolves the session cookie to an actor or returns undefined (never throws
 * for a bad cookie). A session that still owes its second factor counts as
 * no session unless the caller asks for it (deny by default, e.g. WebSockets).
 */
export async function findSession(
  ctx: AppContext,
  request: FastifyRequest,
  options: { allowMfaPending?: boolean; allowPasswordPending?: boolean } = {},
): Promise<Actor | undefined> {
  const token = readCookie(request, cookieName(ctx));
  if (!token) return undefined;
  const now = ctx.clock.now();
  const row = await findSessionByTokenHash(ctx.db.db, hashToken(token));
  if (!row || !isOpen(row, now)) return undefined;
  const limits = sessionLimits(row);
  const absoluteEnd = Math.min(row.expires_at, row.created_at + limits.absoluteMs);
  if (row.mfa_pending && !options.allowMfaPending) return undefined;
  if (row.password_pending && !options.allowPasswordPending) return undefined;
  // Touch at most once a minute: keeps the idle timer honest without a write per request.
  const touched = now - row.last_seen_at > SESSION_TOUCH_INTERVAL_MS;
  if (touched) {
    await touchSession(ctx.db.db, row.session_id, now);
  }
  const lastSeen = touched ? now : row.last_seen_at;
  return {
    accountId: row.account_id,
    sessionId: row.session_id,
    organisationId: row.organisation_id,
    kind: row.kind,
    role: row.role,
    // Exact, not `now + idle`: a request within the touch interval does not move the idle end.
    expiresAt: Math.min(absoluteEnd, lastSeen + limits.idleMs),
    absoluteExpiresAt: absoluteEnd,
    idleMs: limits.idleMs,
    lastSeenAt: row.last_seen_at,
    mfaPending: row.mfa_pending === 1,
    passwordPending: row.password_pending === 1,
  };
}

type SessionRow = NonNullable<Awaited<ReturnType<typeof findSessionByTokenHash>>>;

/** Not revoked, its account not disabled, within its absolute and idle limits (the organisation's policy). */
function isOpen(row: SessionRow, now: number): boolean {
  if (row.revoked_at !== null || row.disabled_at !== null) return false;
  const limits = sessionLimits(row);
  const absoluteEnd = Math.min(row.expires_at, row.created_at + limits.absoluteMs);
  return absoluteEnd > now && row.last_seen_at + limits.idleMs > now;
}

/** Of these sessions, the ones still open now: open WebSockets re-check theirs with the same rule as requests. */
export async function openSessionIds(ctx: AppContext, sessionIds: readonly string[]): Promise<Set<string>> {
  const now = ctx.clock.now();
  const rows = await findSessionsByIds(ctx.db.db, sessionIds);
  return new Set(rows.filter((row) => isOpen(row, now)).map((row) => row.session_id));
}

/**
 * Activity that is not a request — a message sent over the WebSocket — keeps
 * the session as a request does: it moves the idle end, but only of a session
 * that is still open (an ended one is never revived). The caller limits it to
 * one call per SESSION_TOUCH_INTERVAL_MS. False when the session has ended.
 */
export async function keepSessionOpen(ctx: AppContext, sessionId: string): Promise<boolean> {
  const now = ctx.clock.now();
  const [row] = await findSessionsByIds(ctx.db.db, [sessionId]);
  if (!row || !isOpen(row, now)) return false;
  await touchSession(ctx.db.db, sessionId, now);
  return true;
}

const mfaPendingRoutes = new Set(MFA_PENDING_ROUTES.map((r) => `${r.method} ${r.path}`));
const passwordPendingRoutes = new Set(SSO_PASSWORD_PENDING_ROUTES.map((r) => `${r.method} ${r.path}`));

export async function requireSession(ctx: AppContext, request: FastifyRequest, _reply: FastifyReply): Promise<Actor> {
  const actor = await findSession(ctx, request, { allowMfaPending: true, allowPasswordPending: true });
  if (!actor) {
    const hadCookie = readCookie(request, cookieName(ctx)) !== undefined;
    throw hadCookie
      ? new AppError("session_expired", "Your session has ended; please log in again")
      : new UnauthenticatedError();
  }
  const route = `${request.method} ${request.routeOptions.url ?? ""}`;
  if (actor.passwordPending !== passwordPendingRoutes.has(route)) {
    // Both ways: a pending session only unlocks, and the unlock routes need an SSO session.
    throw actor.passwordPending
      ? new AppError("password_required", "Enter your password to unlock your keys first")
      : new AppError("forbidden", "This step belongs to a single sign-on login");
  }
  if (actor.mfaPending && !mfaPendingRoutes.has(route)) {
    throw new AppError("mfa_required", "Confirm your second factor first");
  }
  return actor;
}

/** Ends the session of this request and tells every node to close its sockets. */
export async function revokeSession(ctx: AppContext, request: FastifyRequest): Promise<void> {
  const token = readCookie(request, cookieName(ctx));
  if (!token) return;
  const sessionId = await revokeSessionByTokenHash(ctx.db.db, hashToken(token), ctx.clock.now());
  if (sessionId !== undefined) await announceEndedSessions(ctx, [sessionId]);
}
