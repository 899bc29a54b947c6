// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  type EpochRecord,
  type OrgLogEntry,
  type OrgLogPayload,
  createAccountKeys,
  createEpoch,
  createOrgLogEntry,
  createTeamKeyGeneration,
  encodeEpochRecord,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  sealMessage,
  teamKeyLogPayload,
  toBase64Url,
  verifyOrgLog,
} from "@obhut/crypto";
import type { MessageView } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import type { ApiClient } from "../api/client";
import { BODY_VERSION, encodeBody } from "./body";
import { ConversationStore } from "./conversation";
import { ConversationKeyring, EpochRegistry, participantKeySource, type ConversationTrust } from "./epochs";
import { FakeSocket, ManualTimers } from "./fake-socket.test-util";
import { RealtimeClient } from "./realtime";
import { clientCaseTrust, followingTrust } from "./trust";

/**
 * A trust that follows the organisation's log (real crypto): the client's case page is open when an
 * administrator certifies counsellor B and adds them to the team; B makes the next epoch and replies. The client's
 * browser learns the log again — once — and reads B's reply without a reload; a key the log never certified stays
 * unreadable and costs one load, however often it writes.
 */
const CONV = "conv_case_follow";
const TEAM = "team-t";
type Person = { id: string; keys: AccountKeys };
const person = (id: string): Person => ({ id, keys: createAccountKeys() });
const member = (x: Person) => ({ signingKey: x.keys.signing.publicKey, encryptionKey: x.keys.encryption.publicKey });

function world() {
  const root = generateSigningKeyPair();
  const archive = generateEncryptionKeyPair();
  const [a, b, c, x, client] = ["acc-a", "acc-b", "acc-c", "acc-x", "acc-client"].map(person) as [
    Person,
    Person,
    Person,
    Person,
    Person,
  ];
  const g1 = createTeamKeyGeneration(TEAM, 1);
  const entries: OrgLogEntry[] = [];
  const certify = (p: Person): OrgLogPayload[] => [
    { type: "staff-key-certified", accountId: p.id, ...member(p) },
    { type: "team-member-added", teamId: TEAM, signingKey: p.keys.signing.publicKey },
  ];
  const append = (payloads: OrgLogPayload[]) => {
    for (const payload of payloads)
      entries.push(createOrgLogEntry({ previous: entries.at(-1) ?? null, payload, signer: root, timestamp: 1 }));
    return verifyOrgLog(entries);
  };
  const initial = append([
    { type: "genesis", orgId: "org-1", rootSigningKey: root.publicKey, archiveKey: archive.publicKey },
    { type: "team-created", teamId: TEAM },
    teamKeyLogPayload(g1),
    ...certify(a),
  ]);
  // What the browser's OrgLogCache.load answers: the log as it is now, verified; every call counted.
  const loads = { count: 0 };
  const load = () => {
    loads.count += 1;
    return Promise.resolve(verifyOrgLog(entries));
  };

  const epochs: { record: EpochRecord; key: Uint8Array; createdBy: string; wrap: Uint8Array | undefined }[] = [];
  const addEpoch = async (signer: Person, participants: Person[]) => {
    const { record, epochKey, wraps } = await createEpoch({
      conversationId: CONV,
      previous: epochs.at(-1)?.record ?? null,
      participants: participants.map(member),
      team: { teamId: TEAM, generation: 1, publicKey: g1.publicKey },
      archiveKey: archive.publicKey,
      signer: signer.keys.signing,
      timestamp: 1,
    });
    const own = wraps.participants.find(
      (w) => toBase64Url(w.memberKeyId) === toBase64Url(client.keys.signing.publicKey),
    );
    epochs.push({ record, key: epochKey, createdBy: signer.id, wrap: own?.wrapped });
  };
  const messages: MessageView[] = [];
  const post = async (from: Person, text: string, epoch = epochs.length): Promise<MessageView> => {
    const seq = messages.length + 1;
    const envelope = await sealMessage({
      header: {
        conversationId: CONV,
        epoch,
        messageId: `m${seq}`,
        timestamp: 1,
        senderKeyId: from.keys.signing.publicKey,
      },
      plaintext: encodeBody({ v: BODY_VERSION, text, attachments: [] }),
      epochKey: epochs[epoch - 1]!.key,
      sender: from.keys.signing,
    });
    const message: MessageView = {
      conversationId: CONV,
      seq,
      id: `msg_${String(seq).padStart(8, "0")}`,
      senderId: from.id,
      envelope: toBase64Url(envelope),
      kind: "message",
      replacesId: null,
      createdAt: 1000 + seq,
    };
    messages.push(message);
    return message;
  };
  return { a, b, c, x, client, initial, load, loads, append, certify, addEpoch, epochs, messages, post };
}
type World = ReturnType<typeof world>;

function fakeApi(w: World): ApiClient {
  const request = (endpoint: { method: string; path: string }) => {
    switch (`${endpoint.method} ${endpoint.path}`) {
      case "GET /api/conversations/:id/epochs":
        return Promise.resolve({
          epochs: w.epochs.map((e) => ({
            epoch: e.record.epoch,
            record: toBase64Url(encodeEpochRecord(e.record)),
            createdBy: e.createdBy,
            createdAt: 1,
          })),
          wraps: w.epochs.flatMap((e) => (e.wrap ? [{ epoch: e.record.epoch, wrap: toBase64Url(e.wrap) }] : [])),
        });
      case "GET /api/conversations/:id/messages":
        return Promise.resolve({ messages: [...w.messages], hasMore: false });
      default:
        return Promise.reject(new Error(`unexpected ${endpoint.path}`));
    }
  };
  return { request } as unknown as ApiClient;
}

