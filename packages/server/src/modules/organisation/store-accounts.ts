// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Insertable, Kysely, Transaction } from "kysely";
import type { AccountsTable, Database } from "../../infra/db/schema";

/**
 * Staff account rows as the organisation sees them: the admin list, the
 * key directory, new accounts from setup, invitation and demo, and what
 * offboarding and a second-factor reset remove.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

export type StaffAccountRow = Pick<
  AccountsTable,
  "id" | "username" | "display_name" | "role" | "created_at" | "disabled_at"
>;

/** The organisation's staff accounts (or the one given), by login name. */
export async function listStaffAccountRows(db: Db, orgId: string, accountId?: string): Promise<StaffAccountRow[]> {
  let q = db
    .selectFrom("accounts")
    .select(["id", "username", "display_name", "role", "created_at", "disabled_at"])
    .where("organisation_id", "=", orgId)
    .where("kind", "=", "staff");
  if (accountId) q = q.where("id", "=", accountId);
  return q.orderBy("username").execute();
}

/** Which of these accounts have a confirmed authenticator app. */
export async function listConfirmedTotpOf(db: Db, accountIds: string[]): Promise<{ account_id: string }[]> {
  return db
    .selectFrom("mfa_totp")
    .select("account_id")
    .where("account_id", "in", accountIds)
    .where("confirmed_at", "is not", null)
    .execute();
}

/** One row per passkey of these accounts. */
export async function listPasskeysOf(db: Db, accountIds: string[]): Promise<{ account_id: string }[]> {
  return db.selectFrom("webauthn_credentials").select("account_id").where("account_id", "in", accountIds).execute();
}

/** Those of the given accounts that are active accounts of this organisation. */
export async function listActiveOrgAccounts(
  db: Db,
  orgId: string,
  accountIds: string[],
): Promise<Pick<AccountsTable, "id" | "kind" | "role">[]> {
  return db
    .selectFrom("accounts")
    .select(["id", "kind", "role"])
    .where("organisation_id", "=", orgId)
    .where("disabled_at", "is", null)
    .where("id", "in", accountIds)
    .execute();
}

/** The organisation's active administrators with their key bundles (to compare with the admins the log certifies). */
export async function listActiveOrgAdmins(db: Db, orgId: string): Promise<Pick<AccountsTable, "id" | "key_bundle">[]> {
  return db
    .selectFrom("accounts")
    .select(["id", "key_bundle"])
    .where("organisation_id", "=", orgId)
    .where("role", "=", "org_admin")
    .where("disabled_at", "is", null)
    .execute();
}

/** An account of this organisation with its key bundle (public keys, for the directory). */
export async function findOrgAccountKeys(
  db: Db,
  orgId: string,
  accountId: string,
): Promise<Pick<AccountsTable, "id" | "kind" | "key_bundle"> | undefined> {
  return db
    .selectFrom("accounts")
    .select(["id", "kind", "key_bundle"])
    .where("id", "=", accountId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
}

export async function findDisplayName(db: Db, accountId: string): Promise<{ display_name?: string | null }> {
  return db.selectFrom("accounts").select("display_name").where("id", "=", accountId).executeTakeFirstOrThrow();
}

export async function setDisplayNameOf(trx: Trx, accountId: string, displayName: string): Promise<void> {
  await trx.updateTable("accounts").set({ display_name: displayName }).where("id", "=", accountId).execute();
}

export async function setStaffRole(trx: Trx, accountId: string, role: string): Promise<void> {
  await trx.updateTable("accounts").set({ role }).where("id", "=", accountId).execute();
}

export async function markAccountDisabled(trx: Trx, accountId: string, now: number): Promise<void> {
  await trx.updateTable("accounts").set({ disabled_at: now }).where("id", "=", accountId).execute();
}

/** Forgets the account's remembered browsers. */
export async function deleteDeviceKeysOf(trx: Trx, accountId: string): Promise<void> {
  await trx.deleteFrom("device_keys").where("account_id", "=", accountId).execute();
}

/** Removes the account's authenticator app and passkeys; returns how many rows of each went. */
export async function deleteSecondFactorsOf(trx: Trx, accountId: string): Promise<{ totp: number; passkeys: number }> {
  const totp = await trx.deleteFrom("mfa_totp").where("account_id", "=", accountId).executeTakeFirst();
  const passkeys = await trx.deleteFrom("webauthn_credentials").where("account_id", "=", accountId).executeTakeFirst();
  return { totp: Number(totp.numDeletedRows), passkeys: Number(passkeys.numDeletedRows) };
}

export async function accountIdTaken(db: Db, accountId: string): Promise<boolean> {
  return (await db.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst()) !== undefined;
}

/** `username` is already lower-cased. */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return (
    (await db.selectFrom("accounts").select("id").where("username", "=", username).executeTakeFirst()) !== undefined
  );
}

export async function insertAccount(trx: Trx, row: Insertable<AccountsTable>): Promise<void> {
  await trx.insertInto("accounts").values(row).execute();
}

/** Inserts the account unless its id or name is taken; returns whether it was inserted. */
export async function insertAccountIfFree(trx: Trx, row: Insertable<AccountsTable>): Promise<boolean> {
  const inserted = await trx
    .insertInto("accounts")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}
