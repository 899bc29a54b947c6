// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { ClientSafetySettingsTable, Database } from "../../infra/db/schema";

/** The organisation's client-safety settings row (quick-exit target). */

type Db = Kysely<Database> | Transaction<Database>;

export function findClientSafety(db: Db, orgId: string): Promise<ClientSafetySettingsTable | undefined> {
  return db.selectFrom("client_safety_settings").selectAll().where("organisation_id", "=", orgId).executeTakeFirst();
}

/** Inserts or replaces the organisation's settings. */
export async function storeClientSafety(
  db: Db,
  orgId: string,
  values: Omit<ClientSafetySettingsTable, "organisation_id">,
): Promise<void> {
  await db
    .insertInto("client_safety_settings")
    .values({ organisation_id: orgId, ...values })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet(values))
    .execute();
}
