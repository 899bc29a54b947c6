// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * An agency's greeting in the informal form too (issue #15, item 7): a case
 * on a "du" topic is greeted with it; null: the one greeting for both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("agencies").addColumn("greeting_informal", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("agencies").dropColumn("greeting_informal").execute();
}
