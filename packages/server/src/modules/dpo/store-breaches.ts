// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { BreachRemindersTable, BreachesTable, Database } from "../../infra/db/schema";

/** The breach register's queries (ADR 0047). No authorisation here: the services decide first. */
type Db = Kysely<Database> | Transaction<Database>;

export type BreachRow = BreachesTable;

export async function listBreachRows(db: Db, orgId: string): Promise<BreachRow[]> {
  return db
    .selectFrom("breaches")
    .selectAll()
    .where("organisation_id", "=", orgId)
    .orderBy("aware_at", "desc")
    .orderBy("id")
    .execute();
}

export async function breachRow(db: Db, orgId: string, id: string): Promise<BreachRow | undefined> {
  return db
    .selectFrom("breaches")
    .selectAll()
    .where("organisation_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertBreach(db: Db, row: BreachRow): Promise<void> {
  await db.insertInto("breaches").values(row).execute();
}

export async function updateBreachRow(
  db: Db,
  id: string,
  values: Omit<BreachRow, "id" | "organisation_id" | "created_by" | "created_at">,
): Promise<void> {
  await db.updateTable("breaches").set(values).where("id", "=", id).execute();
}

/** Open breaches whose authority has not been notified yet and whose awareness lies after `since`-ish: the reminder candidates. */
export async function unnotifiedOpenBreaches(
  db: Db,
): Promise<Pick<BreachRow, "id" | "organisation_id" | "aware_at" | "risk">[]> {
  return db
    .selectFrom("breaches")
    .select(["id", "organisation_id", "aware_at", "risk"])
    .where("status", "=", "open")
    .where("authority_notified_at", "is", null)
    .execute();
}

/** Claims one reminder of a breach; false when it was claimed before. */
export async function claimBreachReminder(
  db: Db,
  breachId: string,
  kind: BreachRemindersTable["kind"],
  now: number,
): Promise<boolean> {
  const res = await db
    .insertInto("breach_reminders")
    .values({ breach_id: breachId, kind, sent_at: now })
    .onConflict((oc) => oc.columns(["breach_id", "kind"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}