/** The client's case page: its store, with the trust use-client-case.ts builds, and the socket it follows. */
async function clientPage(w: World, trust: ConversationTrust) {
  const sockets: FakeSocket[] = [];
  const timers = new ManualTimers();
  const realtime = new RealtimeClient({
    url: "ws://test/ws",
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    setTimer: timers.set,
    clearTimer: timers.clear,
  });
  const api = fakeApi(w);
  const store = new ConversationStore({
    api,
    conversationId: CONV,
    keyring: new ConversationKeyring({
      api,
      conversationId: CONV,
      registry: new EpochRegistry(),
      keySource: participantKeySource(w.client.keys.encryption.secretKey),
      trust,
    }),
    trust,
    self: { accountId: w.client.id, signing: w.client.keys.signing },
    realtime,
    setTimer: timers.set,
    clearTimer: timers.clear,
  });
  await store.start();
  sockets[0]!.open();
  return { store, push: (m: MessageView) => sockets[0]!.push({ type: "message", ...m }) };
}

const self = (w: World) => ({ accountId: w.client.id, signingKey: w.client.keys.signing.publicKey });
const following = (w: World) =>
  followingTrust({ orgLog: w.initial, load: w.load, build: (orgLog) => clientCaseTrust({ orgLog, self: self(w) }) });
const texts = (store: ConversationStore) => store.getSnapshot().messages.map((m) => m.body?.text ?? `<${m.problem}>`);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await settle();
  expect(check()).toBe(true);
}

/** The case so far: the client wrote, A answered, both under epoch 1 (client, A). */
async function openCase() {
  const w = world();
  await w.addEpoch(w.client, [w.client, w.a]);
  await w.post(w.client, "Hallo, ich brauche Hilfe.");
  await w.post(w.a, "Antwort von A");
  return w;
}

describe("a trust that follows the organisation's log", () => {
  it("reads a reply of a counsellor certified after the page opened, without a reload (one load)", async () => {
    const w = await openCase();
    const { store, push } = await clientPage(w, following(w));
    expect(texts(store)).toEqual(["Hallo, ich brauche Hilfe.", "Antwort von A"]);
    expect(w.loads.count).toBe(0);

    // The administrator certifies B and adds them to the team; B opens the case, makes epoch 2 and replies.
    w.append(w.certify(w.b));
    await w.addEpoch(w.b, [w.client, w.b]);
    push(await w.post(w.b, "Antwort von B"));
    await until(() => texts(store).length === 3);
    expect(texts(store)[2]).toBe("Antwort von B");
    expect(store.getSnapshot().messages[2]).toMatchObject({ senderId: w.b.id, problem: null });
    expect(store.getSnapshot().messages[2]!.formerKey).toBeUndefined();
    // B's epoch record and message share the one load their unknown key caused.
    expect(w.loads.count).toBe(1);
  });

  it("without it, the same reply stays unreadable (what the page did before)", async () => {
    const w = await openCase();
    const { store, push } = await clientPage(w, clientCaseTrust({ orgLog: w.initial, self: self(w) }));
    w.append(w.certify(w.b));
    await w.addEpoch(w.b, [w.client, w.b]);
    push(await w.post(w.b, "Antwort von B"));
    await until(() => texts(store).length === 3);
    expect(texts(store)[2]).toBe("<unreadable>");
  });

  it("keeps a never-certified key out, and asks the log about it once however often it writes", async () => {
    const w = await openCase();
    const { store, push } = await clientPage(w, following(w));
    // X knows epoch 1's key (say, leaked) but is in no verified log; the server names X as the sender.
    push(await w.post(w.x, "von X", 1));
    await until(() => texts(store).length === 3);
    push(await w.post(w.x, "noch mal X", 1));
    await until(() => texts(store).length === 4);
    expect(texts(store).slice(2)).toEqual(["<unreadable>", "<unreadable>"]);
    expect(w.loads.count).toBe(1);
    // A key the server attributes to a certified colleague is still refused: the key decides, not the name.
    const forged = await w.post(w.x, "angeblich A", 1);
    push({ ...forged, senderId: w.a.id });
    await until(() => texts(store).length === 5);
    expect(texts(store)[4]).toBe("<unreadable>");
    expect(w.loads.count).toBe(1);
  });

  it("opens what it could not open before once a later load shows its signer", async () => {
    const w = await openCase();
    const { store, push } = await clientPage(w, following(w));
    // B writes before the log this browser loads shows B (its one question about B finds nothing).
    push(await w.post(w.b, "B, zu früh", 1));
    await until(() => texts(store).length === 3);
    expect(texts(store)[2]).toBe("<unreadable>");
    expect(w.loads.count).toBe(1);

    // B and C are certified; C's message makes the browser load the log again, and B's earlier message opens too.
    w.append([...w.certify(w.b), ...w.certify(w.c)]);
    push(await w.post(w.c, "Antwort von C", 1));
    await until(() => texts(store).length === 4 && !texts(store).includes("<unreadable>"));
    expect(texts(store).slice(2)).toEqual(["B, zu früh", "Antwort von C"]);
    expect(w.loads.count).toBe(2);
  });
});
