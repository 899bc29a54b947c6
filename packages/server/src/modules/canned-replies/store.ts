// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/** The queries of canned replies. No authorisation here: the service decides first. */
type Db = Kysely<Database> | Transaction<Database>;

export type CannedReplyRow = Database["canned_replies"];

/** The team, if it belongs to the organisation, and the actor's role in it (null: not a member). */
export async function findTeamAndRole(
  db: Db,
  props: { orgId: string; teamId: string; accountId: string },
): Promise<{ exists: boolean; role: "lead" | "member" | null }> {
  const team = await db
    .selectFrom("teams")
    .select("id")
    .where("id", "=", props.teamId)
    .where("organisation_id", "=", props.orgId)
    .executeTakeFirst();
  const member = await db
    .selectFrom("team_members")
    .select("role")
    .where("team_id", "=", props.teamId)
    .where("account_id", "=", props.accountId)
    .executeTakeFirst();
  return { exists: team !== undefined, role: member?.role ?? null };
}

export async function listCannedReplyRows(db: Db, teamId: string): Promise<CannedReplyRow[]> {
  return db
    .selectFrom("canned_replies")
    .selectAll()
    .where("team_id", "=", teamId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function findCannedReplyRow(db: Db, teamId: string, id: string): Promise<CannedReplyRow | undefined> {
  return db
    .selectFrom("canned_replies")
    .selectAll()
    .where("id", "=", id)
    .where("team_id", "=", teamId)
    .executeTakeFirst();
}

export async function insertCannedReply(db: Db, row: CannedReplyRow): Promise<void> {
  await db.insertInto("canned_replies").values(row).execute();
}

export async function updateCannedReply(
  db: Db,
  props: Pick<CannedReplyRow, "id" | "generation" | "wrap" | "ciphertext" | "updated_by" | "updated_at">,
): Promise<void> {
  const { id, ...values } = props;
  await db.updateTable("canned_replies").set(values).where("id", "=", id).execute();
}

export async function deleteCannedReply(db: Db, id: string): Promise<void> {
  await db.deleteFrom("canned_replies").where("id", "=", id).execute();
}

/** Whether the team has a key of this generation (a wrap to an unknown generation could never be opened). */
export async function teamKeyGenerationExists(db: Db, teamId: string, generation: number): Promise<boolean> {
  const row = await db
    .selectFrom("key_wraps")
    .select("generation")
    .where("kind", "=", "team")
    .where("ref_id", "=", teamId)
    .where("generation", "=", generation)
    .executeTakeFirst();
  return row !== undefined;
}
