// SPDX-License-Identifier: AGPL-3.0-or-later
import { type AccountKeys, CryptoError, openMessage, readMessageHeader, unwrapEpochKey } from "@obhut/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishFirstChatEpoch } from "../../../web/src/chats/chat-keys";
import { createConversation, removeConversationMember } from "../../../web/src/chats/endpoints";
import { decodeBody } from "../../../web/src/messaging/body";
import { OrgLogCache } from "../../../web/src/messaging/org-log";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { chatHarness } from "./chat-support";
import {
  type PreparedSetup,
  type TestAccount,
  appendEntry,
  createStaff,
  loggedIn,
  setupOrganisation,
  staffPayload,
} from "../keys/support";

/**
 * A team chat with the real crypto and the browser's own code (issue #16, ADR 0033), in Node against a real server
 * on SQLite and PostgreSQL: Anna starts a chat with Ben and Carla (her browser makes epoch 1 for the three), all
 * three read the first message; Anna removes Carla; Ben's next message meets the owed rotation, his browser makes
 * epoch 2 for Anna and him and sends it again. Anna reads it. Carla kept her account keys and the key of epoch 1:
 * with them, nothing written after her removal opens — taken straight from the database, as a leaked copy would be.
 */
describe.each(DIALECTS)("a removed chat member's keys (%s)", (dialect) => {
  let server: TestServer;
  let org: PreparedSetup;
  let anna: TestAccount;
  let ben: TestAccount;
  let carla: TestAccount;
  let chatId = "";

  const chat = chatHarness(() => ({ server, org }));
  const { apiOf, texts } = chat;
  const storeOf = (who: TestAccount) => chat.storeOf(who, chatId);
  const epochRecords = () => chat.epochRecords(chatId);
  const wrapsOf = (epoch: number) => chat.wrapsOf(chatId, epoch);

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    org = await setupOrganisation(server);
    anna = await createStaff(server, org.orgId);
    ben = await createStaff(server, org.orgId);
    carla = await createStaff(server, org.orgId);
    // The console certifies each colleague's keys in the organisation log.
    const admin = await loggedIn(server, org.admin);
    for (const member of [anna, ben, carla])
      expect((await appendEntry(admin, org, staffPayload("staff-key-certified", member))).status).toBe(201);

    const api = await apiOf(anna);
    const { conversation } = await api.request(createConversation, {
      body: { kind: "team", memberIds: [ben.id, carla.id] },
    });
    chatId = conversation.id;
    await publishFirstChatEpoch({
      api,
      orgLogs: new OrgLogCache(api),
      organisationId: org.orgId,
      conversationId: chatId,
      memberIds: [anna.id, ben.id, carla.id],
      signer: anna.keys.signing,
    });
  });
  afterAll(async () => server?.stop());

  it("all three members read the chat; no team or archive key gets a wrap", async () => {
    const annas = await annaWrites("Guten Morgen zusammen, wer übernimmt heute?");
    annas.stop();
    for (const who of [ben, carla]) {
      const store = await storeOf(who);
      expect(texts(store)).toEqual(["Guten Morgen zusammen, wer übernimmt heute?"]);
      store.stop();
    }
    expect((await wrapsOf(1)).map((w) => w.recipient_account_id).sort()).toEqual([anna.id, ben.id, carla.id].sort());
    const group = await server.ctx.db.db
      .selectFrom("epoch_team_wraps")
      .select("epoch")
      .where("conversation_id", "=", chatId)
      .execute();
    expect(group).toEqual([]);
  });

  it("after Carla's removal Ben's browser makes epoch 2 for Anna and him; what Carla kept opens nothing after", async () => {
    // What Carla keeps: her account keys and the key of epoch 1.
    const [record1] = await epochRecords();
    const carlasWrap = (await wrapsOf(1)).find((w) => w.recipient_account_id === carla.id)!;
    const kept = {
      keys: carla.keys as AccountKeys,
      epoch1: await unwrapEpochKey({
        record: record1!,
        role: "participant",
        wrapped: new Uint8Array(carlasWrap.wrap),
        recipientSecretKey: carla.keys.encryption.secretKey,
      }),
    };
    const removedAt = Number(
      (
        await server.ctx.db.db
          .selectFrom("conversations")
          .select("next_seq")
          .where("id", "=", chatId)
          .executeTakeFirstOrThrow()
      ).next_seq,
    );
    await (await apiOf(anna)).request(removeConversationMember, { params: { id: chatId, accountId: carla.id } });

    const bens = await storeOf(ben);
    await bens.send("Ich übernehme, ab zehn Uhr.");
    expect(bens.getSnapshot().outbox).toEqual([]);
    expect(texts(bens)).toEqual(["Guten Morgen zusammen, wer übernimmt heute?", "Ich übernehme, ab zehn Uhr."]);
    bens.stop();

    const records = await epochRecords();
    expect(records.map((r) => r.epoch)).toEqual([1, 2]);
    expect(records[1]!.signerKeyId).toEqual(ben.keys.signing.publicKey);
    expect((await wrapsOf(2)).map((w) => w.recipient_account_id).sort()).toEqual([anna.id, ben.id].sort());

    const annas = await storeOf(anna);
    expect(texts(annas)).toEqual(["Guten Morgen zusammen, wer übernimmt heute?", "Ich übernehme, ab zehn Uhr."]);
    annas.stop();

    // Everything the database holds about the chat after her removal, tried with what Carla kept.
    const after = await server.ctx.db.db
      .selectFrom("messages")
      .select(["envelope"])
      .where("conversation_id", "=", chatId)
      .where("seq", ">=", removedAt)
      .execute();
    expect(after.length).toBeGreaterThan(0);
    const keysTried: Uint8Array[] = [kept.epoch1];
    for (const w of await wrapsOf(2)) {
      await expect(
        unwrapEpochKey({
          record: records[1]!,
          role: "participant",
          wrapped: new Uint8Array(w.wrap),
          recipientSecretKey: kept.keys.encryption.secretKey,
        }),
      ).rejects.toBeInstanceOf(CryptoError);
    }
    for (const m of after) {
      const blob = new Uint8Array(m.envelope);
      const header = readMessageHeader(blob);
      expect(header.epoch).toBe(2);
      for (const epochKey of keysTried)
        await expect(openMessage(blob, { epochKey, senderPublicKey: header.senderKeyId })).rejects.toBeInstanceOf(
          CryptoError,
        );
    }
    // Whereas epoch 1's key does open what was written before (the check above can fail).
    const before = await server.ctx.db.db
      .selectFrom("messages")
      .select(["envelope"])
      .where("conversation_id", "=", chatId)
      .where("seq", "<", removedAt)
      .executeTakeFirstOrThrow();
    const blob = new Uint8Array(before.envelope);
    const { plaintext } = await openMessage(blob, {
      epochKey: kept.epoch1,
      senderPublicKey: readMessageHeader(blob).senderKeyId,
    });
    expect(decodeBody(plaintext).text).toBe("Guten Morgen zusammen, wer übernimmt heute?");
  });

  async function annaWrites(text: string) {
    const store = await storeOf(anna);
    await store.send(text);
    expect(store.getSnapshot().outbox).toEqual([]);
    return store;
  }
});
