// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import { binaryType, dialectOf } from "../dialect";

/**
 * Titles of team chats (issue #16, ADR 0033): `conversations.title_envelope`, the title sealed in the creator's
 * browser like a message (under an epoch of the chat, signed by its creator), so the server stores it without
 * reading it. Null: no title — the members' names stand for the chat.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("conversations")
    .addColumn("title_envelope", binaryType(dialectOf(db)))
    .execute();
}
