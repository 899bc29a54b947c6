// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database, ProcessorsTable } from "../../infra/db/schema";

/** The processor register's queries (ADR 0049). No authorisation here: the services decide first. */
type Db = Kysely<Database> | Transaction<Database>;

export type ProcessorRow = ProcessorsTable;

/** Active entries first (by name), archived ones after (most recently archived first). */
export async function listProcessorRows(db: Db, orgId: string): Promise<ProcessorRow[]> {
  const rows = await db.selectFrom("processors").selectAll().where("organisation_id", "=", orgId).execute();
  return rows.sort(
    (a, b) =>
      Number(a.archived_at !== null) - Number(b.archived_at !== null) ||
      Number(b.archived_at ?? 0) - Number(a.archived_at ?? 0) ||
      a.name.localeCompare(b.name, "de") ||
      a.id.localeCompare(b.id),
  );
}

export async function processorRow(db: Db, orgId: string, id: string): Promise<ProcessorRow | undefined> {
  return db
    .selectFrom("processors")
    .selectAll()
    .where("organisation_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertProcessor(db: Db, row: ProcessorRow): Promise<void> {
  await db.insertInto("processors").values(row).execute();
}

export async function updateProcessorRow(
  db: Db,
  id: string,
  values: Omit<ProcessorRow, "id" | "organisation_id" | "created_by" | "created_at">,
): Promise<void> {
  await db.updateTable("processors").set(values).where("id", "=", id).execute();
}

/** Active processors whose review date lies before `today` (YYYY-MM-DD compares as text). */
export async function countProcessorReviewsDue(db: Db, orgId: string, today: string): Promise<number> {
  const row = await db
    .selectFrom("processors")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("organisation_id", "=", orgId)
    .where("archived_at", "is", null)
    .where("review_date", "<", today)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Claims the one-time seeding of an organisation's register: true for the
 * first caller only, and only while the register holds no row at all.
 */
export async function claimProcessorSeed(db: Db, orgId: string, now: number): Promise<boolean> {
  const any = await db.selectFrom("processors").select("id").where("organisation_id", "=", orgId).executeTakeFirst();
  const res = await db
    .insertInto("processor_register_seeds")
    .values({ organisation_id: orgId, seeded_at: now })
    .onConflict((oc) => oc.column("organisation_id").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0 && any === undefined;
}

export async function hasProcessorSeed(db: Db, orgId: string): Promise<boolean> {
  return (
    (await db
      .selectFrom("processor_register_seeds")
      .select("organisation_id")
      .where("organisation_id", "=", orgId)
      .executeTakeFirst()) !== undefined
  );
}
