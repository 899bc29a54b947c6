// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedOrganisation } from "./harness";

describeMigration("0003-organisation-structure", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000003", name: "Träger C", rootPublicKey: "pk" });
  },
  assert: async (db) => {
    await db.db
      .insertInto("agencies")
      .values({
        id: "ag-00000001",
        organisation_id: "org-00000003",
        name: "Stelle",
        address: null,
        postcodes: "[]",
        languages: "[]",
        opening_hours: null,
        online_anywhere: 0,
        created_at: now,
      })
      .execute();
    const topic = {
      id: "tp-00000001",
      organisation_id: "org-00000003",
      slug: "jugend",
      name: "Jugend",
      address_form: "informal" as const,
      created_at: now,
    };
    await db.db.insertInto("topics").values(topic).execute();
    await expectRefused(
      db.db.insertInto("topics").values({ ...topic, id: "tp-00000002", name: "Doppelt", address_form: "formal" }),
    );
    const stored = await db.db.selectFrom("topics").selectAll().executeTakeFirstOrThrow();
    expect(stored.address_form).toBe("informal");
  },
});
