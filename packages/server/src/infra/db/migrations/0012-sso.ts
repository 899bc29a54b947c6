// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";

/**
 * Single sign-on for staff (OpenID Connect, ADR 0014):
 * - `sso_configs`: one identity provider per organisation; the client secret
 *   is AES-256-GCM-sealed under the instance mfaKey, bound to the organisation.
 * - `sso_identities`: (organisation, issuer, subject) → staff account, created
 *   only by a linking round trip from a full session of that account.
 * - `sso_states`: the pending authorization requests (hash of the state,
 *   nonce, PKCE verifier, browser binding); single use, minutes long.
 * - `sso_logins`: what an SSO-identified, password-pending session will become
 *   once the key password is proven (the role the IdP asserted).
 * - `sessions.password_pending`: 1 while an SSO session still owes the key
 *   password (OPAQUE). Existing sessions are normal sessions (0).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sso_configs")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("client_secret_enc", "text")
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("groups_claim", "text", (c) => c.notNull())
    /** JSON [{ group, role }], first match wins. */
    .addColumn("role_mapping", "text", (c) => c.notNull())
    .addColumn("required", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sso_identities")
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull().unique().references("accounts.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_login_at", "bigint")
    .addPrimaryKeyConstraint("sso_identities_pk", ["organisation_id", "issuer", "subject"])
    .execute();

  await db.schema
    .createTable("sso_states")
    /** SHA-256 of the state value that travels through the browser. */
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    /** SHA-256 of the browser-binding cookie (login) — null for linking, which is bound to the session. */
    .addColumn("browser_hash", "text")
    .addColumn("session_id", "text")
    .addColumn("account_id", "text")
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sso_logins")
    .addColumn("session_id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    /** The role the identity provider's groups map to; null leaves the role as it is. */
    .addColumn("mapped_role", "text")
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable("sessions")
    .addColumn("password_pending", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("password_pending").execute();
  await db.schema.dropTable("sso_logins").execute();
  await db.schema.dropTable("sso_states").execute();
  await db.schema.dropTable("sso_identities").execute();
  await db.schema.dropTable("sso_configs").execute();
}
