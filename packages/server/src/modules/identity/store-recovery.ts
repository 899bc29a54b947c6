// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Selectable } from "kysely";
import type { AccountResetsTable, RecoveryStatesTable } from "../../infra/db/schema";
import type { Db } from "./store";

/**
 * Getting back in without the password: recovery states between the steps
 * of a recovery-code login (`recovery_states`) and admin-issued reset tokens
 * (`account_resets`, only their hashes), plus what a reset drops.
 */
export type RecoveryStateRow = Selectable<RecoveryStatesTable>;

export async function deleteExpiredRecoveryStates(db: Db, now: number): Promise<void> {
  await db.deleteFrom("recovery_states").where("expires_at", "<", now).execute();
}

export async function insertRecoveryState(db: Db, row: RecoveryStateRow): Promise<void> {
  await db.insertInto("recovery_states").values(row).execute();
}

export async function findRecoveryState(db: Db, recoveryId: string): Promise<RecoveryStateRow | undefined> {
  return db.selectFrom("recovery_states").selectAll().where("id", "=", recoveryId).executeTakeFirst();
}

/** Deletes the state and returns it (single use: gone after one attempt, right or wrong). */
export async function takeRecoveryState(db: Db, recoveryId: string): Promise<RecoveryStateRow | undefined> {
  return db.deleteFrom("recovery_states").where("id", "=", recoveryId).returningAll().executeTakeFirst();
}

/** A new token replaces any unused older one of the account. */
export async function deleteUnusedAccountResets(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom("account_resets").where("account_id", "=", accountId).where("used_at", "is", null).execute();
}

export async function insertAccountReset(db: Db, row: Selectable<AccountResetsTable>): Promise<void> {
  await db.insertInto("account_resets").values(row).execute();
}

/** The reset behind a token hash, with the name and state of its account. */
export async function findAccountResetByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<
  | {
      id: string;
      organisation_id: string;
      expires_at: number;
      used_at: number | null;
      username: string;
      disabled_at: number | null;
    }
  | undefined
> {
  return db
    .selectFrom("account_resets")
    .innerJoin("accounts", "accounts.id", "account_resets.account_id")
    .select([
      "account_resets.id",
      "account_resets.organisation_id",
      "account_resets.expires_at",
      "account_resets.used_at",
      "accounts.username",
      "accounts.disabled_at",
    ])
    .where("account_resets.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** The organisation's name, for the reset page ("your account at …"). */
export async function findOrganisationName(db: Db, organisationId: string): Promise<string | undefined> {
  const row = await db.selectFrom("organisations").select("name").where("id", "=", organisationId).executeTakeFirst();
  return row?.name;
}

/** Every reset of the organisation's accounts, newest first (the caller keeps the newest per account). */
export function listAccountResets(
  db: Db,
  organisationId: string,
): Promise<{ account_id: string; created_at: number; expires_at: number; used_at: number | null }[]> {
  return db
    .selectFrom("account_resets")
    .select(["account_id", "created_at", "expires_at", "used_at"])
    .where("organisation_id", "=", organisationId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/**
 * Marks the token used if it is still unused and unexpired, in one
 * conditional UPDATE (of two concurrent finishes one wins); undefined when not.
 */
export async function consumeAccountReset(
  db: Db,
  tokenHash: string,
  now: number,
): Promise<{ account_id: string; created_by: string } | undefined> {
  return db
    .updateTable("account_resets")
    .set({ used_at: now })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning(["account_id", "created_by"])
    .executeTakeFirst();
}

/** The key wraps made for an account's old keys, which nobody can open after a reset. */
export async function deleteKeyWrapsFor(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom("key_wraps").where("recipient_account_id", "=", accountId).execute();
}
