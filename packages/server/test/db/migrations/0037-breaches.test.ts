// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, now, seedOrganisation } from "./harness";

describeMigration("0037-breaches", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000037", name: "Träger A", rootPublicKey: null });
  },
  assert: async (db) => {
    const row = {
      id: "breach-1",
      organisation_id: "org-00000037",
      description: "Laptop verloren",
      aware_at: now,
      data_categories: "Namen",
      persons_affected: 12,
      status: "open" as const,
      risk: "unassessed" as const,
      consequences: "",
      measures: "",
      authority_notified_at: null,
      delay_reason: null,
      persons_notified_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    };
    await db.db.insertInto("breaches").values(row).execute();
    // Only the known risk levels; a reminder is claimed once.
    await expect(
      db.db
        .insertInto("breaches")
        .values({ ...row, id: "breach-2", risk: "huge" as never })
        .execute(),
    ).rejects.toThrow();
    await db.db.insertInto("breach_reminders").values({ breach_id: "breach-1", kind: "h24", sent_at: now }).execute();
    await expect(
      db.db.insertInto("breach_reminders").values({ breach_id: "breach-1", kind: "h24", sent_at: now }).execute(),
    ).rejects.toThrow();
    // It goes with the organisation.
    await db.db.deleteFrom("organisations").where("id", "=", "org-00000037").execute();
    expect(await db.db.selectFrom("breaches").selectAll().execute()).toEqual([]);
    expect(await db.db.selectFrom("breach_reminders").selectAll().execute()).toEqual([]);
  },
});
