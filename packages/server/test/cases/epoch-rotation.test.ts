// SPDX-License-Identifier: AGPL-3.0-or-later
import { generateSigningKeyPair, sealMessage, toBase64Url } from "@obhut/crypto";
import {
  AddEpoch,
  type BodyOf,
  DeactivateAccount,
  GetConversation,
  HandOverCase,
  ListConversations,
  RemoveTeamMember,
  SendMessage,
  UpdateMessagingPolicy,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MESSAGING_POLICY } from "../../src/modules/messaging/messaging-policy";
import { deactivateAccount } from "../../src/modules/organisation/admin";
import { rid, seedAccount, seedSession } from "../helpers/factories";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { MsgClient } from "../messaging/support";
import { fakeBytes, giveTeamKey, seedCounselling, type CounsellingFixture, openAcceptedCaseWithNotes } from "./support";

/**
 * Owed epoch rotations at the API (issue #14, item 2; ADR 0029): whoever leaves a conversation — removed from
 * the team, offboarded, the case handed to another team, an administrator — makes it owe a new epoch; until
 * one is published (AddEpoch, or a handover that brings it), every send is refused with `epoch_rotation_owed`,
 * over HTTP and WebSocket alike; an epoch filed under a team or archive key generation the leaver held does
 * not settle it (`key_rotation_pending`); an envelope sealed under an older epoch is `epoch_outdated`; and an
 * epoch also falls due after the organisation's message and day limits. Epoch records, wraps and most
 * envelopes are fake bytes: the server reads no more than an envelope's epoch number.
 */
