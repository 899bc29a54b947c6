// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import { binaryType, dialectOf } from "../dialect";

/**
 * Online counselling (issue 6). A case is a `case` conversation plus this
 * row (state, team, assignee); its timeline lives in `case_events`, whose
 * only plaintext is organisational (agency greeting, absence notice).
 * `epoch_team_wraps` holds epoch keys wrapped to a team key generation
 * (role "team", ref = team id) or to the organisation archive key (role
 * "archive", ref = organisation id): opaque blobs, like epoch_key_wraps.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const bin = binaryType(dialectOf(db));
  await db.schema.alterTable("agencies").addColumn("greeting", "text").execute();
  await db.schema.alterTable("accounts").addColumn("display_name", "text").execute();

  await db.schema
    .createTable("cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("conversation_id", "text", (c) => c.notNull().unique().references("conversations.id"))
    .addColumn("notes_conversation_id", "text", (c) => c.unique().references("conversations.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("topic_id", "text", (c) => c.notNull().references("topics.id"))
    .addColumn("team_id", "text", (c) => c.notNull().references("teams.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("assignee_id", "text", (c) => c.references("accounts.id"))
    .addColumn("preferred_counsellor_id", "text", (c) => c.references("accounts.id"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("accepted_at", "bigint")
    .addColumn("closed_at", "bigint")
    .addColumn("archived_at", "bigint")
    .addColumn("waiting_since", "bigint")
    .addColumn("greeting_sent_at", "bigint")
    .execute();
  // Inbox reads: by team (and state), by assignee, by client.
  await db.schema.createIndex("cases_team_state_idx").on("cases").columns(["team_id", "state"]).execute();
  await db.schema.createIndex("cases_assignee_idx").on("cases").column("assignee_id").execute();
  await db.schema.createIndex("cases_client_idx").on("cases").column("client_id").execute();

  await db.schema
    .createTable("case_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("accounts.id"))
    .addColumn("assignee_id", "text", (c) => c.references("accounts.id"))
    .addColumn("team_id", "text", (c) => c.references("teams.id"))
    .addColumn("text", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("case_events_case_idx").on("case_events").columns(["case_id", "created_at"]).execute();

  await db.schema
    .createTable("epoch_team_wraps")
    .addColumn("conversation_id", "text", (c) => c.notNull())
    .addColumn("epoch", "integer", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("ref_id", "text", (c) => c.notNull())
    .addColumn("generation", "integer", (c) => c.notNull())
    .addColumn("wrap", bin, (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("epoch_team_wraps_pk", ["conversation_id", "epoch", "role", "ref_id"])
    .addForeignKeyConstraint(
      "epoch_team_wraps_epoch_fk",
      ["conversation_id", "epoch"],
      "conversation_epochs",
      ["conversation_id", "epoch"],
      (c) => c.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("absences")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("message", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("until", "bigint")
    /** Start of the current absence period: one automatic reply per case and period. */
    .addColumn("since", "bigint")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["absences", "epoch_team_wraps", "case_events", "cases"]) await db.schema.dropTable(t).execute();
  await db.schema.alterTable("accounts").dropColumn("display_name").execute();
  await db.schema.alterTable("agencies").dropColumn("greeting").execute();
}
