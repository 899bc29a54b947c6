// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, now, seedOrganisation } from "./harness";

describeMigration("0039-processors", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000039", name: "Träger A", rootPublicKey: null });
  },
  assert: async (db) => {
    const row = {
      id: "proc-1",
      organisation_id: "org-00000039",
      name: "Rechenzentrum GmbH",
      service: "Server und Sicherungen",
      location: "Frankfurt am Main",
      country: "DE",
      third_country: 0,
      safeguard: null,
      contract_date: "2026-01-15",
      review_date: "2027-01-15",
      sub_processors: JSON.stringify([{ name: "Kühlung AG", country: "DE" }]),
      notes: "",
      archived_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    };
    await db.db.insertInto("processors").values(row).execute();
    // A third-country transfer without its safeguard, or an unknown safeguard, is refused by the database too.
    await expect(
      db.db
        .insertInto("processors")
        .values({ ...row, id: "proc-2", third_country: 1 })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db.db
        .insertInto("processors")
        .values({ ...row, id: "proc-3", third_country: 1, safeguard: "handshake" as never })
        .execute(),
    ).rejects.toThrow();
    await db.db
      .insertInto("processors")
      .values({ ...row, id: "proc-4", country: "US", third_country: 1, safeguard: "scc" })
      .execute();
    await db.db
      .insertInto("processor_register_seeds")
      .values({ organisation_id: "org-00000039", seeded_at: now })
      .execute();
    await expect(
      db.db
        .insertInto("processor_register_seeds")
        .values({ organisation_id: "org-00000039", seeded_at: now })
        .execute(),
    ).rejects.toThrow();
    expect((await db.db.selectFrom("processors").select("id").orderBy("id").execute()).map((r) => r.id)).toEqual([
      "proc-1",
      "proc-4",
    ]);
    // It goes with the organisation.
    await db.db.deleteFrom("organisations").where("id", "=", "org-00000039").execute();
    expect(await db.db.selectFrom("processors").selectAll().execute()).toEqual([]);
    expect(await db.db.selectFrom("processor_register_seeds").selectAll().execute()).toEqual([]);
  },
});
