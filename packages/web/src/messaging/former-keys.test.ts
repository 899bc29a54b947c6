// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  type EpochRecord,
  type OrgLogEntry,
  type OrgLogPayload,
  type OrgLogState,
  createAccountKeys,
  createEpoch,
  createOrgLogEntry,
  createTeamKeyGeneration,
  encodeEpochRecord,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  readMessageHeader,
  fromBase64Url,
  sealMessage,
  teamKeyLogPayload,
  toBase64Url,
  verifyOrgLog,
  wrapTeamKeyToMembers,
} from "@obhut/crypto";
import type { KeyWrapView, MessageView } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import type { ApiClient } from "../api/client";
import { BODY_VERSION, encodeBody } from "./body";
import { ConversationStore } from "./conversation";
import { ConversationKeyring, EpochRegistry, participantKeySource, type ConversationTrust } from "./epochs";
import type { EpochRotator } from "./epoch-rotation";
import { FakeSocket, ManualTimers } from "./fake-socket.test-util";
import { RealtimeClient } from "./realtime";
import { type CaseTeamWrap, StaffKeyring } from "./team-keys";
import { clientCaseTrust } from "./trust";

/**
 * Keys that are no longer certified (ADR 0031), with the real crypto: counsellor A replies to the client, then
 * A's key is revoked — by an access reset (a new key for A) or by offboarding (none) — and the team key renewed.
 * The client and A's colleague B still read A's reply, attributed to A and marked; a message A's old key seals
 * under an epoch made after the revocation, or an epoch record it signs naming the renewed team key, is refused;
 * and nothing new is sealed under an epoch only the old key vouches for.
 */
const CONV = "conv_case_former";
const TEAM = "team-t";
type Person = { id: string; keys: AccountKeys };
const member = (x: { keys: AccountKeys }) => ({
  signingKey: x.keys.signing.publicKey,
  encryptionKey: x.keys.encryption.publicKey,
});

