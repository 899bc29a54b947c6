// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import type { PolicyActor } from "../authorize";

/**
 * The grant lookups that case access needs (ADR 0018), apart from
 * break-glass.ts, which itself authorises through cases-access.ts.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** Whether the actor holds a grant for the case that has not expired at `now`. */
export async function hasActiveGrant(db: Db, caseId: string, accountId: string, now: number): Promise<boolean> {
  const row = await db
    .selectFrom("break_glass_grants")
    .select("id")
    .where("case_id", "=", caseId)
    .where("account_id", "=", accountId)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the policy could ask this actor for a grant on this case at all (saves the lookup otherwise). */
export function grantMatters(actor: PolicyActor, assigneeId: string | null): boolean {
  return actor.kind === "staff" && assigneeId !== null && assigneeId !== actor.accountId;
}
