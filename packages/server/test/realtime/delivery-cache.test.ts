// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceCommitted, sendMessage } from "../../src/modules/messaging/messages";
import { seedAccount, seedTeamConversation, type SeededAccount } from "../helpers/factories";
import { seedOrg } from "../admin/support";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { isGapFree, MsgClient } from "../messaging/support";

/**
 * Live delivery without a read (app/realtime/hub.ts, issue #18): the frames of messages this node just
 * committed go to subscribers from memory while they reach the newest seq the node knows. A message stored
 * outside the committer (as a case's first message is) leaves a gap the kept frames do not cover; then, and
 * for a subscriber whose cursor lies before the kept frames, delivery reads the database as before. Either
 * way every subscriber gets every message once, in order, byte for byte as stored.
 */
describe.each(DIALECTS)("delivery from kept frames and from the database (%s)", (dialect) => {
  let server: TestServer;
  let a: SeededAccount, b: SeededAccount, c: SeededAccount;
  let orgId: string;
  const open: MsgClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({ dialect, env: { OBHUT_RATE_LIMITS: "api=100000" } });
    ({ orgId } = await seedOrg(server.ctx.db.db));
    [a, b, c] = [
      await seedAccount(server.ctx.db.db, { orgId, role: "counsellor" }),
      await seedAccount(server.ctx.db.db, { orgId, role: "counsellor" }),
      await seedAccount(server.ctx.db.db, { orgId, role: "counsellor" }),
    ];
  });
  afterAll(async () => {
    for (const client of open) client.ws.terminate();
    await server?.stop();
  });

  const connect = async (account: SeededAccount) => {
    const client = await MsgClient.connect(server.url, account.cookie);
    open.push(client);
    return client;
  };

  it("delivers every message once and in order across a write the kept frames do not cover", async () => {
    const conversationId = await seedTeamConversation(server.ctx.db.db, orgId, [a, b, c]);
    const send = (n: number) =>
      sendMessage(server.ctx, {
        actor: { accountId: a.id, kind: "staff", organisationId: orgId, role: "counsellor" },
        conversationId,
        clientMsgId: `cache-msg-${n}`,
        envelope: new Uint8Array([n, n, n]),
      });
    const reader = await connect(b);
    reader.subscribe([{ conversationId, afterSeq: 0 }]);
    await reader.waitFor(() => reader.frames.some((f) => f.type === "presence" || f.type === "hello"));
    for (const n of [1, 2, 3]) await send(n);
    await reader.waitFor(() => reader.messages(conversationId).length === 3);

    // Seq 4 written beside the committer, announced like a case's first message: no frames come with it.
    const db = server.ctx.db.db;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("conversations")
        .set((eb) => ({ next_seq: eb("next_seq", "+", 1) }))
        .where("id", "=", conversationId)
        .execute();
      await trx
        .insertInto("messages")
        .values({
          conversation_id: conversationId,
          seq: 4,
          id: "msg-beside-the-committer",
          sender_id: a.id,
          client_msg_id: "cache-msg-4",
          envelope: new Uint8Array([4, 4, 4]),
          size: 3,
          kind: "message",
          replaces_id: null,
          created_at: Date.now(),
        })
        .execute();
    });
    announceCommitted(server.ctx, conversationId, 4);
    await reader.waitFor(() => reader.messages(conversationId).length === 4);

    for (const n of [5, 6]) await send(n);
    await reader.waitFor(() => reader.messages(conversationId).length === 6);

    // A late reader whose cursor lies before the kept frames (5, 6) catches up from the database.
    const late = await connect(c);
    late.subscribe([{ conversationId, afterSeq: 2 }]);
    await late.waitFor(() => late.messages(conversationId).length === 4);

    const stored = await db
      .selectFrom("messages")
      .select(["seq", "envelope"])
      .where("conversation_id", "=", conversationId)
      .orderBy("seq")
      .execute();
    const wire = (m: { seq: number; envelope: string }) => [m.seq, m.envelope];
    const expected = stored.map((r) => [r.seq, Buffer.from(r.envelope).toString("base64url")]);
    expect(reader.messages(conversationId).map(wire)).toEqual(expected);
    expect(late.messages(conversationId).map(wire)).toEqual(expected.slice(2));
    expect(isGapFree(reader.messages(conversationId).map((m) => m.seq))).toBe(true);
  });
});
