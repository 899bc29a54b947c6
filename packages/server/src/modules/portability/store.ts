// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/**
 * The queries of an organisation export and import: which rows of each
 * table belong to an organisation (the scopes tables.ts lists per table),
 * reading them page by page, finding and inserting rows by key, and the few
 * instance settings an import touches. Generic over tables on purpose: the
 * table list decides what travels, these only read and write it.
 */

// The table list works on any table; the typed schema stays in db/schema.ts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ScopeBuilder = ExpressionBuilder<any, any>;
type Db = Kysely<Database> | Transaction<Database>;

/** The organisation row itself. */
export const organisationItself = (eb: ScopeBuilder, org: string) => eb("id", "=", org);

/** Accounts that belong to the organisation: its staff, plus clients and others taking part in its cases or conversations. */
export function accountScope(eb: ScopeBuilder, org: string, db: AnyDb): Expression<SqlBool> {
  return eb.or([
    eb("organisation_id", "=", org),
    eb("id", "in", db.selectFrom("cases").select("client_id").where("organisation_id", "=", org)),
    eb(
      "id",
      "in",
      db
        .selectFrom("conversation_members")
        .select("account_id")
        .where("conversation_id", "in", db.selectFrom("conversations").select("id").where("organisation_id", "=", org)),
    ),
  ]);
}

export const byOrg = (eb: ScopeBuilder, org: string) => eb("organisation_id", "=", org);
const accountIds = (db: AnyDb, org: string) =>
  db
    .selectFrom("accounts")
    .select("id")
    .where((eb) => accountScope(eb, org, db));
const conversationIds = (db: AnyDb, org: string) =>
  db.selectFrom("conversations").select("id").where("organisation_id", "=", org);
export const byAccount = (eb: ScopeBuilder, org: string, db: AnyDb) => eb("account_id", "in", accountIds(db, org));
export const byConversation = (eb: ScopeBuilder, org: string, db: AnyDb) =>
  eb("conversation_id", "in", conversationIds(db, org));
export const byChain = (eb: ScopeBuilder, org: string) => eb("chain", "=", org);
export const byAgency = (eb: ScopeBuilder, org: string, db: AnyDb) =>
  eb("agency_id", "in", db.selectFrom("agencies").select("id").where("organisation_id", "=", org));
export const byTeam = (eb: ScopeBuilder, org: string, db: AnyDb) =>
  eb("team_id", "in", db.selectFrom("teams").select("id").where("organisation_id", "=", org));
export const byCase = (eb: ScopeBuilder, org: string, db: AnyDb) =>
  eb("case_id", "in", db.selectFrom("cases").select("id").where("organisation_id", "=", org));
/** Finished uploads of the organisation's conversations. */
export const finishedAttachments = (eb: ScopeBuilder, org: string, db: AnyDb) =>
  eb.and([byConversation(eb, org, db), eb("completed_at", "is not", null)]);
/** Rules whose scope is the organisation. */
export const byRuleScope = (eb: ScopeBuilder, org: string) => eb("scope", "=", org);

/** What paging through a table needs of its entry in the table list. */
interface PagedTable {
  name: string;
  key: string[];
  order?: string[];
  scope(eb: ScopeBuilder, org: string, db: AnyDb): Expression<SqlBool>;
}

/** Rows per query; keyset pagination keeps memory flat whatever the table size. */
export const PAGE = 500;

/** Rows of one table that belong to the organisation, page by page in `order`. */
export async function* scopedRows(db: AnyDb, table: PagedTable, org: string): AsyncGenerator<Record<string, unknown>> {
  const order = table.order ?? table.key;
  let after: unknown[] | undefined;
  for (;;) {
    let q = db
      .selectFrom(table.name)
      .selectAll()
      .where((eb) => table.scope(eb, org, db));
    if (after) {
      const cursor = after;
      q = q.where(
        sql<boolean>`(${sql.join(order.map((c) => sql.ref(c)))}) > (${sql.join(cursor.map((v) => sql`${v}`))})`,
      );
    }
    for (const c of order) q = q.orderBy(c);
    const rows = (await q.limit(PAGE).execute()) as Record<string, unknown>[];
    for (const row of rows) yield row;
    if (rows.length < PAGE) return;
    after = order.map((c) => rows[rows.length - 1]![c]);
  }
}

/** The organisation's id and name, if it exists. */
export function findOrganisation(db: Db, org: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom("organisations").select(["id", "name"]).where("id", "=", org).executeTakeFirst();
}

/** The rows of `table` already stored under the keys of `rows` (one query for the whole batch). */
export async function findRowsByKey(
  db: AnyDb,
  table: { name: string; key: string[] },
  rows: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  return (await db
    .selectFrom(table.name)
    .selectAll()
    .where((eb) => eb.or(rows.map((r) => eb.and(table.key.map((k) => eb(k, "=", r[k] as string))))))
    .execute()) as Record<string, unknown>[];
}

export async function insertRows(db: AnyDb, tableName: string, rows: Record<string, unknown>[]): Promise<void> {
  await db.insertInto(tableName).values(rows).execute();
}

/** How many accounts this instance has. */
export async function countAccounts(db: Db): Promise<number> {
  const accounts = await db
    .selectFrom("accounts")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(accounts.n);
}

/** Records the fingerprint of the instance secrets (checked at start-up). */
export async function storeSecretsFingerprint(db: Db, fingerprint: string, now: number): Promise<void> {
  await db
    .insertInto("instance_settings")
    .values({ key: "secrets_fingerprint", value: fingerprint, updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: fingerprint, updated_at: now }))
    .execute();
}

/** Marks the instance as set up, unless it already was, and drops a pending setup token. */
export async function markSetUp(db: Db, now: number): Promise<void> {
  await db
    .insertInto("instance_settings")
    .values({ key: "setup_completed_at", value: String(now), updated_at: now })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  await db.deleteFrom("instance_settings").where("key", "=", "setup_token_hash").execute();
}
