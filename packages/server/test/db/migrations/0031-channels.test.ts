// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import {
  describeMigration,
  expectRefused,
  indexNames,
  now,
  seedAccount,
  seedConversation,
  seedOrganisation,
} from "./harness";

const channel = {
  conversation_id: "conv-00000031",
  organisation_id: "org-00000031",
  name: "Öffnungszeiten und Termine",
  audience: "clients" as const,
  created_by: "acc-admin-0031",
  created_at: now,
};

describeMigration("0031-channels", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000031", name: "Träger K", rootPublicKey: null });
    await seedAccount(db, { id: "acc-admin-0031", org: "org-00000031", username: "admin-0031", role: "org_admin" });
    for (const id of ["conv-00000031", "conv-0000031b"])
      await seedConversation(db, { id, org: "org-00000031", kind: "broadcast", creator: "acc-admin-0031" });
  },
  assert: async (db) => {
    await db.db.insertInto("broadcast_channels").values(channel).execute();
    const row = await db.db.selectFrom("broadcast_channels").selectAll().executeTakeFirstOrThrow();
    expect(row.name).toBe("Öffnungszeiten und Termine");
    expect(row.audience).toBe("clients");
    expect(Number(row.created_at)).toBe(now);
    expect(await indexNames(db, "broadcast_channels")).toEqual(expect.arrayContaining(["broadcast_channels_org_idx"]));
    // One row per conversation, only for a conversation and an organisation that exist.
    await expectRefused(db.db.insertInto("broadcast_channels").values(channel));
    await expectRefused(
      db.db.insertInto("broadcast_channels").values({ ...channel, conversation_id: "conv-none-0031" }),
    );
    await expectRefused(
      db.db
        .insertInto("broadcast_channels")
        .values({ ...channel, conversation_id: "conv-0000031b", organisation_id: "org-none" }),
    );
  },
});
