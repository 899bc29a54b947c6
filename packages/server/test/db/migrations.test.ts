// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateTo, migrateToLatest, migrationNames, migrationStatus } from "../../src/db/migrate";
import { createTestDb, DIALECTS, type TestDb } from "../helpers/databases";

/**
 * Each migration gets its own test: migrate up to the one before it, seed
 * data in the old shape, migrate again, and check the data survived and the
 * new shape works. Runs on SQLite and PostgreSQL.
 */
const now = Date.UTC(2026, 10, 22);

const seeds: Record<string, { before(db: TestDb): Promise<void>; after(db: TestDb): Promise<void> }> = {
  "0001-foundation": {
    before: async () => undefined,
    after: async (db) => {
      await db.db.insertInto("organisations").values({ id: "org-00000001", name: "Träger A", created_at: now } as never).execute();
      await db.db
        .insertInto("accounts")
        .values({ id: "acc-00000001", organisation_id: "org-00000001", username: "anna", kind: "staff", role: "org_admin", opaque_record: "r", key_bundle: "{}", created_at: now, disabled_at: null })
        .execute();
      await db.db.insertInto("blobs").values({ id: "blob-0000001", chunk: 0, data: new Uint8Array([0, 1, 255]), created_at: now }).execute();
      const blob = await db.db.selectFrom("blobs").select("data").executeTakeFirstOrThrow();
      expect([...blob.data]).toEqual([0, 1, 255]);
      const inserted = await db.db.insertInto("audit_events").values({ organisation_id: null, actor_id: null, action: "x", target_type: null, target_id: null, data: "{}", created_at: now }).returning("id").executeTakeFirstOrThrow();
      expect(typeof inserted.id).toBe("number");
    },
  },
  "0002-auth": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at) values ('org-00000002', 'Träger B', ${now})`.execute(db.db);
    },
    after: async (db) => {
      const org = await db.db.selectFrom("organisations").selectAll().where("id", "=", "org-00000002").executeTakeFirstOrThrow();
      expect(org).toMatchObject({ name: "Träger B", root_public_key: null, created_at: now });
      await db.db.insertInto("login_states").values({ id: "ls-00000001", account_id: null, username_key: "k", server_login_state: "s", expires_at: now }).execute();
      await db.db.insertInto("auth_failures").values({ key: "k", window_start: now, count: 1 }).execute();
    },
  },
  "0003-organisation-structure": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at, root_public_key) values ('org-00000003', 'Träger C', ${now}, 'pk')`.execute(db.db);
    },
    after: async (db) => {
      await db.db.insertInto("agencies").values({ id: "ag-00000001", organisation_id: "org-00000003", name: "Stelle", address: null, postcodes: "[]", languages: "[]", opening_hours: null, online_anywhere: 0, created_at: now }).execute();
      await db.db.insertInto("topics").values({ id: "tp-00000001", organisation_id: "org-00000003", slug: "jugend", name: "Jugend", address_form: "informal", created_at: now }).execute();
      await expect(
        db.db.insertInto("topics").values({ id: "tp-00000002", organisation_id: "org-00000003", slug: "jugend", name: "Doppelt", address_form: "formal", created_at: now }).execute(),
      ).rejects.toThrow();
      const topic = await db.db.selectFrom("topics").selectAll().executeTakeFirstOrThrow();
      expect(topic.address_form).toBe("informal");
    },
  },
};

describe.each(DIALECTS)("migrations (%s)", (dialect) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  it("has a test for every migration", () => {
    expect(Object.keys(seeds).sort()).toEqual(migrationNames);
  });

  it.each(migrationNames)("%s migrates existing data and works afterwards", async (name) => {
    db = await createTestDb(dialect, { migrate: false });
    const index = migrationNames.indexOf(name);
    if (index > 0) await migrateTo(db.db, migrationNames[index - 1]!);
    await seeds[name]!.before(db);
    await migrateTo(db.db, name);
    await seeds[name]!.after(db);
  });

  it("is idempotent: migrating a migrated database changes nothing", async () => {
    db = await createTestDb(dialect);
    const again = await migrateToLatest(db.db);
    expect(again.applied).toEqual([]);
    expect((await migrationStatus(db.db)).pending).toEqual([]);
  });
});
