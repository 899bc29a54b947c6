// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type EpochRecord,
  createEpoch,
  encodeEpochRecord,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  sealMessage,
  toBase64Url,
} from "@obhut/crypto";
import type { MessageView } from "@obhut/protocol";
import { beforeEach, describe, expect, it } from "vitest";
import { ApiError, type ApiClient } from "../api/client";
import { encodeBody, textBody } from "./body";
import { ConversationStore, type ConversationDeps } from "./conversation";
import { ConversationKeyring, EpochRegistry, participantKeySource, type ConversationTrust } from "./epochs";
import { FakeSocket, ManualTimers } from "./fake-socket.test-util";
import { RealtimeClient } from "./realtime";

const CONV = "conv_case_0001";
const CLIENT_ID = "acct_client_01";
const STAFF_ID = "acct_staff_001";

/**
 * A fake server for one conversation: stores envelopes with gap-free seqs,
 * deduplicates by (sender, clientMsgId) like the real one, and can be told
 * to lose the next send before or after storing it.
 */
class FakeServer {
  messages: MessageView[] = [];
  byClientMsgId = new Map<string, MessageView>();
  epochs: { epoch: number; record: string; createdBy: string; createdAt: number }[] = [];
  wraps: { epoch: number; wrap: string }[] = [];
  breakNextSend: "before" | "after" | null = null;
  sendCalls: { clientMsgId: string; envelope: string }[] = [];
  socket: FakeSocket | null = null;
  /** The client's read marker and the others' markers as GET /api/conversations/:id answers them. */
  readSeq = 0;
  receipts = { shared: false, deliveredSeq: 0, readSeq: 0 };

  store(senderId: string, clientMsgId: string, envelope: string): { message: MessageView; duplicate: boolean } {
    const key = `${senderId}/${clientMsgId}`;
    const existing = this.byClientMsgId.get(key);
    if (existing) return { message: existing, duplicate: true };
    const message: MessageView = {
      conversationId: CONV,
      seq: this.messages.length + 1,
      id: `msg_${String(this.messages.length + 1).padStart(8, "0")}`,
      senderId,
      envelope,
      kind: "message",
      replacesId: null,
      createdAt: 1000 + this.messages.length,
    };
    this.messages.push(message);
    this.byClientMsgId.set(key, message);
    return { message, duplicate: false };
  }

  api(): ApiClient {
    return {
      request: async (endpoint: { method: string; path: string }, input: Record<string, unknown> = {}) => {
        const query = (input.query ?? {}) as { before?: number; after?: number; limit?: number };
        const body = input.body as { clientMsgId: string; envelope: string } | undefined;
        switch (`${endpoint.method} ${endpoint.path}`) {
          case "GET /api/conversations/:id":
            return {
              conversation: { id: CONV, readSeq: this.readSeq, deliveredSeq: this.readSeq },
              members: [],
              receipts: this.receipts,
            };
          case "GET /api/conversations/:id/epochs":
            return { epochs: this.epochs, wraps: this.wraps };
          case "GET /api/conversations/:id/messages": {
            const limit = query.limit ?? 50;
            if (query.after !== undefined) {
              const page = this.messages.filter((m) => m.seq > query.after!);
              return { messages: page.slice(0, limit), hasMore: page.length > limit };
            }
            const before = query.before ?? Infinity;
            const older = this.messages.filter((m) => m.seq < before);
            return { messages: older.slice(-limit), hasMore: older.length > limit };
          }
          case "POST /api/conversations/:id/messages": {
            this.sendCalls.push(body!);
            if (this.breakNextSend === "before") {
              this.breakNextSend = null;
              throw new ApiError("network_error", "offline", 0);
            }
            const { message, duplicate } = this.store(CLIENT_ID, body!.clientMsgId, body!.envelope);
            if (!duplicate) this.socket?.push({ type: "message", ...message });
            if (this.breakNextSend === "after") {
              this.breakNextSend = null;
              throw new ApiError("network_error", "offline", 0);
            }
            return { seq: message.seq, id: message.id, createdAt: message.createdAt, duplicate };
          }
          case "POST /api/conversations/:id/read":
            return undefined;
          default:
            throw new Error(`unexpected ${endpoint.path}`);
        }
      },
    } as unknown as ApiClient;
  }
}

