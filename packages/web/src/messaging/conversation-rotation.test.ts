// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type EpochRecord,
  createEpoch,
  decodeEpochRecord,
  encodeEpochRecord,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  readMessageHeader,
  fromBase64Url,
  toBase64Url,
} from "@obhut/crypto";
import type { MessageView } from "@obhut/protocol";
import { beforeEach, describe, expect, it } from "vitest";
import { ApiError, type ApiClient } from "../api/client";
import { ConversationStore } from "./conversation";
import { ConversationKeyring, EpochRegistry, participantKeySource, type ConversationTrust } from "./epochs";
import type { EpochRotator } from "./epoch-rotation";
import { FakeSocket, ManualTimers } from "./fake-socket.test-util";
import { RealtimeClient } from "./realtime";

/**
 * The conversation store and an owed epoch rotation (ADR 0029), against a fake server that refuses sends
 * the way the real one does: `epoch_rotation_owed` while a rotation is owed, `epoch_outdated` for an envelope
 * sealed under an older epoch. Real crypto: each epoch is a real record and key, each envelope really sealed.
 */
const CONV = "conv_case_0002";
const CLIENT_ID = "acct_client_02";

type Keys = {
  signing: ReturnType<typeof generateSigningKeyPair>;
  encryption: ReturnType<typeof generateEncryptionKeyPair>;
};

class RotatingServer {
  messages: MessageView[] = [];
  epochs: { epoch: number; record: string; createdBy: string; createdAt: number }[] = [];
  wraps: { epoch: number; wrap: string }[] = [];
  owed = false;
  refusals: string[] = [];

  constructor(private readonly team = generateEncryptionKeyPair().publicKey) {}

  get current(): number {
    return this.epochs.length;
  }

  /** Someone (this test, or another browser) publishes the next epoch for the client. */
  async publish(previous: EpochRecord | null, client: Keys): Promise<EpochRecord> {
    const { record, wraps } = await createEpoch({
      conversationId: CONV,
      previous,
      participants: [{ signingKey: client.signing.publicKey, encryptionKey: client.encryption.publicKey }],
      team: { teamId: "team_1", generation: 1, publicKey: this.team },
      archiveKey: this.team,
      signer: client.signing,
      timestamp: 1,
    });
    if (record.epoch !== this.current + 1) throw new ApiError("conflict", "next epoch differs", 409);
    this.epochs.push({
      epoch: record.epoch,
      record: toBase64Url(encodeEpochRecord(record)),
      createdBy: CLIENT_ID,
      createdAt: 1,
    });
    this.wraps.push({ epoch: record.epoch, wrap: toBase64Url(wraps.participants[0]!.wrapped) });
    this.owed = false;
    return record;
  }

  api(): ApiClient {
    return {
      request: async (endpoint: { method: string; path: string }, input: Record<string, unknown> = {}) => {
        switch (`${endpoint.method} ${endpoint.path}`) {
          case "GET /api/conversations/:id":
            return {
              conversation: { id: CONV, readSeq: 0, deliveredSeq: 0, rotationOwed: this.owed },
              members: [],
              receipts: { shared: false, deliveredSeq: 0, readSeq: 0 },
            };
          case "GET /api/conversations/:id/epochs":
            return { epochs: this.epochs, wraps: this.wraps };
          case "GET /api/conversations/:id/messages":
            return { messages: this.messages, hasMore: false };
          case "POST /api/conversations/:id/messages": {
            const body = input.body as { clientMsgId: string; envelope: string };
            const sealedEpoch = readMessageHeader(fromBase64Url(body.envelope)).epoch;
            const refusal = this.owed ? "epoch_rotation_owed" : sealedEpoch !== this.current ? "epoch_outdated" : null;
            if (refusal) {
              this.refusals.push(refusal);
              throw new ApiError(refusal, "refused", 409);
            }
            const message: MessageView = {
              conversationId: CONV,
              seq: this.messages.length + 1,
              id: `msg_${String(this.messages.length + 1).padStart(8, "0")}`,
              senderId: CLIENT_ID,
              envelope: body.envelope,
              kind: "message",
              replacesId: null,
              createdAt: 1000,
            };
            this.messages.push(message);
            return { seq: message.seq, id: message.id, createdAt: message.createdAt, duplicate: false };
          }
          default:
            throw new Error(`unexpected ${endpoint.path}`);
        }
      },
    } as unknown as ApiClient;
  }
}

let server: RotatingServer;
let client: Keys;
let trust: ConversationTrust;

beforeEach(async () => {
  server = new RotatingServer();
  client = { signing: generateSigningKeyPair(), encryption: generateEncryptionKeyPair() };
  await server.publish(null, client);
  const mine = (key: Uint8Array) => toBase64Url(key) === toBase64Url(client.signing.publicKey);
  trust = { isEpochSigner: mine, senderAccountId: (key) => (mine(key) ? CLIENT_ID : null) };
});

