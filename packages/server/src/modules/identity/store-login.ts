// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Selectable } from "kysely";
import type { AuthFailuresTable, LoginStatesTable } from "../../infra/db/schema";
import type { Db } from "./store";

/**
 * The login tables: OPAQUE states between step 1 and step 2 (`login_states`)
 * and the failure counters of every budget (`auth_failures`: login names,
 * addresses, known devices, in-session passwords, second factors).
 */
export type LoginStateRow = Selectable<LoginStatesTable>;
export type FailureRow = Selectable<AuthFailuresTable>;

/** Drops the states nobody finished; run before each new one so the table stays small. */
export async function deleteExpiredLoginStates(db: Db, now: number): Promise<void> {
  await db.deleteFrom("login_states").where("expires_at", "<", now).execute();
}

export async function insertLoginState(db: Db, row: LoginStateRow): Promise<void> {
  await db.insertInto("login_states").values(row).execute();
}

/** Deletes the state and returns it (single use: gone whether or not the proof is right). */
export async function takeLoginState(db: Db, stateId: string): Promise<LoginStateRow | undefined> {
  return db.deleteFrom("login_states").where("id", "=", stateId).returningAll().executeTakeFirst();
}

/** As takeLoginState, but only a state bound to this account (a re-authentication inside its session). */
export async function takeAccountLoginState(
  db: Db,
  stateId: string,
  accountId: string,
): Promise<LoginStateRow | undefined> {
  return db
    .deleteFrom("login_states")
    .where("id", "=", stateId)
    .where("account_id", "=", accountId)
    .returningAll()
    .executeTakeFirst();
}

/** The account a state was started for, without consuming it. */
export async function findLoginStateAccount(
  db: Db,
  stateId: string,
): Promise<Pick<LoginStateRow, "account_id"> | undefined> {
  return db.selectFrom("login_states").select("account_id").where("id", "=", stateId).executeTakeFirst();
}

export async function deleteLoginState(db: Db, stateId: string): Promise<void> {
  await db.deleteFrom("login_states").where("id", "=", stateId).execute();
}

export async function findFailureCount(db: Db, key: string): Promise<FailureRow | undefined> {
  return db.selectFrom("auth_failures").selectAll().where("key", "=", key).executeTakeFirst();
}

/**
 * One more attempt under `key` in ONE atomic upsert that also returns the
 * new count; a window that began at or before `now - windowMs` starts over.
 */
export async function incrementFailureCount(
  db: Db,
  props: { key: string; now: number; windowMs: number },
): Promise<{ count: number; windowStart: number }> {
  const { key, now } = props;
  const expired = now - props.windowMs;
  const row = await db
    .insertInto("auth_failures")
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        // Both expressions see the row as it was: SQL evaluates SET against the old values.
        count: sql<number>`case when auth_failures.window_start <= ${expired} then 1 else auth_failures.count + 1 end`,
        window_start: sql<number>`case when auth_failures.window_start <= ${expired} then ${now} else auth_failures.window_start end`,
      }),
    )
    .returning(["count", "window_start"])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: Number(row.window_start) };
}

/** One attempt less under `key`, never below zero. */
export async function decrementFailureCount(db: Db, key: string): Promise<void> {
  await db
    .updateTable("auth_failures")
    .set({ count: sql<number>`case when auth_failures.count > 0 then auth_failures.count - 1 else 0 end` })
    .where("key", "=", key)
    .execute();
}

export async function clearFailureCount(db: Db, key: string): Promise<void> {
  await db.deleteFrom("auth_failures").where("key", "=", key).execute();
}
