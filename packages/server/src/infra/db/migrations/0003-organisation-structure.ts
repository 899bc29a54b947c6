// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Agencies (Beratungsstellen), their topics, teams and team membership: the
 * minimum the demo organisation and the first flows need. The admin console
 * extends these tables in later migrations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("agencies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("postcodes", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("languages", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("opening_hours", "text")
    .addColumn("online_anywhere", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("agencies_org_idx").on("agencies").column("organisation_id").execute();

  await db.schema
    .createTable("topics")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    /** "formal" (Sie) or "informal" (du): how the web app addresses clients of this topic. */
    .addColumn("address_form", "text", (c) => c.notNull().defaultTo("formal"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("topics_org_slug_uq", ["organisation_id", "slug"])
    .execute();

  await db.schema
    .createTable("agency_topics")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id").onDelete("cascade"))
    .addColumn("topic_id", "text", (c) => c.notNull().references("topics.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("agency_topics_pk", ["agency_id", "topic_id"])
    .execute();

  await db.schema
    .createTable("teams")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("agency_id", "text", (c) => c.references("agencies.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("is_intake", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("teams_org_idx").on("teams").column("organisation_id").execute();

  await db.schema
    .createTable("team_members")
    .addColumn("team_id", "text", (c) => c.notNull().references("teams.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("added_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("team_members_pk", ["team_id", "account_id"])
    .execute();
  await db.schema.createIndex("team_members_account_idx").on("team_members").column("account_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["team_members", "teams", "agency_topics", "topics", "agencies"])
    await db.schema.dropTable(t).execute();
}