async function world(ending: "reset" | "offboarding") {
  const root = generateSigningKeyPair();
  const archive = generateEncryptionKeyPair();
  const a: Person = { id: "acc-a", keys: createAccountKeys() };
  const aNew: Person = { id: "acc-a", keys: createAccountKeys() };
  const b: Person = { id: "acc-b", keys: createAccountKeys() };
  const client: Person = { id: "acc-client", keys: createAccountKeys() };
  const g1 = createTeamKeyGeneration(TEAM, 1);
  const g2 = createTeamKeyGeneration(TEAM, 2);
  const entries: OrgLogEntry[] = [];
  const append = (payloads: OrgLogPayload[]) => {
    for (const payload of payloads)
      entries.push(createOrgLogEntry({ previous: entries.at(-1) ?? null, payload, signer: root, timestamp: 1 }));
    return verifyOrgLog(entries);
  };
  const before = append([
    { type: "genesis", orgId: "org-1", rootSigningKey: root.publicKey, archiveKey: archive.publicKey },
    ...[a, b].map((x): OrgLogPayload => ({ type: "staff-key-certified", accountId: x.id, ...member(x) })),
    { type: "team-created", teamId: TEAM },
    { type: "team-member-added", teamId: TEAM, signingKey: a.keys.signing.publicKey },
    { type: "team-member-added", teamId: TEAM, signingKey: b.keys.signing.publicKey },
    teamKeyLogPayload(g1),
  ]);

  const epochs: {
    record: EpochRecord;
    key: Uint8Array;
    createdBy: string;
    wraps: Awaited<ReturnType<typeof createEpoch>>["wraps"];
  }[] = [];
  const addEpoch = async (props: { signer: Person; team: typeof g1; participants: Person[] }) => {
    const { record, epochKey, wraps } = await createEpoch({
      conversationId: CONV,
      previous: epochs.at(-1)?.record ?? null,
      participants: props.participants.map(member),
      team: { teamId: TEAM, generation: props.team.generation, publicKey: props.team.publicKey },
      archiveKey: archive.publicKey,
      signer: props.signer.keys.signing,
      timestamp: 1,
    });
    epochs.push({ record, key: epochKey, createdBy: props.signer.id, wraps });
    return record;
  };
  const messages: MessageView[] = [];
  const post = async (from: Person, epoch: number, text: string) => {
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
    messages.push({
      conversationId: CONV,
      seq,
      id: `msg_${String(seq).padStart(8, "0")}`,
      senderId: from.id,
      envelope: toBase64Url(envelope),
      kind: "message",
      replacesId: null,
      createdAt: 1000 + seq,
    });
  };

  // Before: the client opens the case, A replies in an epoch A made for the client and A.
  await addEpoch({ signer: client, team: g1, participants: [client] });
  await post(client, 1, "Hallo, ich brauche Hilfe.");
  await addEpoch({ signer: a, team: g1, participants: [client, a] });
  await post(a, 2, "Antwort von A, vor dem Wechsel");

  // A's old key is revoked; the team key is renewed for whoever remains (B, and A's new key after a reset).
  const remaining = ending === "reset" ? [b, aNew] : [b];
  const after = append([
    { type: "staff-key-revoked", signingKey: a.keys.signing.publicKey },
    ...(ending === "reset"
      ? ([
          { type: "staff-key-certified", accountId: a.id, ...member(aNew) },
          { type: "team-member-added", teamId: TEAM, signingKey: aNew.keys.signing.publicKey },
        ] as OrgLogPayload[])
      : []),
    teamKeyLogPayload(g2),
  ]);
  const teamWraps = async (people: Person[]): Promise<KeyWrapView[]> => {
    const out: KeyWrapView[] = [];
    for (const g of [g1, g2])
      for (const [i, w] of (await wrapTeamKeyToMembers(g, people.map(member))).entries())
        out.push({
          id: `w-${g.generation}-${i}`,
          organisationId: "org-1",
          kind: "team",
          refId: TEAM,
          generation: g.generation,
          recipientAccountId: people[i]!.id,
          blob: toBase64Url(w.wrapped),
          createdBy: "x",
          createdAt: 1,
        } as KeyWrapView);
    return out;
  };
  return { a, aNew, b, client, g1, g2, before, after, epochs, addEpoch, messages, post, remaining, teamWraps };
}

type World = Awaited<ReturnType<typeof world>>;

function fakeApi(w: World, self: Person): ApiClient & { sent: MessageView[] } {
  const sent: MessageView[] = [];
  const api = {
    sent,
    request: async (endpoint: { method: string; path: string }, input: Record<string, unknown> = {}) => {
      switch (`${endpoint.method} ${endpoint.path}`) {
        case "GET /api/conversations/:id":
          return {
            conversation: { id: CONV, readSeq: 0, deliveredSeq: 0, rotationOwed: false },
            members: [],
            receipts: { shared: false, deliveredSeq: 0, readSeq: 0 },
          };
        case "GET /api/conversations/:id/epochs":
          return {
            epochs: w.epochs.map((e) => ({
              epoch: e.record.epoch,
              record: toBase64Url(encodeEpochRecord(e.record)),
              createdBy: e.createdBy,
              createdAt: 1,
            })),
            wraps: w.epochs.flatMap((e) => {
              const own = e.wraps.participants.find(
                (p) => toBase64Url(p.memberKeyId) === toBase64Url(self.keys.signing.publicKey),
              );
              return own ? [{ epoch: e.record.epoch, wrap: toBase64Url(own.wrapped) }] : [];
            }),
          };
        case "GET /api/conversations/:id/messages":
          return { messages: w.messages, hasMore: false };
        case "POST /api/conversations/:id/messages": {
          const body = input.body as { clientMsgId: string; envelope: string };
          const message: MessageView = {
            conversationId: CONV,
            seq: w.messages.length + 1,
            id: `msg_${String(w.messages.length + 1).padStart(8, "0")}`,
            senderId: self.id,
            envelope: body.envelope,
            kind: "message",
            replacesId: null,
            createdAt: 2000,
          };
          w.messages.push(message);
          sent.push(message);
          return { seq: message.seq, id: message.id, createdAt: message.createdAt, duplicate: false };
        }
        default:
          throw new Error(`unexpected ${endpoint.path}`);
      }
    },
  };
  return api as unknown as ApiClient & { sent: MessageView[] };
}

