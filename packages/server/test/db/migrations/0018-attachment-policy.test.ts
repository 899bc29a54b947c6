// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedAccount, seedConversation, seedOrganisation } from "./harness";

describeMigration("0018-attachment-policy", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000018", name: "Träger R", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000018", org: "org-00000018", username: "rita", role: "org_admin" });
    await seedConversation(db, { id: "conv-00000018", org: "org-00000018", creator: "acc-00000018" });
  },
  assert: async (db) => {
    await db.db
      .insertInto("attachment_policies")
      .values({
        organisation_id: "org-00000018",
        max_bytes: 5 * 1024 * 1024,
        allowed_types: '["image/*","application/pdf"]',
        updated_by: null,
        updated_at: now,
      })
      .execute();
    const policy = await db.db.selectFrom("attachment_policies").selectAll().executeTakeFirstOrThrow();
    expect(Number(policy.max_bytes)).toBe(5 * 1024 * 1024);
    // One policy per organisation, and only for one that exists.
    await expectRefused(db.db.insertInto("attachment_policies").values({ ...policy, updated_at: now + 1 }));
    await expectRefused(db.db.insertInto("attachment_policies").values({ ...policy, organisation_id: "org-missing" }));
    await db.db
      .insertInto("attachment_deletions")
      .values({ attachment_id: "att-00000018", conversation_id: "conv-00000018", deleted_at: now })
      .execute();
    // Deleted-attachment ids go with their conversation.
    await db.db.deleteFrom("conversations").where("id", "=", "conv-00000018").execute();
    expect(await db.db.selectFrom("attachment_deletions").selectAll().execute()).toEqual([]);
  },
});
