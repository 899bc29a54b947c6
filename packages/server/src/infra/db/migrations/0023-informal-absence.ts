// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * A counsellor's absence notice in the informal form too (issue #15, item 7):
 * clients of a "du" topic read it; null: the one notice for both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("absences").addColumn("message_informal", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("absences").dropColumn("message_informal").execute();
}
