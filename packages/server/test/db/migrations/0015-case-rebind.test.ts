// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { columnNames, describeMigration, expectRefused, indexNames, now, seedAccount } from "./harness";

describeMigration("0015-case-rebind", {
  seed: async (db) => {
    await seedAccount(db, { id: "acc-00000015", username: "marder", role: "client" });
  },
  assert: async (db) => {
    expect(await columnNames(db, "case_rebind_codes")).toEqual([
      "account_id",
      "code_hash",
      "created_at",
      "expires_at",
      "used_at",
    ]);
    // Lookups by account (housekeeping, revocation) need the index.
    expect(await indexNames(db, "case_rebind_codes")).toContain("case_rebind_codes_account_idx");
    // The account seeded before the migration is untouched.
    expect(
      await db.db
        .selectFrom("accounts")
        .select(["id", "username"])
        .where("id", "=", "acc-00000015")
        .executeTakeFirstOrThrow(),
    ).toEqual({ id: "acc-00000015", username: "marder" });
    const code = {
      code_hash: "ab".repeat(32),
      account_id: "acc-00000015",
      created_at: now,
      expires_at: now + 86_400_000,
    };
    await db.db
      .insertInto("case_rebind_codes")
      .values({ ...code, used_at: null })
      .execute();
    const row = await db.db.selectFrom("case_rebind_codes").selectAll().executeTakeFirstOrThrow();
    expect(Number(row.expires_at)).toBe(now + 86_400_000);
    expect(row.used_at).toBeNull();
    // A code hash is unique.
    await expectRefused(db.db.insertInto("case_rebind_codes").values({ ...code, used_at: null }));
  },
});
