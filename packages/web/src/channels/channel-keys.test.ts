// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  createAccountKeys,
  createOrgLogEntry,
  decodeEpochRecord,
  fromBase64Url,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  type OrgLogEntry,
  type OrgLogPayload,
  sealMessage,
  toBase64Url,
  unwrapEpochKey,
  verifyOrgLog,
} from "@obhut/crypto";
import type { MessageView, PendingSubscriber } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import type { ApiClient } from "../api/client";
import { type ChatEpochBody, chatEpochBody, staffChatTrust } from "../chats/chat-keys";
import { encodeBody, textBody } from "../messaging/body";
import { ConversationStore } from "../messaging/conversation";
import { ConversationKeyring, EpochRegistry, participantKeySource } from "../messaging/epochs";
import { FakeSocket } from "../messaging/fake-socket.test-util";
import type { OrgLogCache } from "../messaging/org-log";
import { RealtimeClient } from "../messaging/realtime";
import { wrapForWaitingSubscribers } from "./channel-keys";

/**
 * Channel keys with the real crypto (ADR 0037; docs/CRYPTO.md §7g): the owners Anna and Carla make the channel's
 * epochs; when Anna opens it, her browser wraps each epoch key a waiting subscriber lacks — to a colleague's key
 * from the verified log (never the server's), to a client's key as the server names it — and a colleague without a
 * certified key gets nothing. Carla is offboarded later: the client, let in afterwards, still reads her post,
 * marked, as in a staff chat (ADR 0031).
 */
type Member = { id: string; keys: AccountKeys };
const anna: Member = { id: "anna", keys: createAccountKeys() };
const carla: Member = { id: "carla", keys: createAccountKeys() };
const ben: Member = { id: "ben", keys: createAccountKeys() };
const dora: Member = { id: "dora", keys: createAccountKeys() };
const cleo: Member = { id: "cleo", keys: createAccountKeys() };

/** The log's signed times: Anna, Carla and Ben certified at 1000 (Dora never); Carla's key revoked at 5000. */
function orgLogs() {
  const root = generateSigningKeyPair();
  const entries: OrgLogEntry[] = [];
  const append = (payload: OrgLogPayload, at: number) =>
    entries.push(createOrgLogEntry({ previous: entries.at(-1) ?? null, payload, signer: root, timestamp: at }));
  append(
    {
      type: "genesis",
      orgId: "org-1",
      rootSigningKey: root.publicKey,
      archiveKey: generateEncryptionKeyPair().publicKey,
    },
    1000,
  );
  for (const m of [anna, carla, ben])
    append(
      {
        type: "staff-key-certified",
        accountId: m.id,
        signingKey: m.keys.signing.publicKey,
        encryptionKey: m.keys.encryption.publicKey,
      },
      1000,
    );
  const before = verifyOrgLog(entries);
  append({ type: "staff-key-revoked", signingKey: carla.keys.signing.publicKey }, 5000);
  return { before, after: verifyOrgLog(entries) };
}

