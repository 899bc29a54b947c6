// SPDX-License-Identifier: AGPL-3.0-or-later
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "../../src/infra/db/connect";

/** Kysely's SQLite statements are cached per SQL text (db/connect.ts); the cache is bounded and survives schema changes. */
describe("SQLite statement cache", () => {
  it("hands out one statement per SQL text, drops the least recently used, and re-prepares after a schema change", () => {
    const conn = new SQLite(":memory:");
    const cached = withStatementCache(conn, 2);
    const a = cached.prepare("select 1 as one");
    expect(cached.prepare("select 1 as one")).toBe(a);
    const b = cached.prepare("select 2 as two");
    // Using `a` makes `b` the least recently used one, which the third text pushes out.
    expect(cached.prepare("select 1 as one")).toBe(a);
    cached.prepare("select 3 as three");
    expect(cached.prepare("select 1 as one")).toBe(a);
    expect(cached.prepare("select 2 as two")).not.toBe(b);

    conn.exec("create table t (x integer)");
    const insert = cached.prepare("insert into t (x) values (?)");
    const read = cached.prepare("select * from t");
    insert.run(1);
    conn.exec("alter table t add column y integer default 7");
    expect(cached.prepare("select * from t")).toBe(read);
    expect(read.all()).toEqual([{ x: 1, y: 7 }]);
    cached.close();
    expect(conn.open).toBe(false);
  });
});
