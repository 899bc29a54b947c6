// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Database, StaffNotificationsTable } from "../../infra/db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type StaffNotificationRow = Selectable<StaffNotificationsTable>;

/** One entry per event and recipient: the id is derived from both, a second insert changes nothing. */
export async function insertStaffNotifications(db: Db, rows: Insertable<StaffNotificationsTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("staff_notifications")
    .values(rows)
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
}

export async function listStaffNotifications(
  db: Db,
  accountId: string,
  limit: number,
): Promise<StaffNotificationRow[]> {
  return db
    .selectFrom("staff_notifications")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function countUnread(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom("staff_notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", accountId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(db: Db, accountId: string, ids: readonly string[] | "all", now: number): Promise<void> {
  let q = db
    .updateTable("staff_notifications")
    .set({ read_at: now })
    .where("account_id", "=", accountId)
    .where("read_at", "is", null);
  if (ids !== "all") q = q.where("id", "in", ids);
  await q.execute();
}

export async function pruneStaffNotifications(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom("staff_notifications").where("created_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Active staff in a team; `leads` only its team leads. */
export async function teamStaff(db: Db, teamId: string, props: { leads?: boolean } = {}): Promise<string[]> {
  let q = db
    .selectFrom("team_members")
    .innerJoin("accounts", "accounts.id", "team_members.account_id")
    .select("team_members.account_id")
    .where("team_members.team_id", "=", teamId)
    .where("accounts.disabled_at", "is", null);
  if (props.leads) q = q.where("team_members.role", "=", "lead");
  return (await q.execute()).map((r) => r.account_id);
}

/** Active data-protection officers of an organisation. */
export async function organisationDpos(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("accounts")
    .select("id")
    .where("organisation_id", "=", organisationId)
    .where("role", "=", "dpo")
    .where("disabled_at", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

/** Those of the accounts who confirmed an address for e-mail notices. */
export async function confirmedAmong(db: Db, accountIds: readonly string[]): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const rows = await db
    .selectFrom("notify_addresses")
    .select("account_id")
    .where("account_id", "in", accountIds)
    .where("confirmed_at", "is not", null)
    .execute();
  return rows.map((r) => r.account_id);
}
