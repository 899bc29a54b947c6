// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, indexNames, now, seedOrganisation } from "./harness";

const reply = {
  id: "cr-00000028",
  organisation_id: "org-00000028",
  team_id: "team-00000028",
  generation: 1,
  wrap: "d3JhcA",
  ciphertext: "c2VhbGVk",
  created_by: "acc-lead-0028",
  created_at: now,
  updated_by: "acc-lead-0028",
  updated_at: now,
};

describeMigration("0028-canned-replies", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000028", name: "Träger C", rootPublicKey: null });
    await db.db
      .insertInto("teams")
      .values({
        id: "team-00000028",
        organisation_id: "org-00000028",
        agency_id: null,
        name: "Team",
        is_intake: 0,
        created_at: now,
      })
      .execute();
  },
  assert: async (db) => {
    await db.db.insertInto("canned_replies").values(reply).execute();
    await db.db
      .updateTable("canned_replies")
      .set({ generation: 2, ciphertext: "bmV1", updated_at: now + 1 })
      .where("id", "=", reply.id)
      .execute();
    const row = await db.db.selectFrom("canned_replies").selectAll().executeTakeFirstOrThrow();
    expect(Number(row.generation)).toBe(2);
    expect(row.ciphertext).toBe("bmV1");
    expect(Number(row.updated_at)).toBe(now + 1);
    expect(await indexNames(db, "canned_replies")).toEqual(expect.arrayContaining(["canned_replies_team_idx"]));
    // One row per id, only for a team and an organisation that exist.
    await expectRefused(db.db.insertInto("canned_replies").values(reply));
    await expectRefused(
      db.db.insertInto("canned_replies").values({ ...reply, id: "cr-0000028b", team_id: "team-none" }),
    );
    await expectRefused(
      db.db.insertInto("canned_replies").values({ ...reply, id: "cr-0000028c", organisation_id: "org-none" }),
    );
  },
});
