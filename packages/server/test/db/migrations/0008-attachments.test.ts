// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedAccount, seedConversation, seedOrganisation } from "./harness";

describeMigration("0008-attachments", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000008", name: "Träger H", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000008", org: "org-00000008", username: "hanna", role: "counsellor" });
    await seedConversation(db, { id: "cv-00000008", org: "org-00000008", creator: "acc-00000008" });
  },
  assert: async (db) => {
    await db.db
      .insertInto("attachments")
      .values({
        id: "att-0000008",
        conversation_id: "cv-00000008",
        uploader_id: "acc-00000008",
        size: 3 * 1024 * 1024 * 1024,
        chunk_size: 1024 * 1024,
        chunk_count: 3072,
        created_at: now,
        completed_at: null,
      })
      .execute();
    await db.db
      .insertInto("attachment_chunks")
      .values({ attachment_id: "att-0000008", idx: 0, size: 1024 * 1024, created_at: now })
      .execute();
    // One row per chunk index.
    await expectRefused(
      db.db.insertInto("attachment_chunks").values({ attachment_id: "att-0000008", idx: 0, size: 1, created_at: now }),
    );
    const row = await db.db.selectFrom("attachments").selectAll().executeTakeFirstOrThrow();
    expect(row.size).toBe(3 * 1024 * 1024 * 1024);
    // Deleting an upload takes its chunk rows with it.
    await db.db.deleteFrom("attachments").where("id", "=", "att-0000008").execute();
    expect(await db.db.selectFrom("attachment_chunks").selectAll().execute()).toEqual([]);
  },
});
