// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { ChannelPreferencesTable, Database } from "../../infra/db/schema";

/** A client's channel preferences (one row, absent until they save one). Defaults live in presenter.ts. */
type Db = Kysely<Database> | Transaction<Database>;

export function findChannelPreferences(db: Db, accountId: string): Promise<ChannelPreferencesTable | undefined> {
  return db.selectFrom("channel_preferences").selectAll().where("account_id", "=", accountId).executeTakeFirst();
}

/** Inserts or replaces the account's preferences. */
export async function storeChannelPreferences(db: Db, row: ChannelPreferencesTable): Promise<void> {
  await db
    .insertInto("channel_preferences")
    .values(row)
    .onConflict((oc) =>
      oc.column("account_id").doUpdateSet({
        in_app: row.in_app,
        email_notice: row.email_notice,
        push: row.push,
        phone: row.phone,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
