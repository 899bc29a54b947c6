// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../context";
import type { Database } from "../db/schema";

/**
 * Marks every open session of an account as ended (optionally keeping one),
 * inside the caller's transaction so credentials and sessions change together.
 * Returns the ended session ids for `announceEndedSessions`.
 */
export async function endAccountSessions(
  db: Kysely<Database> | Transaction<Database>,
  props: { accountId: string; now: number; keepSessionId?: string },
): Promise<string[]> {
  let q = db
    .updateTable("sessions")
    .set({ revoked_at: props.now })
    .where("account_id", "=", props.accountId)
    .where("revoked_at", "is", null);
  if (props.keepSessionId) q = q.where("id", "!=", props.keepSessionId);
  const rows = await q.returning("id").execute();
  return rows.map((r) => r.id);
}

/** After commit: tells every node to close the WebSockets of these sessions (the database already refuses them). */
export async function announceEndedSessions(ctx: AppContext, sessionIds: readonly string[]): Promise<void> {
  for (const sessionId of sessionIds) {
    await ctx.bus.publish("sessions", { type: "session.ended", sessionId }).catch((err: Error) => {
      ctx.logger.warn({ err: { name: err.name, message: err.message } }, "could not announce ended session");
    });
  }
}
