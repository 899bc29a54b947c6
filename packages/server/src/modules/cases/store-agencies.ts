// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/**
 * What the finder and case opening read about topics, agencies, their teams
 * and counsellors. Only what an agency publishes anyway is read for the
 * public finder; shuffling and postcode matching happen in finder.ts.
 */
type Db = Kysely<Database> | Transaction<Database>;

export type AgencyRow = Database["agencies"] & { organisation_name: string };

/** Every topic with its organisation's name, by name (at most 1000). */
export async function listTopicRows(db: Db) {
  return db
    .selectFrom("topics as t")
    .innerJoin("organisations as o", "o.id", "t.organisation_id")
    .select(["t.id", "t.organisation_id", "o.name as organisation_name", "t.slug", "t.name", "t.address_form"])
    .orderBy("t.name")
    .orderBy("t.id")
    .limit(1000)
    .execute();
}

function agencies(db: Db) {
  return db
    .selectFrom("agencies as a")
    .innerJoin("organisations as o", "o.id", "a.organisation_id")
    .selectAll("a")
    .select("o.name as organisation_name");
}

/** Agencies that counsel on the topic (only those online anywhere, if asked), at most 1000, unordered. */
export async function agenciesForTopic(db: Db, props: { topicId: string; onlineOnly: boolean }): Promise<AgencyRow[]> {
  let q = agencies(db).where("a.id", "in", (eb) =>
    eb.selectFrom("agency_topics").select("agency_id").where("topic_id", "=", props.topicId),
  );
  if (props.onlineOnly) q = q.where("a.online_anywhere", "=", 1);
  return (await q.limit(1000).execute()) as AgencyRow[];
}

export async function agencyRow(db: Db, agencyId: string): Promise<AgencyRow | undefined> {
  return (await agencies(db).where("a.id", "=", agencyId).executeTakeFirst()) as AgencyRow | undefined;
}

/** The topics of the agencies (no query for none). */
export async function topicsOfAgencies(
  db: Db,
  agencyIds: string[],
): Promise<{ agency_id: string; topic_id: string }[]> {
  return agencyIds.length
    ? db.selectFrom("agency_topics").select(["agency_id", "topic_id"]).where("agency_id", "in", agencyIds).execute()
    : [];
}

/** What opening a case needs of the agency. */
export async function agencyForOpening(
  db: Db,
  agencyId: string,
): Promise<Pick<Database["agencies"], "id" | "organisation_id" | "greeting" | "greeting_informal"> | undefined> {
  return db
    .selectFrom("agencies")
    .select(["id", "organisation_id", "greeting", "greeting_informal"])
    .where("id", "=", agencyId)
    .executeTakeFirst();
}

/** The form of address a topic asks for ("du" or "Sie"). */
export async function topicAddressForm(db: Db, topicId: string): Promise<"formal" | "informal" | undefined> {
  return (await db.selectFrom("topics").select("address_form").where("id", "=", topicId).executeTakeFirst())
    ?.address_form;
}

export async function agencyOffersTopic(db: Db, agencyId: string, topicId: string): Promise<boolean> {
  const offered = await db
    .selectFrom("agency_topics")
    .select("topic_id")
    .where("agency_id", "=", agencyId)
    .where("topic_id", "=", topicId)
    .executeTakeFirst();
  return offered !== undefined;
}

/** The agency's intake teams, oldest first. */
export async function intakeTeamsOfAgency(db: Db, agencyId: string): Promise<string[]> {
  const teams = await db
    .selectFrom("teams")
    .select("id")
    .where("agency_id", "=", agencyId)
    .where("is_intake", "=", 1)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return teams.map((t) => t.id);
}

/** The account if it is active staff of one of the agency's teams. */
export async function counsellorOfAgency(db: Db, agencyId: string, accountId: string) {
  return db
    .selectFrom("accounts as a")
    .innerJoin("team_members as tm", "tm.account_id", "a.id")
    .innerJoin("teams as t", "t.id", "tm.team_id")
    .select(["a.id", "a.display_name"])
    .where("a.id", "=", accountId)
    .where("a.kind", "=", "staff")
    .where("a.disabled_at", "is", null)
    .where("t.agency_id", "=", agencyId)
    .executeTakeFirst();
}

/** Teams of the organisation the account is a member of. */
export async function teamIdsOfMember(db: Db, accountId: string, orgId: string): Promise<string[]> {
  const teams = await db
    .selectFrom("team_members as tm")
    .innerJoin("teams as t", "t.id", "tm.team_id")
    .select("tm.team_id")
    .where("tm.account_id", "=", accountId)
    .where("t.organisation_id", "=", orgId)
    .execute();
  return teams.map((t) => t.team_id);
}

export async function teamOfOrganisation(db: Db, teamId: string, orgId: string): Promise<boolean> {
  const team = await db
    .selectFrom("teams")
    .select("id")
    .where("id", "=", teamId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
  return team !== undefined;
}
