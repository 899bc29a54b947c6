// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/** A client's chosen form of address (accounts.address_form, migration 0021). */

type Db = Kysely<Database> | Transaction<Database>;
export type StoredAddressForm = "formal" | "informal" | null;

export async function findAddressForm(db: Db, accountId: string): Promise<StoredAddressForm> {
  const row = await db.selectFrom("accounts").select("address_form").where("id", "=", accountId).executeTakeFirst();
  return row?.address_form ?? null;
}

export async function setAddressForm(db: Db, accountId: string, form: StoredAddressForm): Promise<void> {
  await db.updateTable("accounts").set({ address_form: form }).where("id", "=", accountId).execute();
}
