// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/** A counsellor's absence notice (one row per account); what it means is absence.ts's and messages.ts's. */
type Db = Kysely<Database> | Transaction<Database>;

type AbsenceRow = Database["absences"];

export async function absenceOf(
  db: Db,
  accountId: string,
): Promise<Pick<AbsenceRow, "active" | "message" | "message_informal" | "until"> | undefined> {
  return db
    .selectFrom("absences")
    .select(["active", "message", "message_informal", "until"])
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

/** Whether the notice is on and since when (the period an automatic reply is sent once in). */
export async function absencePeriodOf(
  db: Db,
  accountId: string,
): Promise<Pick<AbsenceRow, "active" | "since"> | undefined> {
  return db.selectFrom("absences").select(["active", "since"]).where("account_id", "=", accountId).executeTakeFirst();
}

/** The notice while switched on (its `until` is for the caller to check). */
export async function activeAbsenceOf(
  db: Db,
  accountId: string,
): Promise<Pick<AbsenceRow, "message" | "message_informal" | "since" | "until"> | undefined> {
  return db
    .selectFrom("absences")
    .select(["message", "message_informal", "since", "until"])
    .where("account_id", "=", accountId)
    .where("active", "=", 1)
    .executeTakeFirst();
}

export async function saveAbsence(db: Db, accountId: string, row: Omit<AbsenceRow, "account_id">): Promise<void> {
  await db
    .insertInto("absences")
    .values({ account_id: accountId, ...row })
    .onConflict((oc) => oc.column("account_id").doUpdateSet(row))
    .execute();
}

/** The form of address a client chose on their account page (migration 0021), or null: the topic's applies. */
export async function clientAddressForm(db: Db, clientId: string): Promise<"formal" | "informal" | null> {
  const row = await db.selectFrom("accounts").select("address_form").where("id", "=", clientId).executeTakeFirst();
  return row?.address_form ?? null;
}

/** The notice in the client's form of address: the informal one for "du" where it was written. */
export function absenceTextFor(
  absence: Pick<AbsenceRow, "message" | "message_informal">,
  addressForm: "formal" | "informal" | undefined,
): string {
  return (addressForm === "informal" ? absence.message_informal : null) ?? absence.message;
}
