// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import {
  columnNames,
  describeMigration,
  expectRefused,
  indexNames,
  now,
  seedAccount,
  seedOrganisation,
} from "./harness";

describeMigration("0016-device-keys", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000016", name: "Träger P", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000016", org: "org-00000016", username: "nora", role: "counsellor" });
  },
  assert: async (db) => {
    expect(await columnNames(db, "device_keys")).toEqual(["account_id", "created_at", "id", "last_used_at", "wrap"]);
    // Lookups by account (housekeeping, revocation) need the index.
    expect(await indexNames(db, "device_keys")).toContain("device_keys_account_idx");
    // The account seeded before the migration is untouched.
    expect(
      await db.db
        .selectFrom("accounts")
        .select(["id", "username"])
        .where("id", "=", "acc-00000016")
        .executeTakeFirstOrThrow(),
    ).toEqual({ id: "acc-00000016", username: "nora" });
    const device = {
      id: "dev-00000016",
      account_id: "acc-00000016",
      wrap: "w".repeat(84),
      created_at: now,
      last_used_at: now,
    };
    await db.db.insertInto("device_keys").values(device).execute();
    const row = await db.db.selectFrom("device_keys").selectAll().executeTakeFirstOrThrow();
    expect({ ...row, created_at: Number(row.created_at), last_used_at: Number(row.last_used_at) }).toEqual(device);
    // A device id is unique.
    await expectRefused(db.db.insertInto("device_keys").values(device));
  },
});
