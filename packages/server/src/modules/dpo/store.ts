// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/**
 * Break-glass grants and the stored versions of the processing record, plus
 * the few facts about the organisation the record reports (policies, the last
 * retention run). The audit chains are in store-audit.ts. No authorisation
 * here: the services decide first.
 */
type Db = Kysely<Database> | Transaction<Database>;

export type ProcessingRecordRow = Database["processing_records"];

export async function insertBreakGlassGrant(db: Db, grant: Database["break_glass_grants"]): Promise<void> {
  await db.insertInto("break_glass_grants").values(grant).execute();
}

/**
 * The organisation's grants since `since`, newest first (at most 200), with team and account names; with
 * `ledBy`, only those to teams that account leads.
 */
export async function listBreakGlassGrants(
  db: Db,
  props: { orgId: string; since: number; ledBy?: string | undefined },
) {
  let query = db
    .selectFrom("break_glass_grants as g")
    .leftJoin("teams as t", "t.id", "g.team_id")
    .leftJoin("accounts as a", "a.id", "g.account_id")
    .select([
      "g.id",
      "g.case_id",
      "g.team_id",
      "t.name as team_name",
      "g.account_id",
      "a.username",
      "g.reason",
      "g.created_at",
      "g.expires_at",
    ])
    .where("g.organisation_id", "=", props.orgId)
    .where("g.created_at", ">=", props.since);
  if (props.ledBy !== undefined) {
    const led = db
      .selectFrom("team_members")
      .select("team_id")
      .where("account_id", "=", props.ledBy)
      .where("role", "=", "lead");
    query = query.where("g.team_id", "in", led);
  }
  return query.orderBy("g.created_at", "desc").orderBy("g.id").limit(200).execute();
}

/** How many break-glass grants the organisation made since `since`. */
export async function countBreakGlassGrants(db: Db, orgId: string, since: number): Promise<number> {
  const row = await db
    .selectFrom("break_glass_grants")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organisation_id", "=", orgId)
    .where("created_at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function organisationPolicies(db: Db, orgId: string): Promise<Database["organisation_policies"][]> {
  return db.selectFrom("organisation_policies").selectAll().where("organisation_id", "=", orgId).execute();
}

/** When the retention job last succeeded (undefined when it never did). */
export async function lastRetentionSuccess(db: Db): Promise<{ finished_at: number | null } | undefined> {
  return db
    .selectFrom("job_runs")
    .select("finished_at")
    .where("job", "=", "retention")
    .where("status", "=", "succeeded")
    .orderBy("finished_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function organisationName(db: Db, orgId: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom("organisations").select(["id", "name"]).where("id", "=", orgId).executeTakeFirst();
}

/** The content of the organisation's newest stored record version. */
export async function latestProcessingRecordContent(db: Db, orgId: string): Promise<string | undefined> {
  const latest = await db
    .selectFrom("processing_records")
    .select("content")
    .where("organisation_id", "=", orgId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return latest?.content;
}

/** The organisation's newest version number, if it stored any. */
export async function latestProcessingRecordVersion(db: Db, orgId: string): Promise<{ version: number } | undefined> {
  return db
    .selectFrom("processing_records")
    .select("version")
    .where("organisation_id", "=", orgId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function listProcessingRecordVersions(
  db: Db,
  orgId: string,
): Promise<Pick<ProcessingRecordRow, "version" | "sha256" | "created_at" | "created_by">[]> {
  return db
    .selectFrom("processing_records")
    .select(["version", "sha256", "created_at", "created_by"])
    .where("organisation_id", "=", orgId)
    .orderBy("version", "desc")
    .execute();
}

/** The unique (organisation, version) constraint turns a concurrent store into a conflict, never a duplicate. */
export async function insertProcessingRecord(db: Db, row: ProcessingRecordRow): Promise<void> {
  await db.insertInto("processing_records").values(row).execute();
}

export async function processingRecordVersion(
  db: Db,
  orgId: string,
  version: number,
): Promise<ProcessingRecordRow | undefined> {
  return db
    .selectFrom("processing_records")
    .selectAll()
    .where("organisation_id", "=", orgId)
    .where("version", "=", version)
    .executeTakeFirst();
}
