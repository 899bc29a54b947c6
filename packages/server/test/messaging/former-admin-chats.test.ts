// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type OrgLogPayload,
  type SigningKeyPair,
  CryptoError,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  openMessage,
  readMessageHeader,
  unwrapEpochKey,
} from "@obhut/crypto";
import { AppendOrgLogEntry, DeactivateAccount, GetOwedRotations, type OwedRotationsView } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishFirstChatEpoch } from "../../../web/src/chats/chat-keys";
import { createConversation } from "../../../web/src/chats/endpoints";
import { decodeBody } from "../../../web/src/messaging/body";
import { getConversation } from "../../../web/src/messaging/endpoints";
import { OrgLogCache } from "../../../web/src/messaging/org-log";
import { api } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import type { Send } from "../helpers/opaque-client";
import { startTestServer, type TestServer } from "../helpers/server";
import { chatHarness } from "./chat-support";
import {
  type PreparedSetup,
  type TestAccount,
  appendEntry,
  createStaff,
  entryB64,
  loggedIn,
  setupOrganisation,
  signChain,
  staffPayload,
} from "../keys/support";

/** The org log's signed times in this test: genesis and certifications at 00:00, the rest after (ADR 0033). */
const DAY = Date.UTC(2026, 10, 22);
const HOUR = 60 * 60 * 1000;

/**
 * An administrator leaves, and the staff chats they were in (issue #14; ADR 0042), with the real crypto and the
 * browser's own code, in Node against a real server on SQLite and PostgreSQL. Anna, the organisation's first
 * administrator, started a team chat with Bea (the second administrator) and Ben, and a direct chat with Ben,
 * and wrote in both. Bea offboards her: the server takes her out of both chats and marks each as owing a new
 * epoch (the console counts them); Bea's browser appends `admin-removed` and `staff-key-revoked` and rotates the
 * root and archive keys, as the console does. Ben's next message in each chat makes the new epoch, for those who
 * stay. Anna's messages stay readable, marked as from a key no longer active; with the keys Anna kept — her
 * account keys and both chats' epoch 1 keys — nothing written after her departure opens.
 */
