// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgeBand, ClientDetailQuestions, ClientDetailsAnswer, Gender } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/** Voluntary client details (ADR 0050): the organisation's questions and the clients' answers. */

export async function questionsOf(db: Db, orgId: string): Promise<ClientDetailQuestions> {
  const row = await db
    .selectFrom("client_detail_questions")
    .select(["ask_age_band", "ask_gender"])
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
  return { ageBand: Number(row?.ask_age_band ?? 0) === 1, gender: Number(row?.ask_gender ?? 0) === 1 };
}

export async function storeQuestions(db: Db, orgId: string, q: ClientDetailQuestions, now: number): Promise<void> {
  const values = { ask_age_band: q.ageBand ? 1 : 0, ask_gender: q.gender ? 1 : 0, updated_at: now };
  await db
    .insertInto("client_detail_questions")
    .values({ organisation_id: orgId, ...values })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet(values))
    .execute();
}

/** A question turned off takes its stored answers with it (nothing kept that is neither shown nor counted). */
export async function clearUnasked(db: Db, orgId: string, q: ClientDetailQuestions): Promise<void> {
  if (!q.ageBand)
    await db.updateTable("client_details").set({ age_band: null }).where("organisation_id", "=", orgId).execute();
  if (!q.gender)
    await db.updateTable("client_details").set({ gender: null }).where("organisation_id", "=", orgId).execute();
  await db
    .deleteFrom("client_details")
    .where("organisation_id", "=", orgId)
    .where("age_band", "is", null)
    .where("gender", "is", null)
    .execute();
}

/** The organisations the client has a case with or gave details to, their questions and the client's answers there. */
export async function clientOrganisations(
  db: Db,
  accountId: string,
): Promise<{ id: string; name: string; questions: ClientDetailQuestions; answer: ClientDetailsAnswer }[]> {
  const rows = await db
    .selectFrom("organisations as o")
    .leftJoin("client_detail_questions as q", "q.organisation_id", "o.id")
    .leftJoin("client_details as d", (j) =>
      j.onRef("d.organisation_id", "=", "o.id").on("d.account_id", "=", accountId),
    )
    .select(["o.id", "o.name", "q.ask_age_band", "q.ask_gender", "d.age_band", "d.gender"])
    .where((eb) =>
      eb.or([
        eb("o.id", "in", db.selectFrom("cases").select("organisation_id").where("client_id", "=", accountId)),
        eb("o.id", "in", db.selectFrom("client_details").select("organisation_id").where("account_id", "=", accountId)),
      ]),
    )
    .orderBy("o.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    questions: { ageBand: Number(r.ask_age_band ?? 0) === 1, gender: Number(r.ask_gender ?? 0) === 1 },
    answer: { ageBand: r.age_band ?? null, gender: r.gender ?? null },
  }));
}

/** The client has a case there, or answers there still stored (their cases deleted since). */
export async function knowsOrganisation(db: Db, orgId: string, accountId: string): Promise<boolean> {
  const kase = await db
    .selectFrom("cases")
    .select("id")
    .where("organisation_id", "=", orgId)
    .where("client_id", "=", accountId)
    .executeTakeFirst();
  if (kase) return true;
  const row = await db
    .selectFrom("client_details")
    .select("account_id")
    .where("organisation_id", "=", orgId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Stores the answer; an answer of nothing at all removes the row. */
export async function storeAnswer(
  db: Db,
  orgId: string,
  accountId: string,
  answer: ClientDetailsAnswer,
  now: number,
): Promise<void> {
  if (answer.ageBand === null && answer.gender === null) {
    await db
      .deleteFrom("client_details")
      .where("organisation_id", "=", orgId)
      .where("account_id", "=", accountId)
      .execute();
    return;
  }
  const values = { age_band: answer.ageBand, gender: answer.gender, updated_at: now };
  await db
    .insertInto("client_details")
    .values({ organisation_id: orgId, account_id: accountId, ...values })
    .onConflict((oc) => oc.columns(["organisation_id", "account_id"]).doUpdateSet(values))
    .execute();
}

/** Every client's answers at the organisation, by account id (for joining to cases in memory, then dropped). */
export async function answersAt(
  db: Db,
  orgId: string,
): Promise<Map<string, { ageBand: AgeBand | null; gender: Gender | null }>> {
  const rows = await db
    .selectFrom("client_details")
    .select(["account_id", "age_band", "gender"])
    .where("organisation_id", "=", orgId)
    .execute();
  return new Map(rows.map((r) => [r.account_id, { ageBand: r.age_band, gender: r.gender }]));
}