function store(props: {
  w: World;
  self: Person;
  keyring: (api: ApiClient) => ConversationKeyring;
  trust: ConversationTrust;
  rotator?: EpochRotator;
}) {
  const timers = new ManualTimers();
  const api = fakeApi(props.w, props.self);
  const realtime = new RealtimeClient({
    url: "ws://test/ws",
    createSocket: () => new FakeSocket(),
    setTimer: timers.set,
    clearTimer: timers.clear,
  });
  let n = 0;
  const conversation = new ConversationStore({
    api,
    conversationId: CONV,
    keyring: props.keyring(api),
    trust: props.trust,
    self: { accountId: props.self.id, signing: props.self.keys.signing },
    realtime,
    newClientMsgId: () => `cmid_${String(++n).padStart(8, "0")}`,
    ...(props.rotator ? { rotator: props.rotator } : {}),
    setTimer: timers.set,
    clearTimer: timers.clear,
  });
  return { conversation, api };
}

/** The client's view: its own key and the verified log (what use-client-case.ts builds). */
function clientStore(w: World, orgLog: OrgLogState, rotator?: EpochRotator) {
  const trust = clientCaseTrust({
    orgLog,
    self: { accountId: w.client.id, signingKey: w.client.keys.signing.publicKey },
  });
  return store({
    w,
    self: w.client,
    trust,
    keyring: (api) =>
      new ConversationKeyring({
        api,
        conversationId: CONV,
        registry: new EpochRegistry(),
        keySource: participantKeySource(w.client.keys.encryption.secretKey),
        trust,
      }),
    ...(rotator ? { rotator } : {}),
  });
}

/** Colleague B's view: team-key wraps through the StaffKeyring, as the staff case page sets it up. */
async function colleagueStore(w: World, orgLog: OrgLogState) {
  const keyWraps = await w.teamWraps(w.remaining);
  const teamWraps = (): CaseTeamWrap[] =>
    w.epochs.map((e) => ({
      conversationId: CONV,
      epoch: e.record.epoch,
      teamId: TEAM,
      generation: e.record.teamKeyGeneration,
      wrap: toBase64Url(e.wraps.team),
    }));
  const ring = new StaffKeyring(
    { accountId: w.b.id, keys: w.b.keys },
    {
      orgState: () => Promise.resolve(orgLog),
      keyWraps: () => Promise.resolve(keyWraps),
      caseTeamWraps: () => Promise.resolve(teamWraps()),
      epochs: () =>
        Promise.resolve({
          epochs: w.epochs.map((e) => ({
            epoch: e.record.epoch,
            record: toBase64Url(encodeEpochRecord(e.record)),
            createdBy: e.createdBy,
          })),
          wraps: [],
        }),
      clientSigningKey: () => Promise.resolve(w.client.keys.signing.publicKey),
    },
  );
  const ctx = {
    caseId: "case-1",
    teamId: TEAM,
    clientId: w.client.id,
    conversationId: CONV,
    notesConversationId: null,
  };
  const trust = await ring.caseTrust(ctx, CONV);
  return store({
    w,
    self: w.b,
    trust,
    keyring: (api) =>
      new ConversationKeyring({
        api,
        conversationId: CONV,
        registry: new EpochRegistry(),
        keySource: ring.caseKeySource(ctx),
        trust,
      }),
  });
}

const shown = (s: ConversationStore) =>
  s.getSnapshot().messages.map((m) => ({
    senderId: m.senderId,
    text: m.body?.text ?? null,
    problem: m.problem,
    formerKey: m.formerKey ?? false,
  }));

