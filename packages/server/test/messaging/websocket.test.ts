// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Socket } from "node:net";
import { generateSigningKeyPair, openMessage, randomBytes, sealMessage, utf8Decode, utf8Encode } from "@obhut/crypto";
import { SendMessage, WS_CLOSE } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversation } from "../../src/modules/messaging/conversations";
import { sendMessage } from "../../src/modules/messaging/messages";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { fakeEnvelope, isGapFree, MsgClient, seedOrganisation } from "./support";

describe.each(DIALECTS)("messaging over WebSocket (%s)", (dialect) => {
  let server: TestServer;
  let org: string;
  let anna: SeededAccount;
  let ben: SeededAccount;
  let carla: SeededAccount;
  const open: MsgClient[] = [];
  const connect = async (a: SeededAccount) => {
    const c = await MsgClient.connect(server.url, a.cookie);
    open.push(c);
    return c;
  };
  const team = async (kind: "team" | "direct" | "case" | "broadcast" = "team", members = [ben.id, carla.id]) =>
    (
      await createConversation(server.ctx, {
        actor: { accountId: anna.id, kind: "staff", organisationId: org },
        kind,
        memberIds: members,
      })
    ).id;
  const actor = (a: SeededAccount) => ({ accountId: a.id, kind: "staff" as const, organisationId: a.organisationId });

  beforeAll(async () => {
    server = await startTestServer({ dialect, env: { OBHUT_RATE_LIMITS: "api=100000" } });
    org = await seedOrganisation(server.ctx.db.db);
    [anna, ben, carla] = [
      await seedAccount(server.ctx.db.db, { orgId: org }),
      await seedAccount(server.ctx.db.db, { orgId: org }),
      await seedAccount(server.ctx.db.db, { orgId: org }),
    ];
  });
  afterAll(async () => {
    for (const c of open) c.ws.terminate();
    await server?.stop();
  });

  it("acks only stored messages and delivers catch-up then live, with a commit racing the catch-up", async () => {
    const id = await team();
    for (let i = 0; i < 450; i++)
      await sendMessage(server.ctx, {
        actor: actor(anna),
        conversationId: id,
        clientMsgId: `pre-${i}`,
        envelope: new Uint8Array([i % 256]),
      });
    const receiver = await connect(carla);
    const sender = await connect(ben);
    receiver.subscribe([{ conversationId: id, afterSeq: 0 }]);
    // Sends race the catch-up (450 messages = three read batches): none may be lost or sent twice.
    const acks = await Promise.all(
      Array.from({ length: 60 }, (_, i) => sender.send(id, `live-msg-${i}`, fakeEnvelope(40))),
    );
    for (const ack of acks) {
      expect(ack.type).toBe("ack");
      const row = await server.ctx.db.db
        .selectFrom("messages")
        .select("client_msg_id")
        .where("conversation_id", "=", id)
        .where("seq", "=", ack.seq as number)
        .executeTakeFirst();
      expect(row?.client_msg_id).toBe(ack.clientMsgId);
    }
    await receiver.waitFor(() => receiver.messages(id).length >= 510);
    expect(isGapFree(receiver.messages(id).map((m) => m.seq))).toBe(true);
    expect(receiver.messages(id)).toHaveLength(510);
    // Resubscribing from a cursor sends only what is after it.
    const again = await connect(carla);
    again.subscribe([{ conversationId: id, afterSeq: 505 }]);
    await again.waitFor(() => again.messages(id).length >= 5);
    expect(again.messages(id).map((m) => m.seq)).toEqual([506, 507, 508, 509, 510]);
  });

  it("turns a retried clientMsgId into the original ack, in one connection and across reconnects", async () => {
    const id = await team();
    const first = await connect(ben);
    const [a, b] = await Promise.all([
      first.send(id, "retry-me-1", fakeEnvelope(30)),
      first.send(id, "retry-me-1", fakeEnvelope(30)),
    ]);
    expect(a).toMatchObject({ type: "ack", seq: 1 });
    expect(b).toMatchObject({ type: "ack", seq: 1, id: a.id });
    await first.close();
    const second = await connect(ben);
    expect(await second.send(id, "retry-me-1", fakeEnvelope(30))).toMatchObject({ type: "ack", seq: 1, id: a.id });
    expect(await second.send(id, "retry-me-2", fakeEnvelope(30))).toMatchObject({ type: "ack", seq: 2 });
    const rows = await server.ctx.db.db
      .selectFrom("messages")
      .select("seq")
      .where("conversation_id", "=", id)
      .execute();
    expect(rows.map((r) => r.seq).sort()).toEqual([1, 2]);
    expect(await second.send(await team(), "retry-me-1", fakeEnvelope(30))).toMatchObject({
      type: "error",
      code: "conflict",
      ref: "retry-me-1",
    });
  });

  it("refuses non-members (not_found, audited), subscribers sending (channel_read_only) and malformed frames", async () => {
    const id = await team("team", [ben.id]);
    const outsider = await connect(carla);
    outsider.subscribe([{ conversationId: id, afterSeq: 0 }]);
    await outsider.waitFor(() => outsider.frames.some((f) => f.type === "error" && f.ref === id));
    expect(outsider.frames.find((f) => f.ref === id)).toMatchObject({ code: "not_found" });
    expect(await outsider.send(id, "sneaky-01", fakeEnvelope(10))).toMatchObject({ type: "error", code: "not_found" });
    const audits = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("actor_id")
      .where("action", "=", "conversation.access_denied")
      .where("target_id", "=", id)
      .execute();
    expect(audits).toHaveLength(2);
    const client = await seedAccount(server.ctx.db.db, { orgId: null, kind: "client" });
    const channel = await team("broadcast", [client.id]);
    const subscriber = await connect(client);
    expect(await subscriber.send(channel, "sub-send-1", fakeEnvelope(10))).toMatchObject({
      type: "error",
      code: "channel_read_only",
    });
    subscriber.raw("{nope");
    expect(await subscriber.send(channel, "x", "AA")).toMatchObject({ type: "error", code: "invalid_body", ref: "x" });
    subscriber.raw({ type: "ping", id: "p1" });
    await subscriber.waitFor(() => subscriber.frames.some((f) => f.type === "pong"));
    expect(subscriber.frames.filter((f) => f.type === "error").map((f) => f.code)).toEqual([
      "channel_read_only",
      "invalid_json",
      "invalid_body",
    ]);
  });

  it("shares receipts and typing in staff conversations only", async () => {
    const id = await team("direct", [ben.id]);
    const annaWs = await connect(anna);
    const benWs = await connect(ben);
    annaWs.subscribe([{ conversationId: id, afterSeq: 0 }]);
    benWs.subscribe([{ conversationId: id, afterSeq: 0 }]);
    const ack = await annaWs.send(id, "rcpt-msg-1", fakeEnvelope(30));
    // Subscribing is asynchronous: anna's own copy proves her subscription is live before ben's notices go out.
    await annaWs.waitFor(() => annaWs.messages(id).length === 1);
    await benWs.waitFor(() => benWs.messages(id).length === 1);
    benWs.raw({ type: "ack_received", conversationId: id, seq: ack.seq });
    benWs.raw({ type: "read", conversationId: id, seq: ack.seq });
    benWs.raw({ type: "typing", conversationId: id });
    const ephemeral = () => annaWs.frames.filter((f) => f.type === "receipt" || f.type === "typing");
    await annaWs.waitFor(() => ephemeral().length === 3);
    // Each notice travels on its own; only the set is guaranteed, not their order.
    expect(ephemeral().sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual([
      { type: "receipt", conversationId: id, accountId: ben.id, kind: "delivered", seq: 1 },
      { type: "receipt", conversationId: id, accountId: ben.id, kind: "read", seq: 1 },
      { type: "typing", conversationId: id, accountId: ben.id },
    ]);
    const member = await server.ctx.db.db
      .selectFrom("conversation_members")
      .selectAll()
      .where("conversation_id", "=", id)
      .where("account_id", "=", ben.id)
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({ read_seq: 1, delivered_seq: 1 });

    // A case conversation: the client's typing and receipts reach nobody (policy default off for clients).
    const client = await seedAccount(server.ctx.db.db, { orgId: null, kind: "client" });
    const caseId = await team("case", [client.id]);
    const clientWs = await connect(client);
    annaWs.subscribe([{ conversationId: caseId, afterSeq: 0 }]);
    clientWs.subscribe([{ conversationId: caseId, afterSeq: 0 }]);
    await annaWs.waitFor(() => true);
    await clientWs.send(caseId, "case-msg-1", fakeEnvelope(30));
    await annaWs.waitFor(() => annaWs.messages(caseId).length === 1);
    clientWs.raw({ type: "typing", conversationId: caseId });
    clientWs.raw({ type: "read", conversationId: caseId, seq: 1 });
    // Bus events of one topic arrive in order: had typing/receipt been forwarded, they would precede this message.
    await clientWs.send(caseId, "case-msg-2", fakeEnvelope(30));
    await annaWs.waitFor(() => annaWs.messages(caseId).length === 2);
    expect(
      annaWs.frames.filter((f) => (f.type === "receipt" || f.type === "typing") && f.conversationId === caseId),
    ).toEqual([]);
  });

  it("carries real sealed envelopes end to end; the database holds no plaintext", async () => {
    const id = await team("team", [ben.id]);
    const epochKey = randomBytes(32);
    const sender = generateSigningKeyPair();
    const secret = `Streng vertraulich ${dialect} 4711`;
    const blob = await sealMessage({
      header: {
        conversationId: id,
        epoch: 1,
        messageId: "m-e2e-0001",
        timestamp: Date.now(),
        senderKeyId: sender.publicKey,
      },
      plaintext: utf8Encode(secret),
      epochKey,
      sender,
    });
    const annaWs = await connect(anna);
    const benWs = await connect(ben);
    benWs.subscribe([{ conversationId: id, afterSeq: 0 }]);
    expect(await annaWs.send(id, "sealed-001", Buffer.from(blob).toString("base64url"))).toMatchObject({
      type: "ack",
      seq: 1,
    });
    await benWs.waitFor(() => benWs.messages(id).length === 1);
    const opened = await openMessage(new Uint8Array(Buffer.from(benWs.messages(id)[0]!.envelope, "base64url")), {
      epochKey,
      senderPublicKey: sender.publicKey,
      conversationId: id,
      epoch: 1,
    });
    expect(utf8Decode(opened.plaintext)).toBe(secret);
    const rows = await server.ctx.db.db
      .selectFrom("messages")
      .select("envelope")
      .where("conversation_id", "=", id)
      .execute();
    expect(Buffer.from(rows[0]!.envelope).equals(Buffer.from(blob))).toBe(true);
    expect(Buffer.from(rows[0]!.envelope).includes(Buffer.from("vertraulich"))).toBe(false);
    expect(server.logText()).not.toContain("vertraulich");
  });

  it("rate-limits sends per connection", async () => {
    const id = await team("team", [ben.id]);
    const ws = await connect(anna);
    const results = await Promise.all(
      Array.from({ length: 260 }, (_, i) => ws.send(id, `flood-${String(i).padStart(4, "0")}`, fakeEnvelope(16))),
    );
    const limited = results.filter((r) => r.type === "error" && r.code === "rate_limited").length;
    // Burst 200 plus whatever the 50/s refill added while the burst was in flight.
    expect(limited).toBeGreaterThan(0);
    expect(results.filter((r) => r.type === "ack").length).toBeGreaterThanOrEqual(200);
  });

  it("closes a slow consumer with 4408 while the others keep receiving", async () => {
    const id = await team();
    const fast = await connect(ben);
    const slow = await connect(carla);
    fast.subscribe([{ conversationId: id, afterSeq: 0 }]);
    slow.subscribe([{ conversationId: id, afterSeq: 0 }]);
    await fast.waitFor(() => true);
    // Stop reading: the kernel buffers fill, then the server's buffer passes its bound.
    const rawSocket = (slow.ws as unknown as { _socket: Socket })._socket;
    rawSocket.pause();
    const slowCloses = async () =>
      (await server.ctx.metrics.registry.getSingleMetric("obhut_websocket_slow_closes_total")!.get()).values[0]
        ?.value ?? 0;
    const closesBefore = await slowCloses();
    const asAnna = apiAs(server, anna);
    const total = 300;
    for (let i = 0; i < total; i++) {
      const res = await asAnna.call(SendMessage, {
        params: { id },
        body: { clientMsgId: `slow-msg-${i}`, envelope: fakeEnvelope(60 * 1024) },
      });
      expect(res.status).toBe(201);
    }
    await fast.waitFor(() => fast.messages(id).length === total);
    expect(isGapFree(fast.messages(id).map((m) => m.seq))).toBe(true);
    // The server gives up on the stalled socket (after WS_LIMITS.stallMs); only then does the client read again.
    while ((await slowCloses()) === closesBefore) await new Promise((r) => setTimeout(r, 50));
    rawSocket.resume();
    expect(await slow.closed).toBe(WS_CLOSE.tooSlow);
    expect(slow.messages(id).length).toBeLessThan(total);
    expect(isGapFree(slow.messages(id).map((m) => m.seq))).toBe(true);
    // It reconnects and catches up from its cursor.
    const back = await connect(carla);
    const cursor = slow.messages(id).at(-1)?.seq ?? 0;
    back.subscribe([{ conversationId: id, afterSeq: cursor }]);
    await back.waitFor(() => back.messages(id).length === total - cursor);
    expect(
      isGapFree(
        back.messages(id).map((m) => m.seq),
        cursor + 1,
      ),
    ).toBe(true);
  });
});
