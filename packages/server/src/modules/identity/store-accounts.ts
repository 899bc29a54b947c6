// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Insertable, Selectable } from "kysely";
import type { AccountsTable } from "../../infra/db/schema";
import type { Db } from "./store";

/**
 * Reading and writing `accounts` rows for the identity flows (login,
 * password change, recovery, reset, MFA enrolment, SSO roles). No
 * authorisation here: the services decide, then call these.
 */
export type AccountRow = Selectable<AccountsTable>;

/** The whole row of an account that must exist (the caller holds its id from a session or a consumed token). */
export async function getAccount(db: Db, accountId: string): Promise<AccountRow> {
  return db.selectFrom("accounts").selectAll().where("id", "=", accountId).executeTakeFirstOrThrow();
}

/** The whole row, or undefined: recovery runs this for decoy states too (an empty id finds nothing). */
export async function findAccount(db: Db, accountId: string): Promise<AccountRow | undefined> {
  return db.selectFrom("accounts").selectAll().where("id", "=", accountId).executeTakeFirst();
}

export async function findAccountForReset(
  db: Db,
  accountId: string,
): Promise<Pick<AccountRow, "id" | "kind" | "organisation_id"> | undefined> {
  return db
    .selectFrom("accounts")
    .select(["id", "kind", "organisation_id"])
    .where("id", "=", accountId)
    .executeTakeFirst();
}

/** What login step 1 needs of a (normalised) name: the OPAQUE record and what the budget and audit need. */
export async function findAccountForLogin(
  db: Db,
  username: string,
): Promise<Pick<AccountRow, "id" | "kind" | "organisation_id" | "opaque_record" | "disabled_at"> | undefined> {
  return db
    .selectFrom("accounts")
    .select(["id", "kind", "organisation_id", "opaque_record", "disabled_at"])
    .where("username", "=", username)
    .executeTakeFirst();
}

/** What recovery step 1 hands out, by (normalised) name. */
export async function findAccountForRecovery(
  db: Db,
  username: string,
): Promise<Pick<AccountRow, "id" | "key_bundle" | "disabled_at"> | undefined> {
  return db
    .selectFrom("accounts")
    .select(["id", "key_bundle", "disabled_at"])
    .where("username", "=", username)
    .executeTakeFirst();
}

/** The OPAQUE record of a signed-in account, for a re-authentication inside its session. */
export async function getAccountOpaqueRecord(
  db: Db,
  accountId: string,
): Promise<Pick<AccountRow, "id" | "username" | "opaque_record">> {
  return db
    .selectFrom("accounts")
    .select(["id", "username", "opaque_record"])
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
}

export async function getAccountKeyBundle(
  db: Db,
  accountId: string,
): Promise<Pick<AccountRow, "id" | "organisation_id" | "key_bundle">> {
  return db
    .selectFrom("accounts")
    .select(["id", "organisation_id", "key_bundle"])
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
}

export async function getUsername(db: Db, accountId: string): Promise<string> {
  const row = await db.selectFrom("accounts").select("username").where("id", "=", accountId).executeTakeFirstOrThrow();
  return row.username;
}

/** The name, or undefined: recovery step 2 runs this for decoy states too (an empty id finds nothing). */
export async function findUsername(db: Db, accountId: string): Promise<string | undefined> {
  const row = await db.selectFrom("accounts").select("username").where("id", "=", accountId).executeTakeFirst();
  return row?.username;
}

export async function getAccountRole(db: Db, accountId: string): Promise<Pick<AccountRow, "role" | "organisation_id">> {
  return db
    .selectFrom("accounts")
    .select(["role", "organisation_id"])
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
}

/** Whether the organisation has an enabled admin other than `accountId`. */
export async function hasOtherActiveOrgAdmin(db: Db, organisationId: string, accountId: string): Promise<boolean> {
  const other = await db
    .selectFrom("accounts")
    .select("id")
    .where("organisation_id", "=", organisationId)
    .where("role", "=", "org_admin")
    .where("disabled_at", "is", null)
    .where("id", "!=", accountId)
    .executeTakeFirst();
  return other !== undefined;
}

export async function setAccountRole(db: Db, accountId: string, role: string): Promise<void> {
  await db.updateTable("accounts").set({ role }).where("id", "=", accountId).execute();
}

/** Inserts a new account unless its name is taken; false when it was. */
export async function insertAccountIfNameFree(db: Db, row: Insertable<AccountsTable>): Promise<boolean> {
  const inserted = await db
    .insertInto("accounts")
    .values(row)
    .onConflict((oc) => oc.column("username").doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** A new password (OPAQUE record) and the key bundle that goes with it: password change, recovery, reset. */
export async function setAccountCredentials(
  db: Db,
  accountId: string,
  props: { opaqueRecord: string; keyBundle: string },
): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ opaque_record: props.opaqueRecord, key_bundle: props.keyBundle })
    .where("id", "=", accountId)
    .execute();
}

export async function setAccountKeyBundle(db: Db, accountId: string, keyBundle: string): Promise<void> {
  await db.updateTable("accounts").set({ key_bundle: keyBundle }).where("id", "=", accountId).execute();
}

/** Replaces the key bundle only if it is still `expected` (compare and swap); false when someone changed it first. */
export async function replaceAccountKeyBundleIf(
  db: Db,
  accountId: string,
  props: { expected: string; next: string },
): Promise<boolean> {
  const result = await db
    .updateTable("accounts")
    .set({ key_bundle: props.next })
    .where("id", "=", accountId)
    .where("key_bundle", "=", props.expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The start event of the "inactive anonymous account" retention rule (modules/retention/run.ts). */
export async function markAccountLoggedIn(db: Db, accountId: string, now: number): Promise<void> {
  await db.updateTable("accounts").set({ last_login_at: now }).where("id", "=", accountId).execute();
}

/** Row lock on the account (PostgreSQL): serialises per-account limits such as the device count. */
export async function lockAccount(db: Db, accountId: string): Promise<void> {
  await db.selectFrom("accounts").select("id").where("id", "=", accountId).forUpdate().execute();
}
