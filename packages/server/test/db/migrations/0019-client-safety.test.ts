// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedOrganisation } from "./harness";

describeMigration("0019-client-safety", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000019", name: "Träger Q", rootPublicKey: null });
  },
  assert: async (db) => {
    // No row: the deployment's default target, as before.
    expect(await db.db.selectFrom("client_safety_settings").selectAll().execute()).toEqual([]);
    const row = {
      organisation_id: "org-00000019",
      quick_exit_url: "https://example.org/wetter",
      updated_by: null,
      updated_at: now,
    };
    await db.db.insertInto("client_safety_settings").values(row).execute();
    const stored = await db.db.selectFrom("client_safety_settings").selectAll().executeTakeFirstOrThrow();
    expect({ ...stored, updated_at: Number(stored.updated_at) }).toEqual(row);
    // One row per organisation, and only for one that exists.
    await expectRefused(db.db.insertInto("client_safety_settings").values(row));
    await expectRefused(db.db.insertInto("client_safety_settings").values({ ...row, organisation_id: "org-missing" }));
  },
});
