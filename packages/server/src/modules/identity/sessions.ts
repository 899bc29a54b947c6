// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SessionView } from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { NotFoundError } from "../../core/errors";
import { authorize, sessionLimits } from "../../policies";
import { presentSession } from "./presenter-sessions";
import { orgStaffAccount } from "./store";
import { endOpenSession, endSessionsOf, findSessionOwner, listOpenSessionsOf } from "./store-sessions";
import { recordAudit } from "../../core/audit";

/** What announcing needs; the CLI has a bus and a logger but no HTTP server. */
export type AnnounceContext = Pick<AppContext, "bus"> & { logger: Pick<AppContext["logger"], "warn"> };

/** Bus topic on which any node announces ended sessions; every node's realtime layer closes their sockets. */
export const SESSIONS_TOPIC = "sessions";

/**
 * After commit: every node closes the WebSockets of these sessions. The
 * database already refuses them on the next request; the event only makes
 * open sockets notice at once.
 */
export async function announceEndedSessions(ctx: AnnounceContext, sessionIds: readonly string[]): Promise<void> {
  for (const sessionId of sessionIds) {
    await ctx.bus.publish(SESSIONS_TOPIC, { type: "session.ended", sessionId }).catch((err: Error) => {
      ctx.logger.warn({ err: { name: err.name, message: err.message } }, "could not announce ended session");
    });
  }
}

export async function listOwnSessions(ctx: AppContext, props: { actor: Actor }): Promise<SessionView[]> {
  authorize(props.actor, "session.list", { type: "own", ownerId: props.actor.accountId });
  const now = ctx.clock.now();
  const rows = await listOpenSessionsOf(ctx.db.db, props.actor.accountId);
  return rows
    .map((r) => {
      const limits = sessionLimits(r);
      const expiresAt = Math.min(r.expires_at, r.created_at + limits.absoluteMs, r.last_seen_at + limits.idleMs);
      return presentSession({ ...r, expiresAt, current: r.id === props.actor.sessionId });
    })
    .filter((s) => s.expiresAt > now);
}

/** Ends one of the caller's own sessions; someone else's session id is "not found". */
export async function revokeOwnSession(ctx: AppContext, props: { actor: Actor; sessionId: string }): Promise<void> {
  const row = await findSessionOwner(ctx.db.db, props.sessionId);
  if (!row) throw new NotFoundError("No such session");
  authorize(props.actor, "session.revoke", { type: "own", ownerId: row.account_id });
  const ended = await endOpenSession(ctx.db.db, row.id, ctx.clock.now());
  await announceEndedSessions(ctx, ended);
}

export async function revokeOtherSessions(ctx: AppContext, props: { actor: Actor }): Promise<number> {
  authorize(props.actor, "session.revoke", { type: "own", ownerId: props.actor.accountId });
  const ids = await endSessionsOf(ctx.db.db, {
    accountId: props.actor.accountId,
    now: ctx.clock.now(),
    keepSessionId: props.actor.sessionId,
  });
  await announceEndedSessions(ctx, ids);
  return ids.length;
}

/** An admin ends every session of a staff member of their organisation (e.g. a lost laptop). */
export async function revokeAccountSessions(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; accountId: string },
): Promise<number> {
  authorize(props.actor, "account.sessions.revoke", {
    type: "account",
    organisationId: props.orgId,
    accountId: props.accountId,
  });
  const now = ctx.clock.now();
  const ids = await ctx.db.db.transaction().execute(async (trx) => {
    await orgStaffAccount(trx, props.orgId, props.accountId);
    const ended = await endSessionsOf(trx, { accountId: props.accountId, now });
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "account.sessions_revoked",
      target: { type: "account", id: props.accountId },
      data: { sessions: ended.length },
    });
    return ended;
  });
  await announceEndedSessions(ctx, ids);
  return ids.length;
}
