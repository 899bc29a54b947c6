// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import { NotFoundError } from "../../core/errors";
import type { Database } from "../../infra/db/schema";

/** The database or a service's open transaction: every query function here runs in either. */
export type Db = Kysely<Database> | Transaction<Database>;

/**
 * A staff account of this organisation, or 404 — the one lookup behind every admin action on a person
 * (sessions, second factor, offboarding). Another organisation's account and a client answer alike.
 */
export async function orgStaffAccount(
  db: Db,
  orgId: string,
  accountId: string,
): Promise<{ id: string; disabled_at: number | null }> {
  const target = await db
    .selectFrom("accounts")
    .select(["id", "organisation_id", "kind", "disabled_at"])
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (!target || target.organisation_id !== orgId || target.kind !== "staff")
    throw new NotFoundError("No such account");
  return { id: target.id, disabled_at: target.disabled_at === null ? null : Number(target.disabled_at) };
}
