// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import { answersAt } from "./store-client-details";

type Db = Kysely<Database> | Transaction<Database>;

/** The metadata of one case the statistics use: times and where it belongs, no content, no client id. */
export interface CaseFacts {
  agencyId: string;
  teamId: string;
  topicId: string;
  createdAt: number;
  acceptedAt: number | null;
  closedAt: number | null;
  /** Messages in the case conversation (originals, not edits or deletions). */
  messages: number;
  /** The first message not sent by the client (a counsellor's answer), or null. */
  firstStaffMessageAt: number | null;
  /** Language of the privacy notice the client last accepted at this organisation, if any. */
  language: string | null;
  /** The client's voluntary answers at this organisation (ADR 0050), null for keine Angabe. */
  ageBand: string | null;
  gender: string | null;
}

/**
 * Every case of the organisation with an enquiry, acceptance or closing in
 * [from, to), with its message count and first staff message. One query per
 * kind of fact, joined in memory: the client id is used to tell the client's
 * messages from staff ones and to find the notice language, and is dropped.
 */
export async function caseFacts(db: Db, orgId: string, from: number, to: number): Promise<CaseFacts[]> {
  const inRange = (column: "c.created_at" | "c.accepted_at" | "c.closed_at") =>
    sql<boolean>`(${sql.ref(column)} >= ${from} and ${sql.ref(column)} < ${to})`;
  const cases = await db
    .selectFrom("cases as c")
    .select([
      "c.agency_id",
      "c.team_id",
      "c.topic_id",
      "c.client_id",
      "c.created_at",
      "c.accepted_at",
      "c.closed_at",
      "c.conversation_id",
    ])
    .where("c.organisation_id", "=", orgId)
    .where((eb) => eb.or([inRange("c.created_at"), inRange("c.accepted_at"), inRange("c.closed_at")]))
    .execute();
  if (cases.length === 0) return [];

  const counts = await db
    .selectFrom("messages as m")
    .innerJoin("cases as c", "c.conversation_id", "m.conversation_id")
    .select([
      "m.conversation_id",
      sql<string | number>`count(*)`.as("n"),
      sql<string | number | null>`min(case when m.sender_id <> c.client_id then m.created_at end)`.as("first_staff"),
    ])
    .where("c.organisation_id", "=", orgId)
    .where("m.kind", "=", "message")
    .where((eb) => eb.or([inRange("c.created_at"), inRange("c.accepted_at"), inRange("c.closed_at")]))
    .groupBy("m.conversation_id")
    .execute();
  const byConversation = new Map(counts.map((r) => [r.conversation_id, r]));

  const notices = await db
    .selectFrom("document_acceptances")
    .select(["account_id", "language", "accepted_at"])
    .where("organisation_id", "=", orgId)
    .where("kind", "=", "privacy_notice")
    .orderBy("accepted_at")
    .execute();
  const answers = await answersAt(db, orgId);
  const languageOf = new Map<string, string>();
  for (const n of notices) languageOf.set(n.account_id, n.language);

  return cases.map((c) => {
    const m = byConversation.get(c.conversation_id);
    return {
      agencyId: c.agency_id,
      teamId: c.team_id,
      topicId: c.topic_id,
      createdAt: Number(c.created_at),
      acceptedAt: c.accepted_at === null ? null : Number(c.accepted_at),
      closedAt: c.closed_at === null ? null : Number(c.closed_at),
      messages: m ? Number(m.n) : 0,
      firstStaffMessageAt: m?.first_staff == null ? null : Number(m.first_staff),
      language: languageOf.get(c.client_id) ?? null,
      ageBand: answers.get(c.client_id)?.ageBand ?? null,
      gender: answers.get(c.client_id)?.gender ?? null,
    };
  });
}

export interface NamedGroup {
  id: string;
  name: string;
}

export async function groupsOf(db: Db, orgId: string, kind: "agency" | "team" | "topic"): Promise<NamedGroup[]> {
  const table = kind === "agency" ? "agencies" : kind === "team" ? "teams" : "topics";
  return db.selectFrom(table).select(["id", "name"]).where("organisation_id", "=", orgId).orderBy("name").execute();
}

export async function minCellSizeOf(db: Db, orgId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom("statistics_settings")
    .select("min_cell_size")
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
  return row ? Number(row.min_cell_size) : undefined;
}

export async function storeMinCellSize(db: Db, orgId: string, minCellSize: number, now: number): Promise<void> {
  await db
    .insertInto("statistics_settings")
    .values({ organisation_id: orgId, min_cell_size: minCellSize, updated_at: now })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet({ min_cell_size: minCellSize, updated_at: now }))
    .execute();
}
