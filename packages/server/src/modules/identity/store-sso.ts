// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Insertable, Selectable } from "kysely";
import type { SsoConfigsTable, SsoIdentitiesTable, SsoLoginsTable, SsoStatesTable } from "../../infra/db/schema";
import type { Db } from "./store";

/**
 * The single sign-on tables: an organisation's provider settings
 * (`sso_configs`), linked provider accounts (`sso_identities`), round trips
 * in flight (`sso_states`) and password-pending logins (`sso_logins`).
 */
export type SsoConfigRow = Selectable<SsoConfigsTable>;
export type SsoStateRow = Selectable<SsoStatesTable>;
/** Who a provider account is: the triple under which it is linked. */
export interface SsoSubject {
  organisationId: string;
  issuer: string;
  subject: string;
}

export async function findSsoConfig(db: Db, organisationId: string): Promise<SsoConfigRow | undefined> {
  return db.selectFrom("sso_configs").selectAll().where("organisation_id", "=", organisationId).executeTakeFirst();
}

export async function hasSsoConfig(db: Db, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom("sso_configs")
    .select("organisation_id")
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the organisation makes SSO mandatory for its staff (false when it has none). */
export async function isSsoRequired(db: Db, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom("sso_configs")
    .select("required")
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row?.required === 1;
}

export async function putSsoConfigRow(
  db: Db,
  organisationId: string,
  values: Omit<Insertable<SsoConfigsTable>, "organisation_id">,
): Promise<void> {
  await db
    .insertInto("sso_configs")
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet(values))
    .execute();
}

/** Removes the settings; the issuer they had, or undefined when there were none. */
export async function removeSsoConfigRow(db: Db, organisationId: string): Promise<string | undefined> {
  const gone = await db
    .deleteFrom("sso_configs")
    .where("organisation_id", "=", organisationId)
    .returning("issuer")
    .executeTakeFirst();
  return gone?.issuer;
}

/** Organisations that offer SSO, by name (the login page's choice). */
export async function listOrganisationsWithSso(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom("sso_configs")
    .innerJoin("organisations", "organisations.id", "sso_configs.organisation_id")
    .select(["organisations.id", "organisations.name"])
    .orderBy("organisations.name")
    .execute();
}

/** Whether this account is linked to an account at this issuer in its organisation. */
export async function isLinkedAtIssuer(
  db: Db,
  props: { organisationId: string; issuer: string; accountId: string },
): Promise<boolean> {
  const own = await db
    .selectFrom("sso_identities")
    .select("subject")
    .where("organisation_id", "=", props.organisationId)
    .where("issuer", "=", props.issuer)
    .where("account_id", "=", props.accountId)
    .executeTakeFirst();
  return own !== undefined;
}

/** The account's link in its organisation, if any (the account page). */
export async function findSsoLinkOf(
  db: Db,
  organisationId: string,
  accountId: string,
): Promise<Pick<SsoIdentitiesTable, "created_at" | "last_login_at"> | undefined> {
  return db
    .selectFrom("sso_identities")
    .select(["created_at", "last_login_at"])
    .where("organisation_id", "=", organisationId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

/** The account a provider account is linked to, with what the login checks of it. */
export async function findLinkedAccount(
  db: Db,
  who: SsoSubject,
): Promise<
  | {
      id: string;
      username: string;
      kind: "client" | "staff";
      organisation_id: string | null;
      disabled_at: number | null;
    }
  | undefined
> {
  return db
    .selectFrom("sso_identities")
    .innerJoin("accounts", "accounts.id", "sso_identities.account_id")
    .select(["accounts.id", "accounts.username", "accounts.kind", "accounts.organisation_id", "accounts.disabled_at"])
    .where("sso_identities.organisation_id", "=", who.organisationId)
    .where("sso_identities.issuer", "=", who.issuer)
    .where("sso_identities.subject", "=", who.subject)
    .executeTakeFirst();
}

/** Whether either the provider account or the local account is linked already. */
export async function isEitherSideLinked(db: Db, who: SsoSubject, accountId: string): Promise<boolean> {
  const taken = await db
    .selectFrom("sso_identities")
    .select(["account_id"])
    .where((eb) =>
      eb.or([
        eb.and([
          eb("organisation_id", "=", who.organisationId),
          eb("issuer", "=", who.issuer),
          eb("subject", "=", who.subject),
        ]),
        eb("account_id", "=", accountId),
      ]),
    )
    .execute();
  return taken.length > 0;
}

export async function insertSsoIdentity(db: Db, row: Selectable<SsoIdentitiesTable>): Promise<void> {
  await db.insertInto("sso_identities").values(row).execute();
}

export async function markSsoIdentityUsed(db: Db, who: SsoSubject, now: number): Promise<void> {
  await db
    .updateTable("sso_identities")
    .set({ last_login_at: now })
    .where("organisation_id", "=", who.organisationId)
    .where("issuer", "=", who.issuer)
    .where("subject", "=", who.subject)
    .execute();
}

export async function deleteExpiredSsoStates(db: Db, now: number): Promise<void> {
  await db.deleteFrom("sso_states").where("expires_at", "<", now).execute();
}

export async function insertSsoState(db: Db, row: SsoStateRow): Promise<void> {
  await db.insertInto("sso_states").values(row).execute();
}

/** Deletes the round trip's state and returns it (single use, whatever happens next). */
export async function takeSsoState(db: Db, stateId: string): Promise<SsoStateRow | undefined> {
  return db.deleteFrom("sso_states").where("id", "=", stateId).returningAll().executeTakeFirst();
}

export async function deleteExpiredSsoLogins(db: Db, now: number): Promise<void> {
  await db.deleteFrom("sso_logins").where("expires_at", "<", now).execute();
}

export async function insertSsoLogin(db: Db, row: Selectable<SsoLoginsTable>): Promise<void> {
  await db.insertInto("sso_logins").values(row).execute();
}

/** The password-pending login of this session and account, with the account's name. */
export async function findSsoLogin(
  db: Db,
  sessionId: string,
  accountId: string,
): Promise<{ mapped_role: string | null; expires_at: number; username: string } | undefined> {
  return db
    .selectFrom("sso_logins")
    .innerJoin("accounts", "accounts.id", "sso_logins.account_id")
    .select(["sso_logins.mapped_role", "sso_logins.expires_at", "accounts.username"])
    .where("sso_logins.session_id", "=", sessionId)
    .where("sso_logins.account_id", "=", accountId)
    .executeTakeFirst();
}

export async function deleteSsoLogin(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("sso_logins").where("session_id", "=", sessionId).execute();
}
