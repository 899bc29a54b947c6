// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MessageView } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { FakeSocket, ManualTimers } from "./fake-socket.test-util";
import { RealtimeClient, SendFailure, type CaseFrame, type RealtimeStatus } from "./realtime";

const CONV = "conv_1234567";

function message(seq: number): MessageView & { type: "message" } {
  return {
    type: "message",
    conversationId: CONV,
    seq,
    id: `msg_${String(seq).padStart(8, "0")}`,
    senderId: "acct_1234567",
    envelope: "AAAA",
    kind: "message",
    replacesId: null,
    createdAt: seq,
  };
}

function setup(extra: { now?: () => number; onSent?: (sentAt: number) => void } = {}) {
  const sockets: FakeSocket[] = [];
  const timers = new ManualTimers();
  const client = new RealtimeClient({
    ...extra,
    url: "ws://test/ws",
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    backoffMs: { initial: 100, max: 1000 },
    setTimer: timers.set,
    clearTimer: timers.clear,
    random: () => 0.5,
  });
  return { sockets, timers, client };
}

describe("realtime client", () => {
  it("subscribes with its cursor, drops what it already delivered and resubscribes from the cursor after a drop", () => {
    const { sockets, timers, client } = setup();
    const got: number[] = [];
    const statuses: RealtimeStatus[] = [];
    client.onStatus((s) => statuses.push(s));
    client.subscribe(CONV, 2, (m) => got.push(m.seq));
    sockets[0]!.open();
    expect(sockets[0]!.ofType("subscribe")).toEqual([
      { type: "subscribe", cursors: [{ conversationId: CONV, afterSeq: 2 }] },
    ]);
    for (const seq of [2, 3, 4, 4, 3]) sockets[0]!.push(message(seq));
    expect(got).toEqual([3, 4]);

    sockets[0]!.drop();
    expect(client.status).toBe("offline");
    expect(timers.runAll()).toEqual([100]);
    sockets[1]!.open();
    expect(sockets[1]!.ofType("subscribe")).toEqual([
      { type: "subscribe", cursors: [{ conversationId: CONV, afterSeq: 4 }] },
    ]);
    sockets[1]!.push(message(4));
    sockets[1]!.push(message(5));
    expect(got).toEqual([3, 4, 5]);
    expect(statuses).toEqual(["connecting", "open", "offline", "connecting", "open"]);
  });

  it("backs off exponentially up to the maximum and resets after a successful connect", () => {
    const { sockets, timers, client } = setup();
    client.subscribe(CONV, 0, () => {});
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      sockets.at(-1)!.drop();
      delays.push(...timers.runAll());
    }
    expect(delays).toEqual([100, 200, 400, 800, 1000]);
    sockets.at(-1)!.open();
    sockets.at(-1)!.drop();
    expect(timers.runAll()).toEqual([100]);
  });

  it("resolves a send on its ack and rejects on an error naming it", async () => {
    const { sockets, client } = setup();
    client.subscribe(CONV, 0, () => {});
    sockets[0]!.open();
    const ok = client.send({ clientMsgId: "cmid_0000001", conversationId: CONV, envelope: "AAAA" });
    const refused = client.send({ clientMsgId: "cmid_0000002", conversationId: CONV, envelope: "AAAA" });
    sockets[0]!.push({ type: "error", code: "forbidden", message: "no", ref: "cmid_0000002" });
    sockets[0]!.push({
      type: "ack",
      clientMsgId: "cmid_0000001",
      conversationId: CONV,
      seq: 7,
      id: "m_00000007",
      createdAt: 1,
    });
    await expect(ok).resolves.toEqual({ seq: 7, id: "m_00000007", createdAt: 1 });
    await expect(refused).rejects.toMatchObject({ code: "forbidden", retryable: false });
  });

  it("reports an acknowledged send with the time it was sent (activity for the idle warning), never a refused one", async () => {
    let now = 1_000;
    const sent: number[] = [];
    const { sockets, client } = setup({ now: () => now, onSent: (at) => sent.push(at) });
    client.subscribe(CONV, 0, () => {});
    sockets[0]!.open();
    const ok = client.send({ clientMsgId: "cmid_0000001", conversationId: CONV, envelope: "AAAA" });
    const refused = client.send({ clientMsgId: "cmid_0000002", conversationId: CONV, envelope: "AAAA" });
    now = 5_000;
    sockets[0]!.push({ type: "error", code: "forbidden", message: "no", ref: "cmid_0000002" });
    sockets[0]!.push({
      type: "ack",
      clientMsgId: "cmid_0000001",
      conversationId: CONV,
      seq: 1,
      id: "m_00000001",
      createdAt: 1,
    });
    await ok;
    await expect(refused).rejects.toBeInstanceOf(SendFailure);
    expect(sent).toEqual([1_000]);
  });

  it("fails pending sends as retryable when the connection drops, and refuses to send while offline", async () => {
    const { sockets, client } = setup();
    client.subscribe(CONV, 0, () => {});
    sockets[0]!.open();
    const pending = client.send({ clientMsgId: "cmid_0000001", conversationId: CONV, envelope: "AAAA" });
    sockets[0]!.drop();
    await expect(pending).rejects.toMatchObject({ code: "network_error", retryable: true });
    await expect(
      client.send({ clientMsgId: "cmid_0000003", conversationId: CONV, envelope: "AAAA" }),
    ).rejects.toBeInstanceOf(SendFailure);
  });

  it("times out a send without ack", async () => {
    const { sockets, timers, client } = setup();
    client.subscribe(CONV, 0, () => {});
    sockets[0]!.open();
    const pending = client.send({ clientMsgId: "cmid_0000001", conversationId: CONV, envelope: "AAAA" });
    timers.runAll();
    await expect(pending).rejects.toMatchObject({ code: "timeout", retryable: true });
  });

  it("passes case frames on and ignores malformed frames", () => {
    const { sockets, client } = setup();
    const frames: CaseFrame[] = [];
    client.onCase((f) => frames.push(f));
    sockets[0]!.open();
    sockets[0]!.onmessage?.({ data: "{not json" });
    sockets[0]!.push({ type: "case", caseId: "case_1234", state: "bogus", assigneeId: null, teamId: "team_1234" });
    sockets[0]!.push({
      type: "case",
      caseId: "case_1234",
      state: "active",
      assigneeId: "acct_1234",
      teamId: "team_1234",
    });
    expect(frames).toEqual([{ caseId: "case_1234", state: "active", assigneeId: "acct_1234", teamId: "team_1234" }]);
  });

  it("passes on a chat started with me (conversation_updated) and ignores a malformed one", () => {
    const { sockets, client } = setup();
    const frames: unknown[] = [];
    const stop = client.onConversationUpdated((f) => frames.push(f));
    sockets[0]!.open();
    sockets[0]!.push({ type: "conversation_updated", conversationId: "conv_1234", kind: "case" });
    sockets[0]!.push({ type: "conversation_updated", kind: "team" });
    sockets[0]!.push({ type: "conversation_updated", conversationId: "conv_1234", kind: "team", change: "added" });
    stop();
    sockets[0]!.push({ type: "conversation_updated", conversationId: "conv_5678", kind: "direct" });
    expect(frames).toEqual([{ conversationId: "conv_1234", kind: "team" }]);
  });

  it("keeps peers' presence from the server, forgets it when the connection drops and re-sends its own away", () => {
    const { sockets, timers, client } = setup();
    let changes = 0;
    client.onPresence(() => changes++);
    client.subscribe(CONV, 0, () => {});
    sockets[0]!.open();
    sockets[0]!.push({ type: "presence", accountId: "acct_peer001", state: "online" });
    sockets[0]!.push({ type: "presence", accountId: "acct_peer002", state: "offline" });
    sockets[0]!.push({ type: "presence", accountId: "acct_peer001", state: "online" });
    sockets[0]!.push({ type: "presence", accountId: "acct_peer003", state: "busy" });
    sockets[0]!.push({ type: "presence", accountId: 7, state: "online" });
    const seen = client.peers;
    expect([...seen]).toEqual([
      ["acct_peer001", "online"],
      ["acct_peer002", "offline"],
    ]);
    expect(changes).toBe(2);
    client.setPresence("away");
    client.setPresence("away");
    expect(sockets[0]!.ofType("presence")).toEqual([{ type: "presence", state: "away" }]);
    sockets[0]!.push({ type: "presence", accountId: "acct_peer001", state: "away" });
    // A new map per change (React compares by identity); the old one is unchanged.
    expect(client.peers).not.toBe(seen);
    expect(seen.get("acct_peer001")).toBe("online");
    expect(client.peers.get("acct_peer001")).toBe("away");

    // Offline: nothing is known any more. After the reconnect the server's snapshot refills it, and the
    // server, which assumes a new connection is in use, is told "away" again.
    sockets[0]!.drop();
    expect(client.peers.size).toBe(0);
    timers.runAll();
    sockets[1]!.open();
    expect(sockets[1]!.ofType("presence")).toEqual([{ type: "presence", state: "away" }]);
    client.setPresence("online");
    expect(sockets[1]!.ofType("presence")).toEqual([
      { type: "presence", state: "away" },
      { type: "presence", state: "online" },
    ]);
  });

  it("stops for good when the server refuses this page's origin (4403 before hello), without retrying", () => {
    const { sockets, timers, client } = setup();
    client.subscribe(CONV, 0, () => {});
    sockets[0]!.drop(4403);
    expect(client.status).toBe("ended");
    expect(timers.runAll()).toEqual([]);
    expect(sockets).toHaveLength(1);
  });

  it("stops for good when the session ended", () => {
    const { sockets, timers, client } = setup();
    client.subscribe(CONV, 0, () => {});
    sockets[0]!.open();
    sockets[0]!.drop(4403);
    expect(client.status).toBe("ended");
    expect(timers.runAll()).toEqual([]);
    expect(sockets).toHaveLength(1);
  });
});
