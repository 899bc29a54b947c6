// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, seedAccount } from "./harness";

describeMigration("0021-address-form", {
  seed: async (db) => {
    await seedAccount(db, { id: "acc-00000021", username: "kim", role: "client" });
  },
  assert: async (db) => {
    // Existing clients keep the agency's choice until they choose.
    const before = await db.db.selectFrom("accounts").select("address_form").executeTakeFirstOrThrow();
    expect(before.address_form).toBeNull();
    await db.db.updateTable("accounts").set({ address_form: "informal" }).execute();
    const after = await db.db.selectFrom("accounts").select("address_form").executeTakeFirstOrThrow();
    expect(after.address_form).toBe("informal");
  },
});
