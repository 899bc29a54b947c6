// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  CryptoError,
  createAccountKeys,
  createOrgLogEntry,
  decodeEpochRecord,
  type EpochRecord,
  fromBase64Url,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  type OrgLogEntry,
  type OrgLogPayload,
  openMessage,
  sealMessage,
  toBase64Url,
  unwrapEpochKey,
  verifyOrgLog,
} from "@obhut/crypto";
import type { MessageView } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import type { ApiClient } from "../api/client";
import { encodeBody, textBody } from "../messaging/body";
import { ConversationStore } from "../messaging/conversation";
import { ConversationKeyring, EpochRegistry, participantKeySource } from "../messaging/epochs";
import { FakeSocket } from "../messaging/fake-socket.test-util";
import { RealtimeClient } from "../messaging/realtime";
import { ApiError } from "../api/client";
import type { OrgLogCache } from "../messaging/org-log";
import {
  type ChatEpochBody,
  addChatMembers,
  chatEpochBody,
  openChatTitle,
  sealChatTitle,
  staffChatTrust,
} from "./chat-keys";

/**
 * Chat keys with the real crypto (issue #16; docs/CRYPTO.md §7e): a team chat of Anna, Ben and Carla; Anna
 * removes Carla and Ben's browser makes epoch 2 for the two who stay. Everything Carla could keep — her account
 * keys and the key of epoch 1 — opens neither a wrap of epoch 2 nor a message written under it.
 */
const timestamp = Date.UTC(2026, 11, 7);

function organisation(members: { id: string; keys: AccountKeys }[]) {
  const root = generateSigningKeyPair();
  const payloads: OrgLogPayload[] = [
    {
      type: "genesis",
      orgId: "org-1",
      rootSigningKey: root.publicKey,
      archiveKey: generateEncryptionKeyPair().publicKey,
    },
    ...members.map((m): OrgLogPayload => ({
      type: "staff-key-certified",
      accountId: m.id,
      signingKey: m.keys.signing.publicKey,
      encryptionKey: m.keys.encryption.publicKey,
    })),
  ];
  let previous: OrgLogEntry | null = null;
  const entries = payloads.map(
    (payload) => (previous = createOrgLogEntry({ previous, payload, signer: root, timestamp })),
  );
  return verifyOrgLog(entries);
}

const wrapOf = (body: ChatEpochBody, accountId: string) =>
  fromBase64Url(body.wraps.find((w) => w.recipientId === accountId)!.wrap);