describe.each(DIALECTS)("owed epoch rotation (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  const clock = manualClock(Date.now());
  const as = (a: { cookie: string }) => apiAs(server, a);
  const sender = generateSigningKeyPair();

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
  });
  afterAll(async () => server?.stop());

  const acceptedCase = () => openAcceptedCaseWithNotes(server, f, clock.now());

  const send = (who: { cookie: string }, conversationId: string, envelope = fakeBytes(200)) =>
    as(who).call(SendMessage, { params: { id: conversationId }, body: { clientMsgId: rid("cm"), envelope } });
  const owed = async (who: { cookie: string }, conversationId: string) => {
    const res = await as(who).call(GetConversation, { params: { id: conversationId } });
    expect(res.status).toBe(200);
    return (res.body as { conversation: { rotationOwed: boolean } }).conversation.rotationOwed;
  };
  const nextEpoch = (epoch: number, recipientId: string): BodyOf<typeof AddEpoch> => ({
    epoch,
    record: fakeBytes(300),
    wraps: [{ recipientId, wrap: fakeBytes(83) }],
    teamWrap: fakeBytes(83),
    archiveWrap: fakeBytes(83),
  });
  const addEpoch = (who: { cookie: string }, conversationId: string, body: BodyOf<typeof AddEpoch>) =>
    as(who).call(AddEpoch, { params: { id: conversationId }, body });
  /** A well-formed envelope (any key will do: the server only reads the header's epoch). */
  const sealed = async (conversationId: string, epoch: number) =>
    toBase64Url(
      await sealMessage({
        header: { conversationId, epoch, messageId: rid("m"), timestamp: clock.now(), senderKeyId: sender.publicKey },
        plaintext: new TextEncoder().encode("Hallo"),
        epochKey: new Uint8Array(32).fill(7),
        sender,
      }),
    );

  it("a member removed from the team: both conversations refuse every send until a new epoch under a renewed team key", async () => {
    const { client, conversationId, notesConversationId } = await acceptedCase();
    expect((await send(client, conversationId)).status).toBe(201);
    expect(await owed(client, conversationId)).toBe(false);

    // ben leaves the team (the admin's console); he could open epoch 1 through the team key.
    const removed = await as(f.admin).call(RemoveTeamMember, {
      params: { orgId: f.orgId, teamId: f.teamId, accountId: f.ben.id },
    });
    expect(removed.status).toBe(204);
    expect(await owed(client, conversationId)).toBe(true);
    expect(await owed(f.anna, conversationId)).toBe(true);
    expect(await owed(f.anna, notesConversationId)).toBe(true);
    const listed = await as(client).call(ListConversations);
    expect(
      (listed.body as { conversations: { id: string; rotationOwed: boolean }[] }).conversations.find(
        (c) => c.id === conversationId,
      ),
    ).toMatchObject({ rotationOwed: true });

    // Client and staff, HTTP and WebSocket: refused with the stable code, nothing stored.
    for (const who of [client, f.anna]) {
      const refused = await send(who, conversationId);
      expect(refused.status).toBe(409);
      expect(errorOf(refused)).toMatchObject({ code: "epoch_rotation_owed" });
    }
    expect(errorOf(await send(f.anna, notesConversationId))).toMatchObject({ code: "epoch_rotation_owed" });
    const ws = await MsgClient.connect(server.url, client.cookie);
    try {
      const frame = await ws.send(conversationId, rid("cm"), fakeBytes(200));
      expect(frame).toMatchObject({ type: "error", code: "epoch_rotation_owed" });
    } finally {
      await ws.close();
    }

    // A new epoch under the team key generation ben still holds settles nothing.
    const early = await addEpoch(f.anna, conversationId, nextEpoch(2, client.id));
    expect(early.status).toBe(409);
    expect(errorOf(early)).toMatchObject({ code: "key_rotation_pending" });
    expect(await owed(client, conversationId)).toBe(true);

    // The admin's browser renews the team key (generation 2, for the remaining members); then it does.
    await giveTeamKey(server.ctx.db.db, {
      orgId: f.orgId,
      teamId: f.teamId,
      generation: 2,
      memberIds: [f.lead.id, f.anna.id],
      createdBy: f.admin.id,
    });
    expect((await addEpoch(f.anna, conversationId, nextEpoch(2, client.id))).status).toBe(201);
    expect(await owed(client, conversationId)).toBe(false);
    expect((await send(client, conversationId)).status).toBe(201);
    expect((await send(f.anna, conversationId)).status).toBe(201);
    // The notes still owe theirs: each conversation is settled by its own epoch.
    expect(errorOf(await send(f.anna, notesConversationId))).toMatchObject({ code: "epoch_rotation_owed" });
    expect((await addEpoch(f.anna, notesConversationId, nextEpoch(2, f.anna.id))).status).toBe(201);
    expect((await send(f.anna, notesConversationId)).status).toBe(201);

    // A browser that missed the rotation seals under epoch 1: refused, sealed again under 2: stored.
    const stale = await send(client, conversationId, await sealed(conversationId, 1));
    expect(stale.status).toBe(409);
    expect(errorOf(stale)).toMatchObject({ code: "epoch_outdated" });
    expect((await send(client, conversationId, await sealed(conversationId, 2))).status).toBe(201);

    // ben comes back for the next test.
    await server.ctx.db.db
      .insertInto("team_members")
      .values({ team_id: f.teamId, account_id: f.ben.id, role: "member", added_at: clock.now() })
      .execute();
    await giveTeamKey(server.ctx.db.db, {
      orgId: f.orgId,
      teamId: f.teamId,
      generation: 2,
      memberIds: [f.ben.id],
      createdBy: f.admin.id,
    });
  });

  it("the client may publish the owed epoch of their own case; a non-member may not", async () => {
    const { client, conversationId } = await acceptedCase();
    const offboarded = await seedAccount(server.ctx.db.db, {
      orgId: f.orgId,
      role: "counsellor",
      team: { id: f.teamId, role: "member" },
      now: clock.now(),
    });
    // Not a member of this case's conversation yet (it joined the team after the case opened): sync it in.
    await server.ctx.db.db
      .insertInto("conversation_members")
      .values({
        conversation_id: conversationId,
        account_id: offboarded.id,
        role: "team",
        joined_at: clock.now(),
        left_at: null,
      })
      .execute();
    const off = await as(f.admin).call(DeactivateAccount, { params: { orgId: f.orgId, accountId: offboarded.id } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(errorOf(await send(client, conversationId))).toMatchObject({ code: "epoch_rotation_owed" });
    // The offboarded member's sessions ended with it; another client is no member: 404.
    expect((await addEpoch(offboarded, conversationId, nextEpoch(2, client.id))).status).toBe(401);
    expect(errorOf(await addEpoch(f.otherClient, conversationId, nextEpoch(2, f.otherClient.id)))).toMatchObject({
      code: "not_found",
    });
    await giveTeamKey(server.ctx.db.db, {
      orgId: f.orgId,
      teamId: f.teamId,
      generation: 3,
      memberIds: [f.lead.id, f.anna.id, f.ben.id],
      createdBy: f.admin.id,
    });
    // Wraps only to current members: the client cannot wrap to the one who left.
    const toLeaver = nextEpoch(2, client.id);
    toLeaver.wraps.push({ recipientId: offboarded.id, wrap: fakeBytes(83) });
    expect((await addEpoch(client, conversationId, toLeaver)).status).toBe(400);
    expect((await addEpoch(client, conversationId, nextEpoch(2, client.id))).status).toBe(201);
    expect((await send(client, conversationId)).status).toBe(201);
  });

  it("an administrator's removal makes every open case owe an epoch under a renewed archive key", async () => {
    const { client, conversationId } = await acceptedCase();
    const db = server.ctx.db.db;
    const admin = await seedAccount(db, { orgId: f.orgId, role: "org_admin", now: clock.now() });
    // They held the archive key (generation 1), as every confirmed administrator does.
    await db
      .insertInto("key_wraps")
      .values({
        id: rid("kw"),
        organisation_id: f.orgId,
        recipient_account_id: admin.id,
        kind: "archive",
        ref_id: f.orgId,
        generation: 1,
        blob: fakeBytes(80),
        slot: `archive|${f.orgId}|1|${admin.id}`,
        created_by: admin.id,
        created_at: clock.now(),
      })
      .execute();
    // The operator's command line (the console would first ask for another confirmed administrator).
    await deactivateAccount(server.ctx, { actor: null, orgId: f.orgId, accountId: admin.id });
    expect(errorOf(await send(client, conversationId))).toMatchObject({ code: "epoch_rotation_owed" });
    const teamGeneration = Number(
      (
        await db
          .selectFrom("key_wraps")
          .select((eb) => eb.fn.max("generation").as("g"))
          .where("kind", "=", "team")
          .where("ref_id", "=", f.teamId)
          .executeTakeFirstOrThrow()
      ).g,
    );
    // A renewed team key alone is not enough: the archive key they held must be renewed too.
    await giveTeamKey(db, {
      orgId: f.orgId,
      teamId: f.teamId,
      generation: teamGeneration + 1,
      memberIds: [f.lead.id, f.anna.id, f.ben.id],
      createdBy: f.admin.id,
    });
    expect(errorOf(await addEpoch(f.anna, conversationId, nextEpoch(2, client.id)))).toMatchObject({
      code: "key_rotation_pending",
    });
    await db
      .insertInto("key_wraps")
      .values({
        id: rid("kw"),
        organisation_id: f.orgId,
        recipient_account_id: f.admin.id,
        kind: "archive",
        ref_id: f.orgId,
        generation: 2,
        blob: fakeBytes(80),
        slot: `archive|${f.orgId}|2|${f.admin.id}`,
        created_by: f.admin.id,
        created_at: clock.now(),
      })
      .execute();
    expect((await addEpoch(f.anna, conversationId, nextEpoch(2, client.id))).status).toBe(201);
    expect((await send(client, conversationId)).status).toBe(201);
  });

  it("a handover to another team owes both epochs, unless it brings them for the new team", async () => {
    const handOver = async (
      c: Awaited<ReturnType<typeof acceptedCase>>,
      epochs?: BodyOf<typeof HandOverCase>["epochs"],
    ) => {
      const teamWraps = [c.conversationId, c.notesConversationId].map((conversationId) => ({
        conversationId,
        epoch: 1,
        generation: 2,
        wrap: fakeBytes(83),
      }));
      return as(f.anna).call(HandOverCase, {
        params: { caseId: c.caseId },
        body: { toTeamId: f.otherTeamId, teamWraps, ...(epochs ? { epochs } : {}) },
      });
    };
    const plain = await acceptedCase();
    expect((await handOver(plain)).status).toBe(200);
    expect(errorOf(await send(plain.client, plain.conversationId))).toMatchObject({ code: "epoch_rotation_owed" });
    expect(errorOf(await send(f.olga, plain.notesConversationId))).toMatchObject({ code: "epoch_rotation_owed" });
    // The new team's current key is enough (no member of it left): olga publishes, the client writes on.
    expect((await addEpoch(f.olga, plain.conversationId, nextEpoch(2, plain.client.id))).status).toBe(201);
    expect((await send(plain.client, plain.conversationId)).status).toBe(201);

    const brought = await acceptedCase();
    const epoch = (conversationId: string, recipients: string[]) => ({
      conversationId,
      epoch: 2,
      record: fakeBytes(300),
      wraps: recipients.map((recipientId) => ({ recipientId, wrap: fakeBytes(83) })),
      teamWrap: fakeBytes(83),
      archiveWrap: fakeBytes(83),
    });
    // The case epoch goes to the client only, the notes' to no participant; anything else changes nothing.
    for (const bad of [
      [epoch(brought.conversationId, [brought.client.id, f.anna.id])],
      [epoch(brought.notesConversationId, [f.anna.id])],
      [epoch(plain.conversationId, [plain.client.id])],
    ]) {
      const res = await handOver(brought, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await owed(brought.client, brought.conversationId)).toBe(false);
    const done = await handOver(brought, [
      epoch(brought.conversationId, [brought.client.id]),
      epoch(brought.notesConversationId, []),
    ]);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(await owed(brought.client, brought.conversationId)).toBe(false);
    expect((await send(brought.client, brought.conversationId)).status).toBe(201);
    expect((await send(f.olga, brought.notesConversationId)).status).toBe(201);
    const filed = await server.ctx.db.db
      .selectFrom("epoch_team_wraps")
      .select(["conversation_id", "ref_id", "generation"])
      .where("conversation_id", "in", [brought.conversationId, brought.notesConversationId])
      .where("epoch", "=", 2)
      .where("role", "=", "team")
      .execute();
    expect(filed).toHaveLength(2);
    expect(filed.every((w) => w.ref_id === f.otherTeamId && w.generation === 2)).toBe(true);
  });

  it("an epoch falls due after the organisation's message limit and day limit", async () => {
    const policy = (maxMessages: number, maxDays: number) =>
      as(f.admin).call(UpdateMessagingPolicy, {
        params: { orgId: f.orgId },
        body: { policy: { ...DEFAULT_MESSAGING_POLICY, epochs: { maxMessages, maxDays } } },
      });
    for (const [maxMessages, maxDays] of [
      [49, 30],
      [1000, 0],
      [2 ** 24 + 1, 30],
      [1000, 366],
    ])
      expect((await policy(maxMessages!, maxDays!)).status).toBe(400);
    expect((await policy(50, 7)).status).toBe(200);

    const { client, conversationId } = await acceptedCase();
    // The enquiry was message 1 of epoch 1: 49 more fit, the 51st waits for epoch 2.
    for (let i = 0; i < 49; i++) expect((await send(i % 2 ? client : f.anna, conversationId)).status).toBe(201);
    expect(await owed(client, conversationId)).toBe(true);
    expect(errorOf(await send(client, conversationId))).toMatchObject({ code: "epoch_rotation_owed" });
    expect((await addEpoch(client, conversationId, nextEpoch(2, client.id))).status).toBe(201);
    expect((await send(client, conversationId)).status).toBe(201);

    // Seven days after epoch 2 began, it is due as well (fresh sessions: the old ones expired meanwhile).
    clock.advance(7 * 24 * 3_600_000);
    const clientNow = await seedSession(server.ctx.db.db, client.id, clock.now());
    const annaNow = await seedSession(server.ctx.db.db, f.anna.id, clock.now());
    expect(await owed(clientNow, conversationId)).toBe(true);
    expect(errorOf(await send(annaNow, conversationId))).toMatchObject({ code: "epoch_rotation_owed" });
    expect((await addEpoch(annaNow, conversationId, nextEpoch(3, client.id))).status).toBe(201);
    expect((await send(clientNow, conversationId)).status).toBe(201);
    expect((await policy(1000, 30)).status).toBe(401);
    const adminNow = await seedSession(server.ctx.db.db, f.admin.id, clock.now());
    expect(
      (
        await as(adminNow).call(UpdateMessagingPolicy, {
          params: { orgId: f.orgId },
          body: { policy: DEFAULT_MESSAGING_POLICY },
        })
      ).status,
    ).toBe(200);
  });
});