describe("channel keys", () => {
  it("catches up waiting subscribers, then a client reads a former owner's post, marked (ADR 0031, 0037)", async () => {
    const { before, after } = orgLogs();
    const id = "channel-1";
    // Carla created the channel at 2000 for the owners; epoch 2 came from Anna after Carla left (6000).
    const bodies: ChatEpochBody[] = [
      await chatEpochBody({
        conversationId: id,
        previous: null,
        memberIds: [carla.id, anna.id],
        orgLog: before,
        signer: carla.keys.signing,
        timestamp: 2000,
      }),
    ];
    const records = [decodeEpochRecord(fromBase64Url(bodies[0]!.record))];
    bodies.push(
      await chatEpochBody({
        conversationId: id,
        previous: records[0]!,
        memberIds: [anna.id],
        orgLog: after,
        signer: anna.keys.signing,
        timestamp: 6000,
      }),
    );
    records.push(decodeEpochRecord(fromBase64Url(bodies[1]!.record)));
    const annaWrap = (i: number) => bodies[i]!.wraps.find((w) => w.recipientId === anna.id)!.wrap;
    const epochKeys = await Promise.all(
      records.map((record, i) =>
        unwrapEpochKey({
          record,
          role: "participant",
          wrapped: fromBase64Url(annaWrap(i)),
          recipientSecretKey: anna.keys.encryption.secretKey,
        }),
      ),
    );

    // The server's answer: Ben (named with a key that is not his certified one), Dora (no certified key), Cleo.
    const impostor = generateEncryptionKeyPair();
    const pending: PendingSubscriber[] = [
      { accountId: ben.id, kind: "staff", encryptionPublicKey: toBase64Url(impostor.publicKey), epochs: [1, 2] },
      {
        accountId: dora.id,
        kind: "staff",
        encryptionPublicKey: toBase64Url(dora.keys.encryption.publicKey),
        epochs: [1, 2],
      },
      {
        accountId: cleo.id,
        kind: "client",
        encryptionPublicKey: toBase64Url(cleo.keys.encryption.publicKey),
        epochs: [1, 2],
      },
    ];
    const filed: { recipientId: string; epoch: number; wrap: string }[] = [];
    const ownerApi = {
      request: (endpoint: { method: string; path: string }, options?: { body?: { wraps: typeof filed } }) => {
        switch (`${endpoint.method} ${endpoint.path}`) {
          case "GET /api/channels/:channelId/pending":
            return Promise.resolve({ subscribers: pending });
          case "GET /api/conversations/:id/epochs":
            return Promise.resolve({
              epochs: bodies.map((b) => ({ epoch: b.epoch, record: b.record, createdBy: "x", createdAt: 1 })),
              wraps: bodies.map((b, i) => ({ epoch: b.epoch, wrap: annaWrap(i) })),
            });
          case "POST /api/channels/:channelId/wraps":
            filed.push(...options!.body!.wraps);
            return Promise.resolve(null);
          default:
            return Promise.reject(new Error(`unexpected ${endpoint.path}`));
        }
      },
    } as unknown as ApiClient;
    const caughtUp = await wrapForWaitingSubscribers({
      api: ownerApi,
      orgLogs: { load: () => Promise.resolve(after) } as unknown as OrgLogCache,
      organisationId: "org-1",
      channelId: id,
      registry: new EpochRegistry(),
      encryptionSecretKey: anna.keys.encryption.secretKey,
    });
    expect(caughtUp).toBe(2);
    expect(filed.map((w) => `${w.recipientId}:${w.epoch}`)).toEqual(["ben:1", "ben:2", "cleo:1", "cleo:2"]);
    // Ben's wraps open with his certified key, not with the key the server named.
    for (const w of filed.filter((f) => f.recipientId === ben.id)) {
      const record = records[w.epoch - 1]!;
      const wrapped = fromBase64Url(w.wrap);
      expect(
        await unwrapEpochKey({
          record,
          role: "participant",
          wrapped,
          recipientSecretKey: ben.keys.encryption.secretKey,
        }),
      ).toEqual(epochKeys[w.epoch - 1]);
      await expect(
        unwrapEpochKey({ record, role: "participant", wrapped, recipientSecretKey: impostor.secretKey }),
      ).rejects.toThrow();
    }

    // Posts: Carla's while she was an owner (epoch 1), Anna's after (epoch 2), Carla's old key after (refused).
    const messages: MessageView[] = [];
    const post = async (from: Member, epoch: number, text: string) => {
      const seq = messages.length + 1;
      const envelope = await sealMessage({
        header: {
          conversationId: id,
          epoch,
          messageId: `m${seq}`,
          timestamp: 1000 * seq,
          senderKeyId: from.keys.signing.publicKey,
        },
        plaintext: encodeBody(textBody(text)),
        epochKey: epochKeys[epoch - 1]!,
        sender: from.keys.signing,
      });
      messages.push({
        conversationId: id,
        seq,
        id: `msg_${seq}`,
        senderId: from.id,
        envelope: toBase64Url(envelope),
        kind: "message",
        replacesId: null,
        createdAt: seq,
      });
    };
    await post(carla, 1, "Am Freitag geschlossen");
    await post(anna, 2, "Ab Montag neue Sprechzeiten");
    await post(carla, 2, "Von Carlas altem Schlüssel");

    // Cleo, the client, reads with the wraps Anna's browser made for her, trusting only the verified log.
    const clientApi = {
      request: (endpoint: { method: string; path: string }) => {
        switch (`${endpoint.method} ${endpoint.path}`) {
          case "GET /api/conversations/:id/epochs":
            return Promise.resolve({
              epochs: bodies.map((b) => ({ epoch: b.epoch, record: b.record, createdBy: "x", createdAt: 1 })),
              wraps: filed.filter((w) => w.recipientId === cleo.id).map((w) => ({ epoch: w.epoch, wrap: w.wrap })),
            });
          case "GET /api/conversations/:id/messages":
            return Promise.resolve({ messages, hasMore: false });
          default:
            return Promise.reject(new Error(`unexpected ${endpoint.path}`));
        }
      },
    } as unknown as ApiClient;
    const trust = staffChatTrust(after);
    const store = new ConversationStore({
      api: clientApi,
      conversationId: id,
      keyring: new ConversationKeyring({
        api: clientApi,
        conversationId: id,
        registry: new EpochRegistry(),
        keySource: participantKeySource(cleo.keys.encryption.secretKey),
        trust,
      }),
      trust,
      self: { accountId: cleo.id, signing: cleo.keys.signing },
      realtime: new RealtimeClient({ url: "ws://test/ws", createSocket: () => new FakeSocket() }),
    });
    await store.start();
    expect(store.getSnapshot().messages.map((m) => [m.body?.text ?? `<${m.problem}>`, m.formerKey ?? false])).toEqual([
      ["Am Freitag geschlossen", true],
      ["Ab Montag neue Sprechzeiten", false],
      ["<unreadable>", false],
    ]);
    store.stop();
  });
});