describe("chat keys", () => {
  const anna = { id: "anna", keys: createAccountKeys() };
  const ben = { id: "ben", keys: createAccountKeys() };
  const carla = { id: "carla", keys: createAccountKeys() };
  const dora = { id: "dora", keys: createAccountKeys() };
  const orgLog = organisation([anna, ben, carla, dora]);

  it("wraps each epoch to exactly the members; a removed member's keys open nothing written after", async () => {
    const first = await chatEpochBody({
      conversationId: "chat-1",
      previous: null,
      memberIds: [anna.id, ben.id, carla.id],
      orgLog,
      signer: anna.keys.signing,
      timestamp,
    });
    expect(first.epoch).toBe(1);
    expect(first.wraps.map((w) => w.recipientId)).toEqual([anna.id, ben.id, carla.id]);
    const record1 = decodeEpochRecord(fromBase64Url(first.record));
    // What Carla keeps: the key of epoch 1, opened with her own wrap.
    const carlasKey1 = await unwrapEpochKey({
      record: record1,
      role: "participant",
      wrapped: wrapOf(first, carla.id),
      recipientSecretKey: carla.keys.encryption.secretKey,
    });

    const second = await chatEpochBody({
      conversationId: "chat-1",
      previous: record1,
      memberIds: [anna.id, ben.id],
      orgLog,
      signer: ben.keys.signing,
      timestamp: timestamp + 1,
    });
    expect(second.epoch).toBe(2);
    expect(second.wraps.map((w) => w.recipientId)).toEqual([anna.id, ben.id]);
    const record2 = decodeEpochRecord(fromBase64Url(second.record));
    const bensKey2 = await unwrapEpochKey({
      record: record2,
      role: "participant",
      wrapped: wrapOf(second, ben.id),
      recipientSecretKey: ben.keys.encryption.secretKey,
    });
    const envelope = await sealMessage({
      header: {
        conversationId: "chat-1",
        epoch: 2,
        messageId: "m-after-removal",
        timestamp: timestamp + 2,
        senderKeyId: ben.keys.signing.publicKey,
      },
      plaintext: new TextEncoder().encode("Nur noch für Anna und Ben."),
      epochKey: bensKey2,
      sender: ben.keys.signing,
    });

    // Anna, who stays, reads it.
    const annasKey2 = await unwrapEpochKey({
      record: record2,
      role: "participant",
      wrapped: wrapOf(second, anna.id),
      recipientSecretKey: anna.keys.encryption.secretKey,
    });
    const opened = await openMessage(envelope, { epochKey: annasKey2, senderPublicKey: ben.keys.signing.publicKey });
    expect(new TextDecoder().decode(opened.plaintext)).toBe("Nur noch für Anna und Ben.");

    // Carla: no wrap of epoch 2 opens with her key, and her epoch-1 key does not open the message.
    for (const w of second.wraps)
      await expect(
        unwrapEpochKey({
          record: record2,
          role: "participant",
          wrapped: fromBase64Url(w.wrap),
          recipientSecretKey: carla.keys.encryption.secretKey,
        }),
      ).rejects.toBeInstanceOf(CryptoError);
    await expect(
      openMessage(envelope, { epochKey: carlasKey1, senderPublicKey: ben.keys.signing.publicKey }),
    ).rejects.toBeInstanceOf(CryptoError);
  });

  it("refuses a member without a certified key, and trusts only certified signers", async () => {
    await expect(
      chatEpochBody({
        conversationId: "chat-2",
        previous: null,
        memberIds: [anna.id, "someone-the-server-named"],
        orgLog,
        signer: anna.keys.signing,
        timestamp,
      }),
    ).rejects.toMatchObject({ code: "unknown_key" });
    const trust = staffChatTrust(orgLog);
    expect(trust.senderAccountId(ben.keys.signing.publicKey)).toBe(ben.id);
    expect(trust.senderAccountId(createAccountKeys().signing.publicKey)).toBeNull();
    expect(trust.isEpochSigner(createAccountKeys().signing.publicKey, {} as EpochRecord)).toBe(false);
  });

  it("seals a chat's title under an epoch and opens it only as its creator's", async () => {
    const body = await chatEpochBody({
      conversationId: "chat-3",
      previous: null,
      memberIds: [anna.id, ben.id],
      orgLog,
      signer: anna.keys.signing,
      timestamp,
    });
    const record = decodeEpochRecord(fromBase64Url(body.record));
    const annasKey = await unwrapEpochKey({
      record,
      role: "participant",
      wrapped: wrapOf(body, anna.id),
      recipientSecretKey: anna.keys.encryption.secretKey,
    });
    const envelope = await sealChatTitle({
      conversationId: "chat-3",
      epoch: 1,
      epochKey: annasKey,
      title: "  Sprechstunde  ",
      signer: anna.keys.signing,
      timestamp,
    });
    const trust = staffChatTrust(orgLog);
    const keyring = { keyFor: () => Promise.resolve({ record, key: annasKey }) };
    const open = (props: { envelope?: string; ownerId?: string; conversationId?: string }) =>
      openChatTitle({ envelope, conversationId: "chat-3", ownerId: anna.id, trust, keyring, ...props });
    expect(await open({})).toBe("Sprechstunde");
    // Not the creator's signature (the server names another owner), another chat, or altered bytes: no title.
    expect(await open({ ownerId: ben.id })).toBeNull();
    expect(await open({ conversationId: "chat-4" })).toBeNull();
    const altered = fromBase64Url(envelope);
    altered[altered.length - 1]! ^= 1;
    expect(await open({ envelope: toBase64Url(altered) })).toBeNull();
  });

  it("keeps a former colleague's messages readable, marked, from epochs made while her key was certified (ADR 0031)", async () => {
    // The log's signed times: Anna, Ben and Carla certified at 1000; Carla offboarded (key revoked) at 5000.
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
    for (const m of [anna, ben, carla])
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
    const after = verifyOrgLog(entries);

    // Carla started the chat at 2000 and wrote; after her offboarding Ben made epoch 2 (at 6000) and wrote.
    const bodies = [
      await chatEpochBody({
        conversationId: "chat-5",
        previous: null,
        memberIds: [anna.id, ben.id, carla.id],
        orgLog: before,
        signer: carla.keys.signing,
        timestamp: 2000,
      }),
    ];
    const record1 = decodeEpochRecord(fromBase64Url(bodies[0]!.record));
    bodies.push(
      await chatEpochBody({
        conversationId: "chat-5",
        previous: record1,
        memberIds: [anna.id, ben.id],
        orgLog: after,
        signer: ben.keys.signing,
        timestamp: 6000,
      }),
    );
    const records = bodies.map((b) => decodeEpochRecord(fromBase64Url(b.record)));
    const bensKeys = await Promise.all(
      bodies.map((b, i) =>
        unwrapEpochKey({
          record: records[i]!,
          role: "participant",
          wrapped: wrapOf(b, ben.id),
          recipientSecretKey: ben.keys.encryption.secretKey,
        }),
      ),
    );
    const messages: MessageView[] = [];
    const post = async (from: { id: string; keys: AccountKeys }, epoch: number, text: string) => {
      const seq = messages.length + 1;
      const envelope = await sealMessage({
        header: {
          conversationId: "chat-5",
          epoch,
          messageId: `m${seq}`,
          timestamp: 1000 * seq,
          senderKeyId: from.keys.signing.publicKey,
        },
        plaintext: encodeBody(textBody(text)),
        epochKey: bensKeys[epoch - 1]!,
        sender: from.keys.signing,
      });
      messages.push({
        conversationId: "chat-5",
        seq,
        id: `msg_${seq}`,
        senderId: from.id,
        envelope: toBase64Url(envelope),
        kind: "message",
        replacesId: null,
        createdAt: seq,
      });
    };
    await post(carla, 1, "Von Carla, als sie noch da war");
    await post(ben, 2, "Von Ben, danach");
    // Carla's old key sealing under the epoch made after her revocation (a kept or stolen key): refused.
    await post(carla, 2, "Von Carlas altem Schlüssel, danach");

    const request = (endpoint: { method: string; path: string }) => {
      switch (`${endpoint.method} ${endpoint.path}`) {
        case "GET /api/conversations/:id/epochs":
          return Promise.resolve({
            epochs: bodies.map((b) => ({ epoch: b.epoch, record: b.record, createdBy: "x", createdAt: 1 })),
            wraps: bodies.map((b) => ({ epoch: b.epoch, wrap: toBase64Url(wrapOf(b, ben.id)) })),
          });
        case "GET /api/conversations/:id/messages":
          return Promise.resolve({ messages, hasMore: false });
        default:
          return Promise.reject(new Error(`unexpected ${endpoint.path}`));
      }
    };
    const api = { request } as unknown as ApiClient;
    const trust = staffChatTrust(after);
    const store = new ConversationStore({
      api,
      conversationId: "chat-5",
      keyring: new ConversationKeyring({
        api,
        conversationId: "chat-5",
        registry: new EpochRegistry(),
        keySource: participantKeySource(ben.keys.encryption.secretKey),
        trust,
      }),
      trust,
      self: { accountId: ben.id, signing: ben.keys.signing },
      realtime: new RealtimeClient({ url: "ws://test/ws", createSocket: () => new FakeSocket() }),
    });
    await store.start();
    const shown = store.getSnapshot().messages;
    expect(shown.map((m) => [m.body?.text ?? `<${m.problem}>`, m.formerKey ?? false])).toEqual([
      ["Von Carla, als sie noch da war", true],
      ["Von Ben, danach", false],
      ["<unreadable>", false],
    ]);
    store.stop();

    // An epoch record Carla's old key signs with a time after her revocation is not hers (nor anyone's).
    const late = await chatEpochBody({
      conversationId: "chat-5",
      previous: records[1]!,
      memberIds: [anna.id, ben.id],
      orgLog: after,
      signer: carla.keys.signing,
      timestamp: 7000,
    });
    const lateRecord = decodeEpochRecord(fromBase64Url(late.record));
    expect(trust.formerStaffAccount!(carla.keys.signing.publicKey, lateRecord)).toBeNull();
    expect(trust.formerStaffAccount!(carla.keys.signing.publicKey, records[0]!)).toBe(carla.id);
    expect(trust.isEpochSigner(carla.keys.signing.publicKey, records[0]!)).toBe(false);
    // Without the revocation in the log she is simply a current colleague, unmarked.
    expect(staffChatTrust(before).senderAccountId(carla.keys.signing.publicKey)).toBe(carla.id);
  });
  it("adds a member with the current epoch only (ADR 0040): her wrap opens epoch 2, nothing opens epoch 1 for her", async () => {
    // Anna, Ben and Carla at epoch 1; Carla left, Ben made epoch 2; Anna now adds Dora.
    const first = await chatEpochBody({
      conversationId: "chat-6",
      previous: null,
      memberIds: [anna.id, ben.id, carla.id],
      orgLog,
      signer: anna.keys.signing,
      timestamp,
    });
    const record1 = decodeEpochRecord(fromBase64Url(first.record));
    const second = await chatEpochBody({
      conversationId: "chat-6",
      previous: record1,
      memberIds: [anna.id, ben.id],
      orgLog,
      signer: ben.keys.signing,
      timestamp: timestamp + 1,
    });
    const record2 = decodeEpochRecord(fromBase64Url(second.record));
    const bodies = [first, second];
    const sent: { epoch: number; members: { accountId: string; wrap: string }[] }[] = [];
    let refuseOnce = true;
    const request = (endpoint: { method: string; path: string }, input?: { body?: unknown }) => {
      switch (`${endpoint.method} ${endpoint.path}`) {
        case "GET /api/conversations/:id/epochs":
          // The first answer ends at epoch 1 (another browser's epoch 2 arrives meanwhile): the server says
          // epoch_outdated, and the browser wraps epoch 2 instead.
          return Promise.resolve({
            epochs: bodies
              .slice(0, refuseOnce ? 1 : 2)
              .map((b) => ({ epoch: b.epoch, record: b.record, createdBy: "x", createdAt: 1 })),
            wraps: bodies.map((b) => ({ epoch: b.epoch, wrap: toBase64Url(wrapOf(b, anna.id)) })),
          });
        case "POST /api/conversations/:id/members": {
          const body = input!.body as (typeof sent)[number];
          sent.push(body);
          if (refuseOnce) {
            refuseOnce = false;
            return Promise.reject(new ApiError("epoch_outdated", "newer epoch", 409));
          }
          return Promise.resolve(null);
        }
        default:
          return Promise.reject(new Error(`unexpected ${endpoint.path}`));
      }
    };
    await addChatMembers({
      api: { request } as unknown as ApiClient,
      orgLogs: { load: () => Promise.resolve(orgLog) } as unknown as OrgLogCache,
      organisationId: "org-1",
      conversationId: "chat-6",
      registry: new EpochRegistry(),
      encryptionSecretKey: anna.keys.encryption.secretKey,
      accountIds: [dora.id],
    });
    expect(sent.map((b) => [b.epoch, b.members.map((m) => m.accountId)])).toEqual([
      [1, [dora.id]],
      [2, [dora.id]],
    ]);
    const dorasWrap = fromBase64Url(sent[1]!.members[0]!.wrap);
    const dorasKey = await unwrapEpochKey({
      record: record2,
      role: "participant",
      wrapped: dorasWrap,
      recipientSecretKey: dora.keys.encryption.secretKey,
    });
    const annasKey = await unwrapEpochKey({
      record: record2,
      role: "participant",
      wrapped: wrapOf(second, anna.id),
      recipientSecretKey: anna.keys.encryption.secretKey,
    });
    expect(dorasKey).toEqual(annasKey);
    // Epoch 1 was never wrapped to her: none of its wraps opens with her key.
    for (const w of first.wraps)
      await expect(
        unwrapEpochKey({
          record: record1,
          role: "participant",
          wrapped: fromBase64Url(w.wrap),
          recipientSecretKey: dora.keys.encryption.secretKey,
        }),
      ).rejects.toBeInstanceOf(CryptoError);
    // A colleague the verified log does not certify is refused before anything is sent.
    await expect(
      addChatMembers({
        api: { request } as unknown as ApiClient,
        orgLogs: { load: () => Promise.resolve(orgLog) } as unknown as OrgLogCache,
        organisationId: "org-1",
        conversationId: "chat-6",
        registry: new EpochRegistry(),
        encryptionSecretKey: anna.keys.encryption.secretKey,
        accountIds: ["someone-the-server-named"],
      }),
    ).rejects.toMatchObject({ code: "unknown_key" });
    expect(sent).toHaveLength(2);
  });
});
