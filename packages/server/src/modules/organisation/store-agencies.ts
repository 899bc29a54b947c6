// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Insertable, Kysely, Transaction, Updateable } from "kysely";
import type { AgenciesTable, Database, TopicsTable } from "../../infra/db/schema";

/** Agencies, topics and which agency serves which topic: what the finder shows and admins maintain. */

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** The organisation's agencies (or the one given), by name. */
export async function listAgencyRows(db: Db, orgId: string, agencyId?: string): Promise<AgenciesTable[]> {
  let q = db.selectFrom("agencies").selectAll().where("organisation_id", "=", orgId);
  if (agencyId) q = q.where("id", "=", agencyId);
  return q.orderBy("name").orderBy("id").execute();
}

/** The topics of several agencies. */
export async function listAgencyTopics(
  db: Db,
  agencyIds: string[],
): Promise<{ agency_id: string; topic_id: string }[]> {
  return db.selectFrom("agency_topics").select(["agency_id", "topic_id"]).where("agency_id", "in", agencyIds).execute();
}

/** An agency of this organisation, if it is one. */
export async function findOrgAgency(db: Db, orgId: string, agencyId: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("agencies")
    .select("id")
    .where("id", "=", agencyId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
}

export async function insertAgency(trx: Trx, row: Insertable<AgenciesTable>): Promise<void> {
  await trx.insertInto("agencies").values(row).execute();
}

/** Changes an agency of this organisation; returns how many rows matched (0: no such agency here). */
export async function updateOrgAgency(
  trx: Trx,
  orgId: string,
  agencyId: string,
  columns: Updateable<AgenciesTable>,
): Promise<number> {
  const updated = await trx
    .updateTable("agencies")
    .set(columns)
    .where("id", "=", agencyId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

export async function addAgencyTopic(trx: Trx, agencyId: string, topicId: string): Promise<void> {
  await trx.insertInto("agency_topics").values({ agency_id: agencyId, topic_id: topicId }).execute();
}

/** Replaces the agency's topics with these. */
export async function setAgencyTopics(trx: Trx, agencyId: string, topicIds: readonly string[]): Promise<void> {
  await trx.deleteFrom("agency_topics").where("agency_id", "=", agencyId).execute();
  for (const topicId of topicIds) await addAgencyTopic(trx, agencyId, topicId);
}

/** The organisation's topics, by name. */
export async function listTopicRows(
  db: Db,
  orgId: string,
): Promise<Pick<TopicsTable, "id" | "slug" | "name" | "address_form">[]> {
  return db
    .selectFrom("topics")
    .select(["id", "slug", "name", "address_form"])
    .where("organisation_id", "=", orgId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/** Those of the given topics that belong to this organisation. */
export async function listOrgTopics(db: Db, orgId: string, topicIds: readonly string[]): Promise<{ id: string }[]> {
  return db
    .selectFrom("topics")
    .select("id")
    .where("organisation_id", "=", orgId)
    .where("id", "in", [...topicIds])
    .execute();
}

/** The organisation's topic with this short name, if there is one. */
export async function findTopicBySlug(db: Db, orgId: string, slug: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("topics")
    .select("id")
    .where("organisation_id", "=", orgId)
    .where("slug", "=", slug)
    .executeTakeFirst();
}

export async function insertTopic(trx: Trx, row: Insertable<TopicsTable>): Promise<void> {
  await trx.insertInto("topics").values(row).execute();
}
