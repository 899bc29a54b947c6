// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest, migrationNames, migrationStatus } from "../../../src/infra/db/migrate";
import { createTestDb, DIALECTS, type TestDb } from "../../helpers/databases";

const here = path.dirname(fileURLToPath(import.meta.url));
const migrationsDir = path.resolve(here, "../../../src/infra/db/migrations");

/** Names of the numbered files in a folder with the given suffix, e.g. "0007-staff-and-sessions". */
function numbered(dir: string, suffix: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}-/.test(f) && f.endsWith(suffix))
    .map((f) => f.slice(0, -suffix.length))
    .sort();
}

describe("migration tests", () => {
  it("every migration file is registered", () => {
    expect(migrationNames).toEqual(numbered(migrationsDir, ".ts"));
  });

  it("every migration file has its own test file, and every test file names its migration", () => {
    const tests = numbered(here, ".test.ts");
    const untested = numbered(migrationsDir, ".ts").filter((name) => !tests.includes(name));
    expect(untested, "add test/db/migrations/<name>.test.ts for each").toEqual([]);
    for (const name of tests) {
      const text = fs.readFileSync(path.join(here, `${name}.test.ts`), "utf8");
      expect(text, `${name}.test.ts tests another migration`).toContain(`describeMigration("${name}",`);
    }
  });
});

describe.each(DIALECTS)("migrations (%s)", (dialect) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  it("is idempotent: migrating a migrated database changes nothing", async () => {
    db = await createTestDb(dialect);
    const again = await migrateToLatest(db.db);
    expect(again.applied).toEqual([]);
    expect((await migrationStatus(db.db)).pending).toEqual([]);
  });
});
