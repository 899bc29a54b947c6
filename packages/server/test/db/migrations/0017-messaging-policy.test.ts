// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedOrganisation } from "./harness";

describeMigration("0017-messaging-policy", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000017", name: "Träger Q" });
  },
  assert: async (db) => {
    // Existing organisations have no row: they keep the defaults until an admin changes something.
    expect(await db.db.selectFrom("messaging_policies").selectAll().execute()).toEqual([]);
    const flags = {
      direct_receipts: 1,
      direct_typing: 1,
      team_receipts: 1,
      team_typing: 0,
      case_receipts: 0,
      case_typing: 0,
      broadcast_receipts: 0,
      broadcast_typing: 0,
      notes_receipts: 1,
      notes_typing: 1,
      presence_staff: 1,
      presence_clients: 1,
    };
    const row = { organisation_id: "org-00000017", ...flags, updated_by: null, updated_at: now };
    await db.db.insertInto("messaging_policies").values(row).execute();
    const stored = await db.db.selectFrom("messaging_policies").selectAll().executeTakeFirstOrThrow();
    expect({ ...stored, updated_at: Number(stored.updated_at) }).toEqual(row);
    // One row per organisation, and only for an organisation that exists.
    await expectRefused(db.db.insertInto("messaging_policies").values(row));
    await expectRefused(db.db.insertInto("messaging_policies").values({ ...row, organisation_id: "org-missing" }));
  },
});