describe.each(["reset", "offboarding"] as const)("a counsellor's key revoked by %s (ADR 0031)", (ending) => {
  it("the client and a colleague still read the earlier reply, attributed to the counsellor and marked", async () => {
    const w = await world(ending);
    // After the revocation the conversation moves on under the renewed team key (B signs it).
    await w.addEpoch({ signer: w.b, team: w.g2, participants: [w.client, w.b] });
    await w.post(w.b, 3, "Antwort von B, danach");
    const expected = [
      { senderId: w.client.id, text: "Hallo, ich brauche Hilfe.", problem: null, formerKey: false },
      { senderId: w.a.id, text: "Antwort von A, vor dem Wechsel", problem: null, formerKey: true },
      { senderId: w.b.id, text: "Antwort von B, danach", problem: null, formerKey: false },
    ];
    const { conversation: client } = clientStore(w, w.after);
    await client.start();
    expect(client.getSnapshot().status).toBe("ready");
    expect(shown(client)).toEqual(expected);
    const { conversation: colleague } = await colleagueStore(w, w.after);
    await colleague.start();
    expect(colleague.getSnapshot().status).toBe("ready");
    expect(shown(colleague)).toEqual(expected);
  });

  it("refuses a message the old key seals under an epoch made after its revocation", async () => {
    const w = await world(ending);
    await w.addEpoch({ signer: w.b, team: w.g2, participants: [w.client, w.b] });
    // Someone holding A's old key (and, say, a leaked epoch key) writes under epoch 3 as A.
    await w.post(w.a, 3, "Nachgeschoben mit dem alten Schlüssel");
    for (const { conversation } of [clientStore(w, w.after), await colleagueStore(w, w.after)]) {
      await conversation.start();
      const last = conversation.getSnapshot().messages.at(-1)!;
      expect(last).toMatchObject({ senderId: w.a.id, body: null, problem: "unreadable" });
      expect(last.formerKey).toBeUndefined();
    }
  });

  it("refuses an epoch record the old key signs under the renewed team key", async () => {
    const w = await world(ending);
    await w.addEpoch({ signer: w.a, team: w.g2, participants: [w.client, w.a] });
    const { conversation: client } = clientStore(w, w.after);
    await client.start();
    expect(client.getSnapshot()).toMatchObject({ status: "error", loadError: "crypto" });
    // The staff keyring verifies the records before it hands out the case's trust.
    await expect(colleagueStore(w, w.after)).rejects.toMatchObject({ code: "unknown_key" });
  });

  it("seals nothing under an epoch only the old key vouches for: a new epoch first, else the message waits", async () => {
    const w = await world(ending);
    // Epoch 2 (A's) is still the newest: without a rotator the client's message waits, unsent.
    const waiting = clientStore(w, w.after);
    await waiting.conversation.start();
    await expect(waiting.conversation.send("Noch da?")).rejects.toMatchObject({ code: "epoch_rotation_owed" });
    expect(waiting.conversation.getSnapshot().outbox[0]).toMatchObject({ state: "failed", retryable: true });
    expect(waiting.api.sent).toEqual([]);
    // With the client's rotator, a new epoch under the renewed team key comes first and the message goes under it.
    const rotator: EpochRotator = {
      rotate: async (previous) => {
        expect(previous.epoch).toBe(2);
        await w.addEpoch({ signer: w.client, team: w.g2, participants: [w.client] });
      },
    };
    const { conversation, api } = clientStore(w, w.after, rotator);
    await conversation.start();
    await conversation.send("Noch da?");
    expect(api.sent.map((m) => readMessageHeader(fromBase64Url(m.envelope)).epoch)).toEqual([3]);
  });
});

it("before the revocation nothing is marked: the same reply is simply the counsellor's", async () => {
  const w = await world("reset");
  const { conversation } = clientStore(w, w.before);
  await conversation.start();
  expect(shown(conversation).map((m) => m.formerKey)).toEqual([false, false]);
});