let server: FakeServer;
let client: {
  signing: ReturnType<typeof generateSigningKeyPair>;
  encryption: ReturnType<typeof generateEncryptionKeyPair>;
};
let staff: ReturnType<typeof generateSigningKeyPair>;
let epochKey: Uint8Array;
let record: EpochRecord;
let trust: ConversationTrust;

beforeEach(async () => {
  server = new FakeServer();
  client = { signing: generateSigningKeyPair(), encryption: generateEncryptionKeyPair() };
  staff = generateSigningKeyPair();
  const team = generateEncryptionKeyPair();
  const epoch = await createEpoch({
    conversationId: CONV,
    previous: null,
    participants: [{ signingKey: client.signing.publicKey, encryptionKey: client.encryption.publicKey }],
    team: { teamId: "team_intake_1", generation: 1, publicKey: team.publicKey },
    archiveKey: generateEncryptionKeyPair().publicKey,
    signer: client.signing,
    timestamp: 1,
  });
  epochKey = epoch.epochKey;
  record = epoch.record;
  server.epochs = [{ epoch: 1, record: toBase64Url(encodeEpochRecord(record)), createdBy: CLIENT_ID, createdAt: 1 }];
  server.wraps = [{ epoch: 1, wrap: toBase64Url(epoch.wraps.participants[0]!.wrapped) }];
  const eq = (a: Uint8Array, b: Uint8Array) => toBase64Url(a) === toBase64Url(b);
  trust = {
    isEpochSigner: (key) => eq(key, client.signing.publicKey) || eq(key, staff.publicKey),
    senderAccountId: (key) =>
      eq(key, client.signing.publicKey) ? CLIENT_ID : eq(key, staff.publicKey) ? STAFF_ID : null,
  };
});

async function staffEnvelope(text: string, messageId: string, signer = staff): Promise<string> {
  const sealed = await sealMessage({
    header: { conversationId: CONV, epoch: 1, messageId, timestamp: 5, senderKeyId: signer.publicKey },
    plaintext: encodeBody(textBody(text)),
    epochKey,
    sender: signer,
  });
  return toBase64Url(sealed);
}

function createStore(registry = new EpochRegistry(), extra: Partial<ConversationDeps> = {}) {
  const sockets: FakeSocket[] = [];
  const timers = new ManualTimers();
  const realtime = new RealtimeClient({
    url: "ws://test/ws",
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      server.socket = s;
      return s;
    },
    setTimer: timers.set,
    clearTimer: timers.clear,
    random: () => 0.5,
  });
  let n = 0;
  const api = server.api();
  const store = new ConversationStore({
    api,
    conversationId: CONV,
    keyring: new ConversationKeyring({
      api,
      conversationId: CONV,
      registry,
      keySource: participantKeySource(client.encryption.secretKey),
      trust,
    }),
    trust,
    self: { accountId: CLIENT_ID, signing: client.signing },
    realtime,
    clock: () => 42,
    newClientMsgId: () => `cmid_${String(++n).padStart(8, "0")}`,
    ...extra,
  });
  return { store, sockets, timers, realtime, registry };
}

const texts = (store: ConversationStore) => store.getSnapshot().messages.map((m) => m.body?.text ?? `<${m.problem}>`);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await settle();
  expect(check()).toBe(true);
}

