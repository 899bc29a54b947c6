// SPDX-License-Identifier: AGPL-3.0-or-later
import { ClientMessage, ERROR_STATUS, ServerMessage } from "@obhut/protocol";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createConversation } from "../../src/modules/messaging/conversations";
import { sendMessage } from "../../src/modules/messaging/messages";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { fakeEnvelope, MsgClient, seedOrganisation } from "../messaging/support";
import { FUZZ_SEED, hostileText } from "./fuzz-support";

/**
 * Property: whatever a logged-in client sends over its WebSocket — junk
 * text, random JSON, frames of every type with junk in their fields, text
 * with control characters — the server answers with an error frame of a
 * stable code (or closes with a defined code), keeps the connection and its
 * subscriptions, and a valid request afterwards still works.
 */
const junkValue = fc.oneof(
  fc.string({ maxLength: 80 }),
  hostileText,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, -1, 2 ** 53, 1e308, "", [], {}),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

const frameType = fc.constantFrom(
  ...ClientMessage.options.map((o) => o.shape.type.value),
  "hello",
  "ack",
  "message",
  "__proto__",
  "constructor",
  "",
);

function framesFor(conversationId: string) {
  const shaped = fc
    .record(
      {
        type: frameType,
        id: junkValue,
        clientMsgId: fc.oneof(junkValue, fc.constantFrom("ok-msg-id-1", "x")),
        conversationId: fc.oneof(junkValue, fc.constant(conversationId)),
        envelope: fc.oneof(junkValue, fc.constant(fakeEnvelope(20, 7))),
        seq: junkValue,
        state: fc.oneof(junkValue, fc.constantFrom("online", "away")),
        kind: junkValue,
        replacesId: junkValue,
        cursors: fc.oneof(junkValue, fc.array(fc.record({ conversationId: junkValue, afterSeq: junkValue }))),
        extra: junkValue,
      },
      { requiredKeys: ["type"] },
    )
    .map((f) => JSON.stringify(f));
  const anything = fc.anything().map((v) => {
    try {
      return JSON.stringify(v) ?? "null";
    } catch {
      return "{}";
    }
  });
  return fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.json(),
    anything,
    shaped,
    hostileText.map((id) => JSON.stringify({ type: "ping", id })),
    fc.constantFrom(
      "",
      "null",
      "[]",
      "{nope",
      '{"__proto__":{"type":"ping","id":"x"}}',
      "[".repeat(5000) + "]".repeat(5000),
      JSON.stringify({ type: "subscribe", cursors: [] }),
      JSON.stringify({
        type: "subscribe",
        cursors: Array.from({ length: 1001 }, () => ({ conversationId, afterSeq: 0 })),
      }),
    ),
  );
}

describe.each(DIALECTS)("junk WebSocket frames (%s)", (dialect) => {
  const clock = manualClock(Date.now());
  let server: TestServer;
  let anna: SeededAccount;
  let ben: SeededAccount;
  let conversationId: string;
  const open: MsgClient[] = [];
  const connect = async (a: SeededAccount) => {
    const c = await MsgClient.connect(server.url, a.cookie);
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock, env: { OBHUT_RATE_LIMITS: "api=100000" } });
    const org = await seedOrganisation(server.ctx.db.db, clock.now());
    anna = await seedAccount(server.ctx.db.db, { orgId: org, now: clock.now() });
    ben = await seedAccount(server.ctx.db.db, { orgId: org, now: clock.now() });
    conversationId = (
      await createConversation(server.ctx, {
        actor: { accountId: anna.id, kind: "staff", organisationId: org },
        kind: "direct",
        memberIds: [ben.id],
      })
    ).id;
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    for (const c of open) c.ws.terminate();
    await server?.stop();
  });

  const benSays = async (clientMsgId: string) =>
    sendMessage(server.ctx, {
      actor: { accountId: ben.id, kind: "staff", organisationId: ben.organisationId },
      conversationId,
      clientMsgId,
      envelope: new Uint8Array([1, 2, 3]),
    });

  it("answers every junk frame on one connection, which keeps its subscription and serves valid requests after", async () => {
    const ws = await connect(anna);
    ws.subscribe([{ conversationId, afterSeq: 0 }]);
    await benSays("before-fuzz");
    await ws.waitFor(() => ws.messages(conversationId).length === 1);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(framesFor(conversationId), async (frame) => {
        n += 1;
        ws.raw(frame);
        // Frames are handled in order: once the pong is back, the junk frame has been dealt with.
        ws.raw({ type: "ping", id: `probe-${n}` });
        await ws.waitFor(() => ws.closeCode !== undefined || ws.frames.some((f) => f.id === `probe-${n}`));
        expect(ws.closeCode, "the connection stays open").toBeUndefined();
      }),
      { numRuns: 300, seed: FUZZ_SEED },
    );
    // The token bucket is per connection; let it refill so a send is not refused as rate limited.
    clock.advance(60_000);
    const ack = await ws.send(conversationId, "after-fuzz", fakeEnvelope(40, 3));
    expect(ack).toMatchObject({ type: "ack", conversationId });
    await benSays("live-after-fuzz");
    await ws.waitFor(() => ws.messages(conversationId).some((m) => m.seq === (ack.seq as number) + 1));
    // Every frame the server sent is a valid server message; no answer was an internal error.
    for (const f of ws.frames) {
      expect(ServerMessage.safeParse(f).success, JSON.stringify(f).slice(0, 200)).toBe(true);
      if (f.type === "error") {
        expect(Object.keys(ERROR_STATUS)).toContain(f.code);
        expect(f.code).not.toBe("internal");
      }
    }
    const health = await server.app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(200);
  });

  it("answers a frame whose validator throws with invalid_body and keeps the connection", async () => {
    const ws = await connect(ben);
    // Stands in for a refinement that throws on hostile input (new URL, BigInt, …).
    vi.spyOn(ClientMessage, "safeParse").mockImplementationOnce(() => {
      throw new TypeError("Invalid URL");
    });
    ws.raw({ type: "ping", id: "first" });
    ws.raw({ type: "ping", id: "second" });
    await ws.waitFor(() => ws.closeCode !== undefined || ws.frames.some((f) => f.id === "second"));
    expect(ws.closeCode).toBeUndefined();
    expect(ws.frames.filter((f) => f.type !== "hello")).toEqual([
      expect.objectContaining({ type: "error", code: "invalid_body" }),
      { type: "pong", id: "second" },
    ]);
  });

  it("closes on frames the transport refuses with a defined code; a new connection works", async () => {
    const bad = await connect(ben);
    bad.ws.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false });
    expect(await bad.closed).toBe(1007);
    const big = await connect(ben);
    big.raw("x".repeat(256 * 1024 + 1));
    expect(await big.closed).toBe(1009);
    const binary = await connect(ben);
    binary.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    binary.raw({ type: "ping", id: "after-binary" });
    await binary.waitFor(() => binary.frames.some((f) => f.id === "after-binary"));
    expect(binary.frames.find((f) => f.type === "error")).toMatchObject({ code: "bad_request" });
    const fresh = await connect(ben);
    fresh.raw({ type: "ping", id: "fresh" });
    await fresh.waitFor(() => fresh.frames.some((f) => f.id === "fresh"));
    expect(fresh.closeCode).toBeUndefined();
  });
});
