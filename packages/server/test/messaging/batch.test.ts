// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MessageCommitter,
  SendRefused,
  type SendInput,
  type SendResult,
} from "../../src/modules/messaging/messages-committer";
import { seedAccount, seedTeamConversation, type SeededAccount } from "../helpers/factories";
import { seedOrg } from "../admin/support";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * One group-commit batch with every kind of send mixed (docs/ADR 0007): on
 * PostgreSQL the batch's checks, seq reservations and read markers are one
 * query each (modules/messaging/store-messages.ts), so this pins that the batched
 * queries decide exactly what the per-send path decided.
 */
describe.each(DIALECTS)("a mixed send batch (%s)", (dialect) => {
  let server: TestServer;
  let u1: SeededAccount, u2: SeededAccount, u3: SeededAccount, outsider: SeededAccount;
  const db = () => server.ctx.db.db;

  const conversation = (members: SeededAccount[], orgId: string) => seedTeamConversation(db(), orgId, members);

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const { orgId } = await seedOrg(db());
    const seed = () => seedAccount(db(), { orgId, role: "counsellor" });
    u1 = await seed();
    u2 = await seed();
    u3 = await seed();
    outsider = await seed();
  });
  afterAll(async () => server?.stop());

  it("stores, deduplicates, refuses and numbers each send as if it were alone", async () => {
    const { orgId } = await seedOrg(db());
    const a = await conversation([u1, u2], orgId);
    const b = await conversation([u1, u3], orgId);
    const committed: [string, number, number][] = [];
    const committer = new MessageCommitter(server.ctx, (c, seq, n) => committed.push([c, seq, n]));
    const send = (sender: SeededAccount, conversationId: string, clientMsgId: string, more: Partial<SendInput> = {}) =>
      committer
        .submit({
          senderId: sender.id,
          sender: { kind: "staff", organisationId: sender.organisationId, role: "counsellor" },
          conversationId,
          clientMsgId,
          envelope: new Uint8Array(40).fill(7),
          kind: "message",
          replacesId: null,
          ...more,
        })
        .catch((e: unknown) => e);

    // An earlier batch: one stored message each in a and b.
    const first = (await send(u1, a, "first")) as SendResult;
    expect(first).toMatchObject({ seq: 1, duplicate: false });
    expect(await send(u3, b, "b-first")).toMatchObject({ seq: 1, duplicate: false });

    // One batch: all submitted in the same turn.
    const results = await Promise.all([
      send(u1, a, "m1"),
      send(u2, a, "m2"),
      send(u1, b, "m3"),
      send(u1, a, "m1"), // retry inside the batch
      send(u1, a, "first"), // retry of a stored send
      send(outsider, a, "x1"), // not a member
      send(u1, b, "m1"), // clientMsgId already used for another conversation (in this batch)
      send(u1, a, "edit-1", { kind: "edit", replacesId: first.id }),
      send(u2, a, "edit-2", { kind: "edit", replacesId: first.id }), // someone else's message
      send(u3, b, "m4"),
    ]);
    const [m1, m2, m3, m1again, firstAgain, refused, conflict, edit, badEdit, m4] = results;
    expect(m1).toMatchObject({ conversationId: a, seq: 2, duplicate: false });
    expect(m2).toMatchObject({ conversationId: a, seq: 3, duplicate: false });
    expect(m1again).toMatchObject({ seq: 2, id: (m1 as SendResult).id, duplicate: true });
    expect(firstAgain).toMatchObject({ seq: 1, id: first.id, duplicate: true });
    expect(edit).toMatchObject({ conversationId: a, seq: 4, duplicate: false });
    expect(m3).toMatchObject({ conversationId: b, seq: 2, duplicate: false });
    expect(m4).toMatchObject({ conversationId: b, seq: 3, duplicate: false });
    expect(refused).toBeInstanceOf(SendRefused);
    expect((refused as SendRefused).error.code).toBe("not_found");
    expect((refused as SendRefused).denied).toBe(true);
    expect((conflict as SendRefused).error.code).toBe("conflict");
    expect((badEdit as SendRefused).error.code).toBe("invalid_body");

    // Gap-free seqs, next_seq right after them, read/delivered markers at each sender's newest own message.
    const stored = await db()
      .selectFrom("messages")
      .select(["conversation_id", "seq", "client_msg_id"])
      .where("conversation_id", "in", [a, b])
      .orderBy("conversation_id")
      .orderBy("seq")
      .execute();
    expect(stored.filter((r) => r.conversation_id === a).map((r) => [r.seq, r.client_msg_id])).toEqual([
      [1, "first"],
      [2, "m1"],
      [3, "m2"],
      [4, "edit-1"],
    ]);
    expect(stored.filter((r) => r.conversation_id === b).map((r) => [r.seq, r.client_msg_id])).toEqual([
      [1, "b-first"],
      [2, "m3"],
      [3, "m4"],
    ]);
    const next = await db().selectFrom("conversations").select(["id", "next_seq"]).where("id", "in", [a, b]).execute();
    expect(Object.fromEntries(next.map((r) => [r.id, Number(r.next_seq)]))).toEqual({ [a]: 5, [b]: 4 });
    const marks = await db()
      .selectFrom("conversation_members")
      .select(["conversation_id", "account_id", "read_seq", "delivered_seq"])
      .where("conversation_id", "in", [a, b])
      .execute();
    const mark = (c: string, u: SeededAccount) => marks.find((m) => m.conversation_id === c && m.account_id === u.id);
    expect(mark(a, u1)).toMatchObject({ read_seq: 4, delivered_seq: 4 });
    expect(mark(a, u2)).toMatchObject({ read_seq: 3, delivered_seq: 3 });
    expect(mark(b, u1)).toMatchObject({ read_seq: 2, delivered_seq: 2 });
    expect(mark(b, u3)).toMatchObject({ read_seq: 3, delivered_seq: 3 });
    // Subscribers are woken once per conversation with its newest seq.
    expect(committed.slice(2).sort()).toEqual(
      [
        [a, 4, 3],
        [b, 3, 2],
      ].sort(),
    );
  });
});
