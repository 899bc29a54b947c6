// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedAccount, seedOrganisation } from "./harness";

describeMigration("0005-messaging", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000005", name: "Träger E" });
    await seedAccount(db, { id: "acc-00000005", org: "org-00000005", username: "eva", role: "staff" });
  },
  assert: async (db) => {
    await db.db
      .insertInto("conversations")
      .values({
        id: "cv-00000001",
        organisation_id: "org-00000005",
        kind: "team",
        created_by: "acc-00000005",
        created_at: now,
      })
      .execute();
    await db.db
      .insertInto("conversation_members")
      .values({
        conversation_id: "cv-00000001",
        account_id: "acc-00000005",
        role: "owner",
        joined_at: now,
        left_at: null,
      })
      .execute();
    const msg = {
      conversation_id: "cv-00000001",
      sender_id: "acc-00000005",
      envelope: new Uint8Array([1, 2, 3]),
      size: 3,
      kind: "message" as const,
      replaces_id: null,
      created_at: now,
    };
    await db.db
      .insertInto("messages")
      .values({ ...msg, seq: 1, id: "msg-0000001", client_msg_id: "c1" })
      .execute();
    // Gap-free order and idempotency are enforced by the schema, not only by the service.
    await expectRefused(
      db.db.insertInto("messages").values({ ...msg, seq: 1, id: "msg-0000002", client_msg_id: "c2" }),
    );
    await expectRefused(
      db.db.insertInto("messages").values({ ...msg, seq: 2, id: "msg-0000003", client_msg_id: "c1" }),
    );
    const conv = await db.db.selectFrom("conversations").selectAll().executeTakeFirstOrThrow();
    expect(conv.next_seq).toBe(1);
    const member = await db.db.selectFrom("conversation_members").selectAll().executeTakeFirstOrThrow();
    expect(member).toMatchObject({ read_seq: 0, delivered_seq: 0 });
    await db.db
      .insertInto("conversation_epochs")
      .values({
        conversation_id: "cv-00000001",
        epoch: 1,
        record: new Uint8Array([9]),
        created_by: "acc-00000005",
        created_at: now,
      })
      .execute();
    await db.db
      .insertInto("epoch_key_wraps")
      .values({
        conversation_id: "cv-00000001",
        epoch: 1,
        recipient_account_id: "acc-00000005",
        wrap: new Uint8Array([7]),
        created_at: now,
      })
      .execute();
    await expectRefused(
      db.db.insertInto("epoch_key_wraps").values({
        conversation_id: "cv-00000001",
        epoch: 2,
        recipient_account_id: "acc-00000005",
        wrap: new Uint8Array([7]),
        created_at: now,
      }),
    );
    const stored = await db.db.selectFrom("messages").select("envelope").executeTakeFirstOrThrow();
    expect([...stored.envelope]).toEqual([1, 2, 3]);
  },
});