describe("conversation store", () => {
  it("merges history and live catch-up by seq: no gaps, no duplicates across a reconnect", async () => {
    server.store(STAFF_ID, "s1", await staffEnvelope("eins", "s1"));
    server.store(STAFF_ID, "s2", await staffEnvelope("zwei", "s2"));
    const { store, sockets, timers } = createStore();
    await store.start();
    expect(texts(store)).toEqual(["eins", "zwei"]);
    sockets[0]!.open();
    expect(sockets[0]!.ofType("subscribe")[0]).toEqual({
      type: "subscribe",
      cursors: [{ conversationId: CONV, afterSeq: 2 }],
    });

    const m3 = server.store(STAFF_ID, "s3", await staffEnvelope("drei", "s3")).message;
    sockets[0]!.push({ type: "message", ...m3 });
    sockets[0]!.push({ type: "message", ...m3 });
    await until(() => texts(store).length === 3);

    sockets[0]!.drop();
    const m4 = server.store(STAFF_ID, "s4", await staffEnvelope("vier", "s4")).message;
    timers.runAll();
    sockets[1]!.open();
    expect(sockets[1]!.ofType("subscribe")[0]).toEqual({
      type: "subscribe",
      cursors: [{ conversationId: CONV, afterSeq: 3 }],
    });
    // The server catches up from the cursor; a stale frame is ignored.
    sockets[1]!.push({ type: "message", ...m3 });
    sockets[1]!.push({ type: "message", ...m4 });
    await until(() => texts(store).length === 4);
    expect(texts(store)).toEqual(["eins", "zwei", "drei", "vier"]);
  });

  it("keeps a failed message with its text and resends the same envelope under the same clientMsgId", async () => {
    const { store } = createStore();
    await store.start();
    server.breakNextSend = "after"; // stored, but the answer is lost
    await expect(store.send("Hallo, ist da jemand?")).rejects.toBeInstanceOf(ApiError);
    const failed = store.getSnapshot().outbox[0]!;
    expect(failed).toMatchObject({ state: "failed", error: "network_error", retryable: true });
    expect(failed.body.text).toBe("Hallo, ist da jemand?");
    expect(texts(store)).toEqual([]);

    await store.retry(failed.clientMsgId);
    expect(store.getSnapshot().outbox).toEqual([]);
    expect(server.messages).toHaveLength(1);
    expect(server.sendCalls).toHaveLength(2);
    expect(server.sendCalls[1]).toEqual(server.sendCalls[0]);
    expect(texts(store)).toEqual(["Hallo, ist da jemand?"]);
    expect(store.getSnapshot().messages[0]!.own).toBe(true);
  });

  it("sends over the socket when open and falls back to HTTP when the socket drops before the ack", async () => {
    const { store, sockets } = createStore();
    await store.start();
    sockets[0]!.open();
    const sending = store.send("per WebSocket");
    await until(() => sockets[0]!.ofType("send").length === 1);
    const frame = sockets[0]!.ofType("send")[0]!;
    sockets[0]!.drop();
    await sending;
    expect(server.sendCalls).toEqual([{ clientMsgId: frame.clientMsgId, envelope: frame.envelope }]);
    expect(texts(store)).toEqual(["per WebSocket"]);
  });

  it("waits as long as a busy server says, then sends the same envelope again over the socket, not over HTTP", async () => {
    const pauses = new ManualTimers();
    const { store, sockets } = createStore(undefined, {
      setTimer: pauses.set,
      clearTimer: pauses.clear,
      random: () => 1,
    });
    await store.start();
    sockets[0]!.open();
    const sending = store.send("Wenn Sie Zeit haben");
    await until(() => sockets[0]!.ofType("send").length === 1);
    const first = sockets[0]!.ofType("send")[0]!;
    const busy = { type: "error", code: "unavailable", message: "busy", ref: first.clientMsgId, retryAfterMs: 400 };
    sockets[0]!.push(busy);
    await until(() => pauses.timers.size === 1);
    // The pause told, stretched by half at most (random = 1 here), while the message still shows as "sending".
    expect([...pauses.timers.values()].map((t) => t.ms)).toEqual([600]);
    expect(store.getSnapshot().outbox[0]).toMatchObject({ state: "sending", error: null });
    pauses.runAll();
    await until(() => sockets[0]!.ofType("send").length === 2);
    expect(sockets[0]!.ofType("send")[1]).toEqual(first);
    sockets[0]!.push({
      type: "ack",
      clientMsgId: first.clientMsgId,
      conversationId: CONV,
      seq: 1,
      id: "m1",
      createdAt: 7,
    });
    await sending;
    expect(server.sendCalls).toEqual([]);
    expect(store.getSnapshot().outbox).toEqual([]);

    // A server that stays busy: after six pauses the message fails as retryable, its text kept.
    const later = store.send("Noch einmal");
    for (let i = 0; i < 7; i++) {
      await until(() => sockets[0]!.ofType("send").length === 3 + i);
      const frame = sockets[0]!.ofType("send")[2 + i]!;
      sockets[0]!.push({ ...busy, ref: frame.clientMsgId });
      if (i < 6) {
        await until(() => pauses.timers.size === 1);
        pauses.runAll();
      }
    }
    await expect(later).rejects.toMatchObject({ code: "unavailable", retryable: true, retryAfterMs: 400 });
    expect(store.getSnapshot().outbox[0]).toMatchObject({ state: "failed", error: "unavailable", retryable: true });
    expect(store.getSnapshot().outbox[0]!.body.text).toBe("Noch einmal");
    expect(server.sendCalls).toEqual([]);
  });

  it("shows the own message once although the server echoes it", async () => {
    const { store, sockets } = createStore();
    await store.start();
    sockets[0]!.open();
    const sending = store.send("Echo");
    await until(() => sockets[0]!.ofType("send").length === 1);
    const frame = sockets[0]!.ofType("send")[0] as { clientMsgId: string; envelope: string };
    const { message } = server.store(CLIENT_ID, frame.clientMsgId, frame.envelope);
    sockets[0]!.push({ type: "message", ...message });
    sockets[0]!.push({
      type: "ack",
      clientMsgId: frame.clientMsgId,
      conversationId: CONV,
      seq: message.seq,
      id: message.id,
      createdAt: 1,
    });
    await sending;
    await settle();
    expect(texts(store)).toEqual(["Echo"]);
  });

  it("takes its own echo before the ack as sent: shown once, not also as sending, and not failed if the ack is lost", async () => {
    const { store, sockets } = createStore();
    await store.start();
    sockets[0]!.open();
    const sending = store.send("Echo zuerst");
    await until(() => sockets[0]!.ofType("send").length === 1);
    const frame = sockets[0]!.ofType("send")[0] as { clientMsgId: string; envelope: string };
    // The server fans out on commit, so the echo can overtake the ack.
    const { message } = server.store(CLIENT_ID, frame.clientMsgId, frame.envelope);
    sockets[0]!.push({ type: "message", ...message });
    await until(() => texts(store).length === 1);
    expect(texts(store)).toEqual(["Echo zuerst"]);
    expect(store.getSnapshot().outbox).toEqual([]);
    // The ack never comes: the connection drops and the HTTP fallback fails too. Stored is stored.
    server.breakNextSend = "before";
    sockets[0]!.drop();
    await sending;
    expect(store.getSnapshot().outbox).toEqual([]);
    expect(texts(store)).toEqual(["Echo zuerst"]);
  });

  it("refuses messages signed by a key the trust does not know, or naming another account, and replays", async () => {
    const stranger = generateSigningKeyPair();
    server.store(STAFF_ID, "x1", await staffEnvelope("fremd", "x1", stranger));
    // Staff key, but the server claims the client sent it.
    server.store(CLIENT_ID, "x2", await staffEnvelope("falscher Absender", "x2"));
    const original = await staffEnvelope("echt", "x3");
    server.store(STAFF_ID, "x3", original);
    server.store(STAFF_ID, "x3-replay", original);
    const { store } = createStore();
    await store.start();
    expect(texts(store)).toEqual(["<unreadable>", "<unreadable>", "echt"]);
  });

  it("opens with the read marker and the others' receipts, follows live receipts and acknowledges delivery", async () => {
    server.store(CLIENT_ID, "c1", "unused");
    server.store(STAFF_ID, "s2", await staffEnvelope("zwei", "s2"));
    server.store(STAFF_ID, "s3", await staffEnvelope("drei", "s3"));
    server.readSeq = 2;
    server.receipts = { shared: true, deliveredSeq: 1, readSeq: 0 };
    const { store, sockets } = createStore();
    await store.start();
    expect(store.getSnapshot()).toMatchObject({ unreadAfter: 2, receipts: server.receipts });
    sockets[0]!.open();
    // Another participant's receipts move the markers; one's own (another device) do not.
    sockets[0]!.push({ type: "receipt", conversationId: CONV, accountId: CLIENT_ID, kind: "read", seq: 3 });
    sockets[0]!.push({ type: "receipt", conversationId: CONV, accountId: STAFF_ID, kind: "read", seq: 1 });
    expect(store.getSnapshot().receipts).toEqual({ shared: true, deliveredSeq: 1, readSeq: 1 });
    const m4 = server.store(STAFF_ID, "s4", await staffEnvelope("vier", "s4")).message;
    sockets[0]!.push({ type: "message", ...m4 });
    await until(() => texts(store).length === 4);
    expect(sockets[0]!.ofType("ack_received")).toEqual([{ type: "ack_received", conversationId: CONV, seq: 4 }]);
    // Marking read starts from the server's marker and sends only what is new.
    store.markRead();
    expect(sockets[0]!.ofType("read")).toEqual([{ type: "read", conversationId: CONV, seq: 4 }]);
  });

  it("refuses an epoch rollback within the session", async () => {
    const registry = new EpochRegistry();
    await createStore(registry).store.start();
    server.epochs = [];
    const { store } = createStore(registry);
    await store.start();
    expect(store.getSnapshot()).toMatchObject({ status: "error", loadError: "crypto" });
  });
});
