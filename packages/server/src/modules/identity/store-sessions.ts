// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Insertable } from "kysely";
import type { SessionsTable } from "../../infra/db/schema";
import type { Db } from "./store";
import { deleteKeptDevicesOfSessions } from "./store-devices";

/**
 * Reading and writing `sessions` rows. The validity rule (policy limits,
 * pending steps) stays in session.ts / sessions.ts; these only fetch and mark.
 */

export async function insertSession(db: Db, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto("sessions").values(row).execute();
}

/** Sessions with their account and the account's role policy (the limits a session runs on). */
function sessionsWithPolicy(db: Db) {
  return db
    .selectFrom("sessions")
    .innerJoin("accounts", "accounts.id", "sessions.account_id")
    .leftJoin("organisation_policies as policy", (join) =>
      join.onRef("policy.organisation_id", "=", "accounts.organisation_id").onRef("policy.role", "=", "accounts.role"),
    );
}

const SESSION_WITH_POLICY = [
  "sessions.id as session_id",
  "sessions.created_at",
  "sessions.mfa_pending",
  "sessions.password_pending",
  "sessions.idle_ms as session_idle_ms",
  "policy.idle_ms",
  "policy.absolute_ms",
  "sessions.last_seen_at",
  "sessions.expires_at",
  "sessions.revoked_at",
  "accounts.id as account_id",
  "accounts.organisation_id",
  "accounts.kind",
  "accounts.role",
  "accounts.disabled_at",
] as const;

/**
 * A session by the hash of its token, joined with its account and the
 * organisation's policy for the account's role: the one query behind every
 * authenticated request (hot path).
 */
export async function findSessionByTokenHash(db: Db, tokenHash: string) {
  return sessionsWithPolicy(db)
    .select(SESSION_WITH_POLICY)
    .where("sessions.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** The same rows for sessions by id (open WebSockets re-check theirs). */
export async function findSessionsByIds(db: Db, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return sessionsWithPolicy(db).select(SESSION_WITH_POLICY).where("sessions.id", "in", sessionIds).execute();
}

/** Gives one session its own idle limit (a client's kept device, ADR 0027). */
export async function setSessionIdleLimit(db: Db, sessionId: string, idleMs: number): Promise<void> {
  await db.updateTable("sessions").set({ idle_ms: idleMs }).where("id", "=", sessionId).execute();
}

export async function touchSession(db: Db, sessionId: string, now: number): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", sessionId).execute();
}

/** Ends the open session with this token hash; its id, or undefined when none was open. */
export async function revokeSessionByTokenHash(db: Db, tokenHash: string, now: number): Promise<string | undefined> {
  const row = await db
    .updateTable("sessions")
    .set({ revoked_at: now })
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (row) await deleteKeptDevicesOfSessions(db, [row.id]);
  return row?.id;
}

/**
 * Marks open sessions of an account as ended, optionally keeping one, inside
 * the caller's transaction. Returns the ids for `announceEndedSessions`.
 * Here and in the other two ways a session ends, a client's kept device of
 * that login goes with it (ADR 0027).
 */
export async function endSessionsOf(
  db: Db,
  props: { accountId: string; now: number; keepSessionId?: string },
): Promise<string[]> {
  let q = db
    .updateTable("sessions")
    .set({ revoked_at: props.now })
    .where("account_id", "=", props.accountId)
    .where("revoked_at", "is", null);
  if (props.keepSessionId) q = q.where("id", "!=", props.keepSessionId);
  const ended = (await q.returning("id").execute()).map((r) => r.id);
  await deleteKeptDevicesOfSessions(db, ended);
  return ended;
}

/** Ends one session if it is still open; the ids actually ended (none or this one). */
export async function endOpenSession(db: Db, sessionId: string, now: number): Promise<string[]> {
  const rows = await db
    .updateTable("sessions")
    .set({ revoked_at: now })
    .where("id", "=", sessionId)
    .where("revoked_at", "is", null)
    .returning("id")
    .execute();
  const ended = rows.map((r) => r.id);
  await deleteKeptDevicesOfSessions(db, ended);
  return ended;
}

/** Marks a session ended whatever its state (the SSO pending session, replaced by a full one). */
export async function markSessionRevoked(db: Db, sessionId: string, now: number): Promise<void> {
  await db.updateTable("sessions").set({ revoked_at: now }).where("id", "=", sessionId).execute();
}

/** Open sessions of an account, newest first, with the policy limits of the account's role. */
export async function listOpenSessionsOf(db: Db, accountId: string) {
  return sessionsWithPolicy(db)
    .select([
      "sessions.id",
      "sessions.created_at",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.mfa_pending",
      "sessions.idle_ms as session_idle_ms",
      "accounts.kind",
      "policy.idle_ms",
      "policy.absolute_ms",
    ])
    .where("sessions.account_id", "=", accountId)
    .where("sessions.revoked_at", "is", null)
    .orderBy("sessions.created_at", "desc")
    .execute();
}

export async function findSessionOwner(
  db: Db,
  sessionId: string,
): Promise<{ id: string; account_id: string } | undefined> {
  return db.selectFrom("sessions").select(["id", "account_id"]).where("id", "=", sessionId).executeTakeFirst();
}

export async function findSessionMfaPending(db: Db, sessionId: string): Promise<{ mfa_pending: number } | undefined> {
  return db.selectFrom("sessions").select("mfa_pending").where("id", "=", sessionId).executeTakeFirst();
}

/** The session has shown its second factor. */
export async function clearSessionMfaPending(db: Db, sessionId: string): Promise<void> {
  await db.updateTable("sessions").set({ mfa_pending: 0 }).where("id", "=", sessionId).execute();
}
