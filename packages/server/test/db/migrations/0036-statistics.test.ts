// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, now, seedOrganisation } from "./harness";

describeMigration("0036-statistics", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000036", name: "Träger A", rootPublicKey: null });
  },
  assert: async (db) => {
    await db.db
      .insertInto("statistics_settings")
      .values({ organisation_id: "org-00000036", min_cell_size: 10, updated_at: now })
      .execute();
    // Never below 5, one row per organisation.
    await expect(
      db.db
        .updateTable("statistics_settings")
        .set({ min_cell_size: 4 })
        .where("organisation_id", "=", "org-00000036")
        .execute(),
    ).rejects.toThrow();
    await expect(
      db.db
        .insertInto("statistics_settings")
        .values({ organisation_id: "org-00000036", min_cell_size: 6, updated_at: now })
        .execute(),
    ).rejects.toThrow();
    expect(await db.db.selectFrom("statistics_settings").select("min_cell_size").execute()).toEqual([
      { min_cell_size: 10 },
    ]);
    // It goes with the organisation.
    await db.db.deleteFrom("organisations").where("id", "=", "org-00000036").execute();
    expect(await db.db.selectFrom("statistics_settings").selectAll().execute()).toEqual([]);
  },
});
