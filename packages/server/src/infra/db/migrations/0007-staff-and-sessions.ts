// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Staff onboarding and session control: invitations (only a hash of the
 * single-use token is stored), per-organisation session/second-factor
 * policies, the second factor itself (TOTP secret encrypted at rest, WebAuthn
 * credentials, short-lived WebAuthn challenges) and the `mfa_pending` state
 * of a session. Existing sessions stay fully authenticated (mfa_pending 0):
 * they were opened before the rule existed and end by their own timeouts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("team_id", "text", (c) => c.references("teams.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("used_at", "bigint")
    .addColumn("used_by", "text")
    .addColumn("revoked_at", "bigint")
    .execute();
  await db.schema
    .createIndex("invitations_org_idx")
    .on("invitations")
    .columns(["organisation_id", "created_at"])
    .execute();

  await db.schema
    .createTable("organisation_policies")
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("idle_ms", "bigint", (c) => c.notNull())
    .addColumn("absolute_ms", "bigint", (c) => c.notNull())
    .addColumn("mfa_required", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("organisation_policies_pk", ["organisation_id", "role"])
    .execute();

  await db.schema
    .alterTable("sessions")
    .addColumn("mfa_pending", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("mfa_totp")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id"))
    /** AES-256-GCM under the instance mfaKey, bound to the account id. */
    .addColumn("secret_enc", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "bigint")
    /** Highest RFC 6238 time step accepted so far: a code is good once. */
    .addColumn("last_time_step", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("webauthn_credentials")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("counter", "bigint", (c) => c.notNull())
    .addColumn("transports", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_used_at", "bigint")
    .execute();
  await db.schema
    .createIndex("webauthn_credentials_account_idx")
    .on("webauthn_credentials")
    .column("account_id")
    .execute();

  await db.schema
    .createTable("mfa_challenges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("challenge", "text", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("mfa_challenges_session_idx")
    .on("mfa_challenges")
    .columns(["session_id", "kind"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("mfa_challenges").execute();
  await db.schema.dropTable("webauthn_credentials").execute();
  await db.schema.dropTable("mfa_totp").execute();
  await db.schema.alterTable("sessions").dropColumn("mfa_pending").execute();
  await db.schema.dropTable("organisation_policies").execute();
  await db.schema.dropTable("invitations").execute();
}
