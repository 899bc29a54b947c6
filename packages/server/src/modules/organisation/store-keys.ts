// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database, KeyWrapsTable, OrgLogEntriesTable } from "../../infra/db/schema";

/**
 * Key wraps and the organisation log: the server stores what browsers
 * wrapped and signed. Verification and authorisation are the services'.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** Inserts a wrap unless its slot is taken; returns whether it was inserted. */
export async function insertKeyWrapIfFree(trx: Trx, row: KeyWrapsTable): Promise<boolean> {
  const inserted = await trx
    .insertInto("key_wraps")
    .values(row)
    .onConflict((oc) => oc.column("slot").doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Removes the organisation keys (org-root, archive; every generation) wrapped to this account. */
export async function deleteOrgKeyWrapsOf(trx: Trx, accountId: string): Promise<number> {
  const deleted = await trx
    .deleteFrom("key_wraps")
    .where("recipient_account_id", "=", accountId)
    .where("kind", "in", ["org-root", "archive"])
    .executeTakeFirst();
  return Number(deleted.numDeletedRows ?? 0);
}

/** The account's own wraps, optionally of one kind and ref, oldest first. */
export async function listOwnKeyWraps(
  db: Db,
  accountId: string,
  filter: { kind?: KeyWrapsTable["kind"] | undefined; refId?: string | undefined },
): Promise<KeyWrapsTable[]> {
  let own = db.selectFrom("key_wraps").selectAll().where("recipient_account_id", "=", accountId);
  if (filter.kind) own = own.where("kind", "=", filter.kind);
  if (filter.refId) own = own.where("ref_id", "=", filter.refId);
  return own.orderBy("created_at").orderBy("id").execute();
}

/** The teams the account holds a team key wrap for. */
export async function listTeamKeyRefsOf(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("key_wraps")
    .select("ref_id")
    .distinct()
    .where("recipient_account_id", "=", accountId)
    .where("kind", "=", "team")
    .execute();
  return rows.map((r) => r.ref_id);
}

/** The team-previous wraps of these teams of the organisation, by generation. */
export async function listTeamPreviousWraps(db: Db, orgId: string, teamIds: string[]): Promise<KeyWrapsTable[]> {
  return db
    .selectFrom("key_wraps")
    .selectAll()
    .where("kind", "=", "team-previous")
    .where("ref_id", "in", teamIds)
    .where("organisation_id", "=", orgId)
    .orderBy("generation")
    .execute();
}

/** Every entry of the organisation's log (wire encoding, base64url), in seq order. */
export async function listOrgLogEntries(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("org_log_entries")
    .select("entry")
    .where("organisation_id", "=", orgId)
    .orderBy("seq")
    .execute();
  return rows.map((r) => r.entry);
}

/** The genesis entry (seq 0, wire encoding, base64url), if the organisation's log has begun. */
export async function findOrgLogGenesis(db: Db, orgId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("org_log_entries")
    .select("entry")
    .where("organisation_id", "=", orgId)
    .where("seq", "=", 0)
    .executeTakeFirst();
  return row?.entry;
}

/** Up to `limit` entries after seq `after` (from the start without it), in seq order. */
export async function listOrgLogPage(
  db: Db,
  orgId: string,
  after: number | undefined,
  limit: number,
): Promise<OrgLogEntriesTable[]> {
  let q = db.selectFrom("org_log_entries").selectAll().where("organisation_id", "=", orgId);
  if (after !== undefined) q = q.where("seq", ">", after);
  return q.orderBy("seq").limit(limit).execute();
}

/** Whether the organisation's log has any entry. */
export async function orgLogStarted(db: Db, orgId: string): Promise<boolean> {
  const logged = await db
    .selectFrom("org_log_entries")
    .select("seq")
    .where("organisation_id", "=", orgId)
    .limit(1)
    .executeTakeFirst();
  return logged !== undefined;
}

export async function insertOrgLogEntry(trx: Trx, row: OrgLogEntriesTable): Promise<void> {
  await trx.insertInto("org_log_entries").values(row).execute();
}

/** Inserts an entry unless its seq is taken (a concurrent append won); returns whether it was inserted. */
export async function insertOrgLogEntryIfFree(db: Db, row: OrgLogEntriesTable): Promise<boolean> {
  const inserted = await db
    .insertInto("org_log_entries")
    .values(row)
    .onConflict((oc) => oc.columns(["organisation_id", "seq"]).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}
