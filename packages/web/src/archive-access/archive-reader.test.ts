// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
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
  wrapArchiveKey,
} from "@obhut/crypto";
import type { MessageView } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { encodeBody } from "../messaging/body";
import { type ArchiveReaderDeps, readWithArchiveKey } from "./archive-reader";

/**
 * The archive reader with the real crypto (ADR 0032): an organisation whose
 * admin holds archive generation 1; a case whose client wrote under epoch 1
 * and whose counsellor answered. The admin's browser opens both with the
 * archive key alone; a wrong archive wrap, a message from a key the log does
 * not know, and an admin without the archive key's wrap open nothing.
 */
async function world() {
  const root = generateSigningKeyPair();
  const archive = generateEncryptionKeyPair();
  const admin = { id: "acc-admin", keys: createAccountKeys() };
  const anna = { id: "acc-anna", keys: createAccountKeys() };
  const client = { id: "acc-client", keys: createAccountKeys() };
  const member = (x: { keys: AccountKeys }) => ({
    signingKey: x.keys.signing.publicKey,
    encryptionKey: x.keys.encryption.publicKey,
  });
  const t1 = createTeamKeyGeneration("team-t", 1);
  const payloads: OrgLogPayload[] = [
    { type: "genesis", orgId: "org-1", rootSigningKey: root.publicKey, archiveKey: archive.publicKey },
    { type: "staff-key-certified", accountId: anna.id, ...member(anna) },
    { type: "team-created", teamId: "team-t" },
    { type: "team-member-added", teamId: "team-t", signingKey: anna.keys.signing.publicKey },
    teamKeyLogPayload(t1),
  ];
  let previous: OrgLogEntry | null = null;
  const entries = payloads.map((payload) => {
    previous = createOrgLogEntry({ previous, payload, signer: root, timestamp: 1 });
    return previous;
  });
  const state = verifyOrgLog(entries);
  const conversationId = "conv-case";
  const e1 = await createEpoch({
    conversationId,
    previous: null,
    participants: [member(client)],
    team: { teamId: "team-t", generation: 1, publicKey: t1.publicKey },
    archiveKey: archive.publicKey,
    signer: client.keys.signing,
    timestamp: 1,
  });
  const seal = async (seq: number, from: { id: string; keys: AccountKeys }, text: string): Promise<MessageView> => ({
    conversationId,
    seq,
    id: `msg-${seq}`,
    senderId: from.id,
    envelope: toBase64Url(
      await sealMessage({
        header: {
          conversationId,
          epoch: 1,
          messageId: `msg-${seq}`,
          timestamp: seq,
          senderKeyId: from.keys.signing.publicKey,
        },
        plaintext: encodeBody({ v: 1, text, attachments: [] }),
        epochKey: e1.epochKey,
        sender: from.keys.signing,
      }),
    ),
    kind: "message",
    replacesId: null,
    createdAt: seq * 1000,
  });
  const messages = [await seal(1, client, "Ich brauche Hilfe."), await seal(2, anna, "Wir sind für Sie da.")];
  const deps = (over: Partial<ArchiveReaderDeps> = {}): ArchiveReaderDeps => ({
    orgState: async () => state,
    myArchiveWraps: async () => [
      {
        generation: 1,
        blob: toBase64Url(await wrapArchiveKey(admin.keys.encryption.publicKey, archive, "org-1", 1)),
      },
    ],
    mySecretKey: () => admin.keys.encryption.secretKey,
    epochs: async () => ({
      epochs: [{ epoch: 1, record: toBase64Url(encodeEpochRecord(e1.record)), createdBy: client.id }],
      archiveWraps: [{ epoch: 1, generation: 1, wrap: toBase64Url(e1.wraps.archive) }],
    }),
    messages: async (after) => ({ messages: messages.filter((m) => m.seq > after), hasMore: false }),
    ...over,
  });
  return { deps, conversationId, e1, messages, anna, client };
}

describe("reading a case with the archive key", () => {
  it("opens the client's and the counsellor's messages with the admin's archive wrap", async () => {
    const w = await world();
    const read = await readWithArchiveKey(w.deps(), w.conversationId);
    expect(read.map((m) => [m.from, m.senderId, m.text])).toEqual([
      ["client", "acc-client", "Ich brauche Hilfe."],
      ["staff", "acc-anna", "Wir sind für Sie da."],
    ]);
  });

  it("opens nothing with a wrap that is not the archive's (the team wrap offered as one)", async () => {
    const w = await world();
    const deps = w.deps({
      epochs: async () => ({
        epochs: [{ epoch: 1, record: toBase64Url(encodeEpochRecord(w.e1.record)), createdBy: w.client.id }],
        archiveWraps: [{ epoch: 1, generation: 1, wrap: toBase64Url(w.e1.wraps.team) }],
      }),
    });
    expect((await readWithArchiveKey(deps, w.conversationId)).map((m) => m.text)).toEqual([null, null]);
  });

  it("opens nothing without the admin's wrap of the archive key", async () => {
    const w = await world();
    const read = await readWithArchiveKey(w.deps({ myArchiveWraps: async () => [] }), w.conversationId);
    expect(read.map((m) => m.text)).toEqual([null, null]);
  });

  it("does not show a message whose signer the server names as someone else", async () => {
    const w = await world();
    const forged = { ...w.messages[1]!, senderId: w.client.id };
    const read = await readWithArchiveKey(
      w.deps({ messages: async () => ({ messages: [w.messages[0]!, forged], hasMore: false }) }),
      w.conversationId,
    );
    expect(read.map((m) => m.text)).toEqual(["Ich brauche Hilfe.", null]);
  });
});
