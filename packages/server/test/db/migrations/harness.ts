// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateTo, migrationNames } from "../../../src/infra/db/migrate";
import { createTestDb, DIALECTS, type TestDb } from "../../helpers/databases";

/**
 * Shared setup for the per-migration tests (docs/STYLE item 9): each file in
 * this folder is named after one migration in src/db/migrations/ and, on
 * SQLite and PostgreSQL, migrates up to the one before it, seeds rows in the
 * old shape, runs the migration and asserts. Rows are seeded with raw SQL,
 * not the typed builder, because the typed schema is today's, not the one
 * the seed runs against.
 */
export const now = Date.UTC(2026, 10, 22);

export interface MigrationTest {
  /** Rows in the schema as it was before the migration (none for the first). */
  seed?(db: TestDb): Promise<void>;
  /** After the migration: the seeded rows survived and the new shape works. */
  assert(db: TestDb): Promise<void>;
}

export function describeMigration(name: string, test: MigrationTest): void {
  describe.each(DIALECTS)(`migration ${name} (%s)`, (dialect) => {
    let db: TestDb | undefined;
    afterEach(async () => {
      await db?.destroy();
      db = undefined;
    });

    it("migrates existing data and works afterwards", async () => {
      const index = migrationNames.indexOf(name);
      expect(index, `${name} is not registered in src/db/migrations/index.ts`).toBeGreaterThanOrEqual(0);
      db = await createTestDb(dialect, { migrate: false });
      if (index > 0) await migrateTo(db.db, migrationNames[index - 1]!);
      await test.seed?.(db);
      const seeded = await rowCounts(db);
      await migrateTo(db.db, name);
      // No migration may lose rows that existed before it.
      expect(await rowCounts(db, Object.keys(seeded))).toEqual(seeded);
      await test.assert(db);
    });
  });
}

/** Row count of each application table (or of the given ones). */
async function rowCounts(db: TestDb, tables?: string[]): Promise<Record<string, number>> {
  const names =
    tables ??
    (await db.db.introspection.getTables())
      .map((t) => t.name)
      .filter((t) => !t.startsWith("obhut_migrations"))
      .sort();
  const counts: Record<string, number> = {};
  for (const table of names) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db.db);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

export async function columnNames(db: TestDb, table: string): Promise<string[]> {
  const found = (await db.db.introspection.getTables()).find((t) => t.name === table);
  return (found?.columns ?? []).map((c) => c.name).sort();
}

export async function indexNames(db: TestDb, table: string): Promise<string[]> {
  const query =
    db.dialect === "postgres"
      ? sql<{ name: string }>`select indexname as name from pg_indexes where tablename = ${table}`
      : sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table}`;
  return (await query.execute(db.db)).rows.map((r) => r.name).sort();
}

export async function seedOrganisation(
  db: TestDb,
  org: { id: string; name: string; rootPublicKey?: string | null },
): Promise<void> {
  // root_public_key arrived with 0002: leave it out where it does not exist yet.
  const query =
    org.rootPublicKey === undefined
      ? sql`insert into organisations (id, name, created_at) values (${org.id}, ${org.name}, ${now})`
      : sql`insert into organisations (id, name, created_at, root_public_key) values (${org.id}, ${org.name}, ${now}, ${org.rootPublicKey})`;
  await query.execute(db.db);
}

/** A staff account, or a client account (role "client") outside any organisation. */
export async function seedAccount(
  db: TestDb,
  account: { id: string; org?: string; username: string; role: string },
): Promise<void> {
  const kind = account.role === "client" ? "client" : "staff";
  await sql`insert into accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at) values (${account.id}, ${account.org ?? null}, ${account.username}, ${kind}, ${account.role}, 'r', '{}', ${now})`.execute(
    db.db,
  );
}

export async function seedSession(
  db: TestDb,
  session: {
    id: string;
    account: string;
    tokenHash: string;
    createdAt?: number;
    lastSeenAt?: number;
    expiresAt: number;
  },
): Promise<void> {
  const createdAt = session.createdAt ?? now;
  const lastSeenAt = session.lastSeenAt ?? createdAt;
  await sql`insert into sessions (id, account_id, token_hash, created_at, last_seen_at, expires_at) values (${session.id}, ${session.account}, ${session.tokenHash}, ${createdAt}, ${lastSeenAt}, ${session.expiresAt})`.execute(
    db.db,
  );
}

export async function seedConversation(
  db: TestDb,
  conversation: { id: string; org: string; kind?: string; creator: string },
): Promise<void> {
  await sql`insert into conversations (id, organisation_id, kind, created_by, created_at) values (${conversation.id}, ${conversation.org}, ${conversation.kind ?? "team"}, ${conversation.creator}, ${now})`.execute(
    db.db,
  );
}

/** The schema refuses the row (a unique key, primary key or foreign key holds). */
export async function expectRefused(query: { execute(): Promise<unknown> }): Promise<void> {
  await expect(query.execute()).rejects.toThrow();
}
