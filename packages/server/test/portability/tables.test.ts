// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_TABLES, NOT_EXPORTED } from "../../src/modules/portability/tables";
import { createTestDb, DIALECTS, type TestDb } from "../helpers/databases";

/**
 * Guards the organisation export against forgotten tables: every table of the
 * live, fully migrated schema is either exported or listed as not exported
 * with a reason, and every binary column is declared as such. A new migration
 * that adds a table fails here until portability-tables.ts says what to do with it.
 */
describe.each(DIALECTS)("export table list against the live schema (%s)", (dialect) => {
  let db: TestDb;
  let columns: Map<string, { name: string; binary: boolean }[]>;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    columns = new Map();
    if (dialect === "sqlite") {
      const tables = db
        .sqlite!.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[];
      for (const { name } of tables) {
        const info = db.sqlite!.prepare(`PRAGMA table_info(${JSON.stringify(name)})`).all() as {
          name: string;
          type: string;
        }[];
        columns.set(
          name,
          info.map((c) => ({ name: c.name, binary: /blob|bytea/i.test(c.type) })),
        );
      }
    } else {
      const rows = await sql<{ table_name: string; column_name: string; data_type: string }>`
        select c.table_name, c.column_name, c.data_type from information_schema.columns c
        join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'`.execute(db.db);
      for (const r of rows.rows) {
        const list = columns.get(r.table_name) ?? [];
        list.push({ name: r.column_name, binary: r.data_type === "bytea" });
        columns.set(r.table_name, list);
      }
    }
  }, 60_000);
  afterAll(() => db.destroy());

  it("exports or explicitly excludes every table", () => {
    const undecided = [...columns.keys()].filter(
      (t) => !EXPORT_TABLES.some((e) => e.name === t) && !(t in NOT_EXPORTED),
    );
    expect(
      undecided,
      "add these tables to EXPORT_TABLES or NOT_EXPORTED (with a reason) in src/modules/portability/tables.ts",
    ).toEqual([]);
  });

  it("lists no table twice and none that does not exist", () => {
    const names = EXPORT_TABLES.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of [...names, ...Object.keys(NOT_EXPORTED)]) expect(columns.has(name), name).toBe(true);
    for (const name of names) expect(name in NOT_EXPORTED, name).toBe(false);
    for (const reason of Object.values(NOT_EXPORTED)) expect(reason.length).toBeGreaterThan(10);
  });

  it("declares every binary column, and keys and order columns exist", () => {
    for (const table of EXPORT_TABLES) {
      const cols = columns.get(table.name)!;
      const binary = cols
        .filter((c) => c.binary)
        .map((c) => c.name)
        .sort();
      expect([...(table.binary ?? [])].sort(), table.name).toEqual(binary);
      const names = cols.map((c) => c.name);
      for (const c of [...table.key, ...(table.order ?? []), ...(table.omit ?? [])])
        expect(names, `${table.name}.${c}`).toContain(c);
      for (const s of table.secrets ?? []) expect(names, `${table.name}.${s.column}`).toContain(s.column);
    }
  });
});
