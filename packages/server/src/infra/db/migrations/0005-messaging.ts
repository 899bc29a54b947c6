// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import { binaryType, dialectOf } from "../dialect";

/**
 * Conversations, members, messages and conversation epochs (see ADR 0007).
 * Messages are ordered by a gap-free per-conversation `seq`, allocated from
 * `conversations.next_seq` inside the insert transaction; the primary key
 * (conversation_id, seq) is also the index that keeps history reads
 * independent of the table size. Envelopes, epoch records and key wraps are
 * opaque ciphertext blobs the server never interprets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const bin = binaryType(dialectOf(db));
  await db.schema
    .createTable("conversations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("next_seq", "bigint", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("conversations_org_idx").on("conversations").column("organisation_id").execute();

  await db.schema
    .createTable("conversation_members")
    .addColumn("conversation_id", "text", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("joined_at", "bigint", (c) => c.notNull())
    .addColumn("left_at", "bigint")
    .addColumn("read_seq", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("delivered_seq", "bigint", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("conversation_members_pk", ["conversation_id", "account_id"])
    .execute();
  await db.schema
    .createIndex("conversation_members_account_idx")
    .on("conversation_members")
    .column("account_id")
    .execute();

  await db.schema
    .createTable("messages")
    .addColumn("conversation_id", "text", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("sender_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("client_msg_id", "text", (c) => c.notNull())
    .addColumn("envelope", bin, (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("replaces_id", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("messages_pk", ["conversation_id", "seq"])
    .addUniqueConstraint("messages_client_msg_uq", ["sender_id", "client_msg_id"])
    .execute();

  await db.schema
    .createTable("conversation_epochs")
    .addColumn("conversation_id", "text", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
    .addColumn("epoch", "integer", (c) => c.notNull())
    .addColumn("record", bin, (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("conversation_epochs_pk", ["conversation_id", "epoch"])
    .execute();

  await db.schema
    .createTable("epoch_key_wraps")
    .addColumn("conversation_id", "text", (c) => c.notNull())
    .addColumn("epoch", "integer", (c) => c.notNull())
    .addColumn("recipient_account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("wrap", bin, (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("epoch_key_wraps_pk", ["conversation_id", "epoch", "recipient_account_id"])
    .addForeignKeyConstraint(
      "epoch_key_wraps_epoch_fk",
      ["conversation_id", "epoch"],
      "conversation_epochs",
      ["conversation_id", "epoch"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("epoch_key_wraps_recipient_idx")
    .on("epoch_key_wraps")
    .columns(["recipient_account_id", "conversation_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["epoch_key_wraps", "conversation_epochs", "messages", "conversation_members", "conversations"])
    await db.schema.dropTable(t).execute();
}