describe.each(DIALECTS)("a former administrator's chats (%s)", (dialect) => {
  let server: TestServer;
  let org: PreparedSetup;
  let anna: TestAccount;
  let bea: TestAccount;
  let ben: TestAccount;
  let beaSend: Send;
  const chats = { team: "", direct: "" };

  const chat = chatHarness(() => ({ server, org }));
  const { apiOf, texts, epochRecords, wrapsOf } = chat;
  const storeOf = (who: TestAccount, chatId: string) => chat.storeOf(who, chatId, { clock: () => DAY + 3 * HOUR });

  /** A log entry signed by `signer` at `timestamp`, appended through the API (as the console's writer does). */
  async function appendAt(send: Send, payload: OrgLogPayload, signer: SigningKeyPair, timestamp: number) {
    const [entry] = signChain(signer, [payload], org.log.at(-1)!, timestamp);
    const res = await api(send).call(AppendOrgLogEntry, {
      params: { orgId: org.orgId },
      body: { entry: entryB64(entry!) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    org.log.push(entry!);
  }

  const owedCount = async () => {
    const res = await api(beaSend).call(GetOwedRotations, { params: { orgId: org.orgId } });
    expect(res.status).toBe(200);
    return (res.body as OwedRotationsView).afterDeparture;
  };

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    org = await setupOrganisation(server);
    anna = org.admin;
    bea = await createStaff(server, org.orgId, { role: "org_admin" });
    ben = await createStaff(server, org.orgId);
    beaSend = await loggedIn(server, bea);
    // Anna's console confirms Bea as administrator and certifies Ben's key.
    const annaSend = await loggedIn(server, anna);
    for (const payload of [staffPayload("admin-added", bea), staffPayload("staff-key-certified", bea)])
      expect((await appendEntry(annaSend, org, payload)).status).toBe(201);
    expect((await appendEntry(annaSend, org, staffPayload("staff-key-certified", ben))).status).toBe(201);

    const client = await apiOf(anna);
    for (const [kind, memberIds] of [
      ["team", [bea.id, ben.id]],
      ["direct", [ben.id]],
    ] as const) {
      const { conversation } = await client.request(createConversation, { body: { kind, memberIds: [...memberIds] } });
      chats[kind] = conversation.id;
      await publishFirstChatEpoch({
        api: client,
        orgLogs: new OrgLogCache(client),
        organisationId: org.orgId,
        conversationId: conversation.id,
        memberIds: [anna.id, ...memberIds],
        signer: anna.keys.signing,
        clock: () => DAY + HOUR,
      });
      const store = await storeOf(anna, conversation.id);
      await store.send(kind === "team" ? "Dienstplan für Dezember steht im Ordner." : "Kannst du morgen übernehmen?");
      expect(store.getSnapshot().outbox).toEqual([]);
      store.stop();
    }
  });
  afterAll(async () => server?.stop());

  it("after Anna's offboarding both chats owe a new epoch; Ben's browser makes it for those who stay", async () => {
    // What Anna keeps: her account keys and the key of epoch 1 of each chat.
    const kept = new Map<string, Uint8Array>();
    for (const chatId of [chats.team, chats.direct]) {
      const [record1] = await epochRecords(chatId);
      const own = (await wrapsOf(chatId, 1)).find((w) => w.recipient_account_id === anna.id)!;
      kept.set(
        chatId,
        await unwrapEpochKey({
          record: record1!,
          role: "participant",
          wrapped: new Uint8Array(own.wrap),
          recipientSecretKey: anna.keys.encryption.secretKey,
        }),
      );
    }
    const seqAtDeparture = new Map<string, number>();
    for (const chatId of [chats.team, chats.direct])
      seqAtDeparture.set(
        chatId,
        Number(
          (
            await server.ctx.db.db
              .selectFrom("conversations")
              .select("next_seq")
              .where("id", "=", chatId)
              .executeTakeFirstOrThrow()
          ).next_seq,
        ),
      );

    // Bea's console: deactivate, then the log entries and the root and archive rotations.
    const off = await api(beaSend).call(DeactivateAccount, { params: { orgId: org.orgId, accountId: anna.id } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(await owedCount()).toEqual({ cases: 0, chats: 2, adminRemoved: 0 });
    await appendAt(
      beaSend,
      { type: "admin-removed", signingKey: anna.keys.signing.publicKey },
      bea.keys.signing,
      DAY + 2 * HOUR,
    );
    await appendAt(
      beaSend,
      { type: "staff-key-revoked", signingKey: anna.keys.signing.publicKey },
      bea.keys.signing,
      DAY + 2 * HOUR,
    );
    await appendAt(
      beaSend,
      { type: "root-key-rotated", rootSigningKey: generateSigningKeyPair().publicKey },
      bea.keys.signing,
      DAY + 2 * HOUR,
    );
    await appendAt(
      beaSend,
      { type: "archive-key-rotated", archiveKey: generateEncryptionKeyPair().publicKey },
      bea.keys.signing,
      DAY + 2 * HOUR,
    );

    const benClient = await apiOf(ben);
    for (const chatId of [chats.team, chats.direct]) {
      const view = await benClient.request(getConversation, { params: { id: chatId } });
      expect(view.conversation.rotationOwed).toBe(true);
      expect(view.members.map((m) => m.accountId)).not.toContain(anna.id);
    }

    const bensTeam = await storeOf(ben, chats.team);
    await bensTeam.send("Danke, ich schaue rein.");
    expect(bensTeam.getSnapshot().outbox).toEqual([]);
    expect(texts(bensTeam)).toEqual(["Dienstplan für Dezember steht im Ordner.", "Danke, ich schaue rein."]);
    // Anna's message keeps her name and is marked as from a key no longer active (ADR 0031).
    expect(bensTeam.getSnapshot().messages.map((m) => [m.senderId, m.formerKey ?? false])).toEqual([
      [anna.id, true],
      [ben.id, false],
    ]);
    bensTeam.stop();

    const bensDirect = await storeOf(ben, chats.direct);
    await bensDirect.send("Ja, mache ich.");
    expect(bensDirect.getSnapshot().outbox).toEqual([]);
    expect(texts(bensDirect)).toEqual(["Kannst du morgen übernehmen?", "Ja, mache ich."]);
    expect(bensDirect.getSnapshot().messages[0]!.formerKey).toBe(true);
    bensDirect.stop();

    // Epoch 2 of each chat: made by Ben, wrapped to those who stay only.
    for (const [chatId, stay] of [
      [chats.team, [bea.id, ben.id]],
      [chats.direct, [ben.id]],
    ] as const) {
      const records = await epochRecords(chatId);
      expect(records.map((r) => r.epoch)).toEqual([1, 2]);
      expect(records[1]!.signerKeyId).toEqual(ben.keys.signing.publicKey);
      expect((await wrapsOf(chatId, 2)).map((w) => w.recipient_account_id).sort()).toEqual([...stay].sort());
    }
    expect(await owedCount()).toEqual({ cases: 0, chats: 0, adminRemoved: 0 });

    // Bea, the other administrator, reads the team chat the same way.
    const beas = await storeOf(bea, chats.team);
    expect(texts(beas)).toEqual(["Dienstplan für Dezember steht im Ordner.", "Danke, ich schaue rein."]);
    expect(beas.getSnapshot().messages[0]!.formerKey).toBe(true);
    beas.stop();

    // Everything the database holds of both chats after her departure, tried with what Anna kept.
    for (const chatId of [chats.team, chats.direct]) {
      const [, record2] = await epochRecords(chatId);
      for (const w of await wrapsOf(chatId, 2))
        await expect(
          unwrapEpochKey({
            record: record2!,
            role: "participant",
            wrapped: new Uint8Array(w.wrap),
            recipientSecretKey: anna.keys.encryption.secretKey,
          }),
        ).rejects.toBeInstanceOf(CryptoError);
      const rows = await server.ctx.db.db
        .selectFrom("messages")
        .select(["seq", "envelope"])
        .where("conversation_id", "=", chatId)
        .orderBy("seq")
        .execute();
      const after = rows.filter((r) => Number(r.seq) >= seqAtDeparture.get(chatId)!);
      const before = rows.filter((r) => Number(r.seq) < seqAtDeparture.get(chatId)!);
      expect(after.length).toBeGreaterThan(0);
      expect(before.length).toBe(1);
      for (const m of after) {
        const blob = new Uint8Array(m.envelope);
        const header = readMessageHeader(blob);
        expect(header.epoch).toBe(2);
        await expect(
          openMessage(blob, { epochKey: kept.get(chatId)!, senderPublicKey: header.senderKeyId }),
        ).rejects.toBeInstanceOf(CryptoError);
      }
      // Whereas the kept key opens what was written before (the check above can fail).
      const blob = new Uint8Array(before[0]!.envelope);
      const { plaintext } = await openMessage(blob, {
        epochKey: kept.get(chatId)!,
        senderPublicKey: readMessageHeader(blob).senderKeyId,
      });
      expect(decodeBody(plaintext).text).toBe(
        chatId === chats.team ? "Dienstplan für Dezember steht im Ordner." : "Kannst du morgen übernehmen?",
      );
    }
  });
});