function createStore(rotator?: EpochRotator) {
  const timers = new ManualTimers();
  const realtime = new RealtimeClient({
    url: "ws://test/ws",
    createSocket: () => new FakeSocket(),
    setTimer: timers.set,
    clearTimer: timers.clear,
  });
  const api = server.api();
  let n = 0;
  const store = new ConversationStore({
    api,
    conversationId: CONV,
    keyring: new ConversationKeyring({
      api,
      conversationId: CONV,
      registry: new EpochRegistry(),
      keySource: participantKeySource(client.encryption.secretKey),
      trust,
    }),
    trust,
    self: { accountId: CLIENT_ID, signing: client.signing },
    realtime,
    newClientMsgId: () => `cmid_${String(++n).padStart(8, "0")}`,
    ...(rotator ? { rotator } : {}),
    setTimer: timers.set,
    clearTimer: timers.clear,
  });
  return { store, timers };
}

/** A rotator like the browser's: publishes the next epoch after the record it is given, counting its calls. */
function countingRotator(): EpochRotator & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    async rotate(previous) {
      calls.push(previous.epoch);
      await server.publish(previous, client);
    },
  };
}

const firstRecord = () => decodeEpochRecord(fromBase64Url(server.epochs[0]!.record));
const sealedEpochs = () => server.messages.map((m) => readMessageHeader(fromBase64Url(m.envelope)).epoch);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await settle();
  expect(check()).toBe(true);
}

describe("conversation store and owed epoch rotations", () => {
  it("makes an owed epoch as soon as the conversation opens, then seals under it", async () => {
    server.owed = true;
    const rotator = countingRotator();
    const { store } = createStore(rotator);
    const states: string[] = [];
    store.subscribe(() => states.push(store.getSnapshot().rotation));
    await store.start();
    await until(() => store.getSnapshot().rotation === "rotated");
    expect(states).toContain("rotating");
    expect(rotator.calls).toEqual([1]);
    await store.send("Nach dem Wechsel");
    expect(sealedEpochs()).toEqual([2]);
    expect(server.refusals).toEqual([]);
  });

  it("a send refused as owed: rotates, seals again under the new epoch, same clientMsgId", async () => {
    const rotator = countingRotator();
    const { store } = createStore(rotator);
    await store.start();
    await store.send("vorher");
    server.owed = true;
    await store.send("nachher");
    expect(server.refusals).toEqual(["epoch_rotation_owed"]);
    expect(rotator.calls).toEqual([1]);
    expect(sealedEpochs()).toEqual([1, 2]);
    expect(server.messages.map((m) => m.id)).toHaveLength(2);
    expect(store.getSnapshot().outbox).toEqual([]);
    expect(store.getSnapshot().messages.map((m) => m.body?.text)).toEqual(["vorher", "nachher"]);
  });

  it("a send sealed under an epoch someone else replaced: loads the epochs and seals again, no rotation of its own", async () => {
    const rotator = countingRotator();
    const { store } = createStore(rotator);
    await store.start();
    await store.send("eins");
    // Another browser rotated meanwhile; this one still has epoch 1 as its newest.
    await server.publish(firstRecord(), client);
    await store.send("zwei");
    expect(server.refusals).toEqual(["epoch_outdated"]);
    expect(rotator.calls).toEqual([]);
    expect(sealedEpochs()).toEqual([1, 2]);
  });

  it("without a rotator the message waits (retryable, status 'waiting') and goes by itself once someone rotated", async () => {
    const { store, timers } = createStore();
    await store.start();
    server.owed = true;
    await expect(store.send("Warte kurz")).rejects.toBeInstanceOf(ApiError);
    const waiting = store.getSnapshot();
    expect(waiting.rotation).toBe("waiting");
    expect(waiting.outbox[0]).toMatchObject({ state: "failed", error: "epoch_rotation_owed", retryable: true });
    expect(server.messages).toEqual([]);
    // Still owed when the timer fires: it waits again.
    timers.runAll();
    await until(() => server.refusals.length === 2 && store.getSnapshot().outbox[0]?.state === "failed");
    expect(store.getSnapshot().outbox[0]).toMatchObject({ error: "epoch_rotation_owed", retryable: true });
    // A counsellor's browser publishes epoch 2; the next try seals under it.
    await server.publish(firstRecord(), client);
    timers.runAll();
    await until(() => server.messages.length === 1);
    expect(sealedEpochs()).toEqual([2]);
    await until(() => store.getSnapshot().outbox.length === 0);
    expect(store.getSnapshot().rotation).toBe("idle");
  });

  it("a rotation the server refuses until the team key is renewed leaves the message waiting", async () => {
    const pending: EpochRotator = {
      rotate: () => Promise.reject(new ApiError("key_rotation_pending", "renew the team key first", 409)),
    };
    const { store } = createStore(pending);
    await store.start();
    server.owed = true;
    await expect(store.send("Gleich")).rejects.toBeInstanceOf(ApiError);
    expect(store.getSnapshot()).toMatchObject({ rotation: "waiting", rotationError: "key_rotation_pending" });
    expect(store.getSnapshot().outbox[0]).toMatchObject({ error: "epoch_rotation_owed", retryable: true });
  });
});
