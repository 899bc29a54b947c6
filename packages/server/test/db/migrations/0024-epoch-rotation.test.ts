// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import { expect } from "vitest";
import { columnNames, describeMigration, now, seedAccount, seedConversation, seedOrganisation } from "./harness";

const HOUR = 3_600_000;
const blob = Buffer.from([1, 2, 3]);

describeMigration("0024-epoch-rotation", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000024", name: "Träger E", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000024", org: "org-00000024", username: "eule", role: "counsellor" });
    // Two epochs, three messages: two before epoch 2, one after it.
    await seedConversation(db, { id: "conv-rotated", org: "org-00000024", kind: "case", creator: "acc-00000024" });
    // One epoch with no message since it began, and a conversation without epochs.
    await seedConversation(db, { id: "conv-quiet", org: "org-00000024", kind: "notes", creator: "acc-00000024" });
    await seedConversation(db, { id: "conv-plain", org: "org-00000024", kind: "direct", creator: "acc-00000024" });
    for (const [epoch, at] of [
      [1, now],
      [2, now + 2 * HOUR],
    ] as const)
      await sql`insert into conversation_epochs (conversation_id, epoch, record, created_by, created_at)
        values ('conv-rotated', ${epoch}, ${blob}, 'acc-00000024', ${at})`.execute(db.db);
    await sql`insert into conversation_epochs (conversation_id, epoch, record, created_by, created_at)
      values ('conv-quiet', 1, ${blob}, 'acc-00000024', ${now + 5 * HOUR})`.execute(db.db);
    for (const [seq, at] of [
      [1, now],
      [2, now + HOUR],
      [3, now + 3 * HOUR],
    ] as const)
      await sql`insert into messages (conversation_id, seq, id, sender_id, client_msg_id, envelope, size, kind, created_at)
        values ('conv-rotated', ${seq}, ${`msg-${seq}`}, 'acc-00000024', ${`cm-${seq}`}, ${blob}, 3, 'message', ${at})`.execute(
        db.db,
      );
    await sql`update conversations set next_seq = 4 where id = 'conv-rotated'`.execute(db.db);
    await sql`insert into messages (conversation_id, seq, id, sender_id, client_msg_id, envelope, size, kind, created_at)
      values ('conv-quiet', 1, 'msg-q1', 'acc-00000024', 'cm-q1', ${blob}, 3, 'message', ${now})`.execute(db.db);
    await sql`update conversations set next_seq = 2 where id = 'conv-quiet'`.execute(db.db);
    await sql`insert into messaging_policies (organisation_id, direct_receipts, direct_typing, team_receipts, team_typing,
        case_receipts, case_typing, broadcast_receipts, broadcast_typing, notes_receipts, notes_typing, presence_staff,
        presence_clients, updated_by, updated_at)
      values ('org-00000024', 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, null, ${now})`.execute(db.db);
  },
  assert: async (db) => {
    expect(await columnNames(db, "conversations")).toEqual(
      expect.arrayContaining([
        "current_epoch",
        "epoch_started_at",
        "epoch_started_seq",
        "rotation_archive_generation",
        "rotation_owed_reason",
        "rotation_owed_since",
        "rotation_team_generation",
      ]),
    );
    const rows = await db.db
      .selectFrom("conversations")
      .select([
        "id",
        "current_epoch",
        "epoch_started_seq",
        "epoch_started_at",
        "rotation_owed_since",
        "rotation_owed_reason",
        "rotation_team_generation",
        "rotation_archive_generation",
      ])
      .orderBy("id")
      .execute();
    const owesNothing = {
      rotation_owed_since: null,
      rotation_owed_reason: null,
      rotation_team_generation: null,
      rotation_archive_generation: null,
    };
    expect(
      rows.map((r) => ({ ...r, epoch_started_at: r.epoch_started_at === null ? null : Number(r.epoch_started_at) })),
    ).toEqual([
      // No epoch yet: nothing to count, nothing checked.
      { id: "conv-plain", current_epoch: 0, epoch_started_seq: 1, epoch_started_at: null, ...owesNothing },
      // Nothing written since its epoch: the next message is the first of it.
      { id: "conv-quiet", current_epoch: 1, epoch_started_seq: 2, epoch_started_at: now + 5 * HOUR, ...owesNothing },
      // Epoch 2 began before message 3.
      { id: "conv-rotated", current_epoch: 2, epoch_started_seq: 3, epoch_started_at: now + 2 * HOUR, ...owesNothing },
    ]);
    // The stored policy keeps its flags and gets the default limits; a new limit can be stored.
    const policy = await db.db
      .selectFrom("messaging_policies")
      .select(["case_receipts", "epoch_max_messages", "epoch_max_days"])
      .executeTakeFirstOrThrow();
    expect(policy).toEqual({ case_receipts: 0, epoch_max_messages: 1000, epoch_max_days: 30 });
    await db.db.updateTable("messaging_policies").set({ epoch_max_messages: 200, epoch_max_days: 7 }).execute();
    // An owed rotation is stored and read back.
    await db.db
      .updateTable("conversations")
      .set({ rotation_owed_since: now, rotation_owed_reason: "member_left", rotation_team_generation: 3 })
      .where("id", "=", "conv-rotated")
      .execute();
    const owed = await db.db
      .selectFrom("conversations")
      .select(["rotation_owed_since", "rotation_owed_reason", "rotation_team_generation"])
      .where("id", "=", "conv-rotated")
      .executeTakeFirstOrThrow();
    expect({ ...owed, rotation_owed_since: Number(owed.rotation_owed_since) }).toEqual({
      rotation_owed_since: now,
      rotation_owed_reason: "member_left",
      rotation_team_generation: 3,
    });
  },
});
