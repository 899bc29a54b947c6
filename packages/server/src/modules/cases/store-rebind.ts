// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/**
 * Re-binding codes (only their SHA-256 is stored) and the public keys of the
 * accounts they name. Whether a code is live and may be used is rebind.ts's.
 */
type Db = Kysely<Database> | Transaction<Database>;

/** A new code replaces the account's earlier ones. */
export async function replaceRebindCode(db: Db, row: Database["case_rebind_codes"]): Promise<void> {
  await db.deleteFrom("case_rebind_codes").where("account_id", "=", row.account_id).execute();
  await db.insertInto("case_rebind_codes").values(row).execute();
}

/** The code's row with the account it names. */
export async function rebindCodeWithAccount(db: Db, codeHash: string) {
  return db
    .selectFrom("case_rebind_codes as r")
    .innerJoin("accounts as a", "a.id", "r.account_id")
    .select(["a.id", "a.username", "a.display_name", "a.key_bundle", "a.kind", "r.used_at", "r.expires_at"])
    .where("r.code_hash", "=", codeHash)
    .executeTakeFirst();
}

/** Marks the code used unless it already is. True when this call did. */
export async function markRebindCodeUsed(db: Db, codeHash: string, now: number): Promise<boolean> {
  const used = await db
    .updateTable("case_rebind_codes")
    .set({ used_at: now })
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

export async function accountKeyBundle(db: Db, accountId: string): Promise<{ id: string; key_bundle: string }> {
  return db.selectFrom("accounts").select(["id", "key_bundle"]).where("id", "=", accountId).executeTakeFirstOrThrow();
}
