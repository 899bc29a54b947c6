// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AddEpoch,
  CreateConversation,
  GetConversation,
  ListConversations,
  RemoveConversationMember,
  SendMessage,
  SetConversationTitle,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { fakeEnvelope, MsgClient, seedOrganisation } from "./support";

/**
 * Taking a member out of a team chat, and its title (issue #16): only the chat's creator may, or a member leaves
 * (not the creator), never in a direct chat; the removed member is refused everything in the chat from then on,
 * and the chat owes a new epoch without them (ADR 0029) — nothing is sent, and no epoch is stored that still wraps to them, until the remaining members
 * have one. Audited. Real keys: remove-member-crypto.test.ts.
 */
describe.each(DIALECTS)("removing a chat member (%s)", (dialect) => {
  let server: TestServer;
  let anna: SeededAccount;
  let ben: SeededAccount;
  let carla: SeededAccount;
  const as = (a: SeededAccount) => apiAs(server, a);
  const epoch = (n: number, to: SeededAccount[]) => ({
    epoch: n,
    record: fakeEnvelope(200, n),
    wraps: to.map((a) => ({ recipientId: a.id, wrap: fakeEnvelope(83, n) })),
  });
  let seq = 0;
  const send = (who: SeededAccount, id: string) =>
    as(who).call(SendMessage, {
      params: { id },
      body: { clientMsgId: `rm-${dialect}-${seq++}`, envelope: fakeEnvelope(64) },
    });

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const db = server.ctx.db.db;
    const org = await seedOrganisation(db);
    [anna, ben, carla] = [
      await seedAccount(db, { orgId: org }),
      await seedAccount(db, { orgId: org }),
      await seedAccount(db, { orgId: org }),
    ];
  });
  afterAll(async () => server?.stop());

  const teamChat = async () => {
    const created = await as(anna).call(CreateConversation, { body: { kind: "team", memberIds: [ben.id, carla.id] } });
    const id = (created.body as { conversation: { id: string } }).conversation.id;
    expect((await as(anna).call(AddEpoch, { params: { id }, body: epoch(1, [anna, ben, carla]) })).status).toBe(201);
    return id;
  };

  it("lets the creator remove a member: they lose the chat, and a new epoch without them is owed", async () => {
    const id = await teamChat();
    expect((await send(carla, id)).status).toBe(201);

    const removed = await as(anna).call(RemoveConversationMember, { params: { id, accountId: carla.id } });
    expect(removed.status).toBe(204);

    // Carla is out: the chat is gone from her list, reading it is refused like one she never was in, and her
    // post gets the stable code that says why (add-member.test.ts).
    expect((await as(carla).call(GetConversation, { params: { id } })).status).toBe(404);
    expect(errorOf(await send(carla, id)).code).toBe("membership_ended");
    const carlasList = (await as(carla).call(ListConversations)).body as { conversations: { id: string }[] };
    expect(carlasList.conversations.map((c) => c.id)).not.toContain(id);

    // The others see the member list without her and that a new epoch is owed; nothing goes in before it.
    const view = (await as(ben).call(GetConversation, { params: { id } })).body as {
      conversation: { rotationOwed: boolean };
      members: { accountId: string }[];
    };
    expect(view.conversation.rotationOwed).toBe(true);
    expect(view.members.map((m) => m.accountId).sort()).toEqual([anna.id, ben.id].sort());
    const refused = await send(ben, id);
    expect(refused.status).toBe(409);
    expect(errorOf(refused).code).toBe("epoch_rotation_owed");

    // An epoch that still wraps to her is refused; one for the remaining members settles it.
    expect((await as(ben).call(AddEpoch, { params: { id }, body: epoch(2, [anna, ben, carla]) })).status).toBe(400);
    expect((await as(ben).call(AddEpoch, { params: { id }, body: epoch(2, [anna, ben]) })).status).toBe(201);
    expect((await send(ben, id)).status).toBe(201);

    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["actor_id", "data"])
      .where("action", "=", "conversation.member_removed")
      .where("target_id", "=", id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(anna.id);
    expect(JSON.parse(audit[0]!.data)).toEqual({ accountId: carla.id });

    // Removing her again finds no member.
    expect((await as(anna).call(RemoveConversationMember, { params: { id, accountId: carla.id } })).status).toBe(404);
  });

  it("ends the removed member's open WebSocket subscription: what is written afterwards does not reach them", async () => {
    const id = await teamChat();
    const direct = await as(anna).call(CreateConversation, { body: { kind: "direct", memberIds: [carla.id] } });
    const directId = (direct.body as { conversation: { id: string } }).conversation.id;
    const carlaWs = await MsgClient.connect(server.url, carla.cookie);
    try {
      carlaWs.subscribe([
        { conversationId: id, afterSeq: 0 },
        { conversationId: directId, afterSeq: 0 },
      ]);
      expect((await send(ben, id)).status).toBe(201);
      await carlaWs.waitFor(() => carlaWs.messages(id).length === 1);

      expect((await as(anna).call(RemoveConversationMember, { params: { id, accountId: carla.id } })).status).toBe(204);
      expect((await as(ben).call(AddEpoch, { params: { id }, body: epoch(2, [anna, ben]) })).status).toBe(201);
      expect((await send(ben, id)).status).toBe(201);
      // Written after the team chat's message: once it arrived, the team chat's would have been delivered too.
      expect((await send(anna, directId)).status).toBe(201);
      await carlaWs.waitFor(() => carlaWs.messages(directId).length === 1);
      expect(carlaWs.messages(id).map((m) => m.seq)).toEqual([1]);
    } finally {
      await carlaWs.close();
    }
  });

  it("lets a member leave a team chat: they lose it, and a new epoch without them is owed", async () => {
    const id = await teamChat();
    expect((await as(carla).call(RemoveConversationMember, { params: { id, accountId: carla.id } })).status).toBe(204);
    expect((await as(carla).call(GetConversation, { params: { id } })).status).toBe(404);
    expect((await send(carla, id)).status).toBe(403);
    const view = (await as(anna).call(GetConversation, { params: { id } })).body as {
      conversation: { rotationOwed: boolean };
      members: { accountId: string }[];
    };
    expect(view.conversation.rotationOwed).toBe(true);
    expect(view.members.map((m) => m.accountId).sort()).toEqual([anna.id, ben.id].sort());
    expect((await as(ben).call(AddEpoch, { params: { id }, body: epoch(2, [anna, ben, carla]) })).status).toBe(400);
    expect((await as(ben).call(AddEpoch, { params: { id }, body: epoch(2, [anna, ben]) })).status).toBe(201);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["actor_id", "data"])
      .where("action", "=", "conversation.member_removed")
      .where("target_id", "=", id)
      .execute();
    expect(audit.map((a) => [a.actor_id, JSON.parse(a.data)])).toEqual([[carla.id, { accountId: carla.id }]]);
  });

  it("refuses members who are not the creator (nor admin or team lead), the creator themselves, direct chats and outsiders", async () => {
    const id = await teamChat();
    expect((await as(ben).call(RemoveConversationMember, { params: { id, accountId: carla.id } })).status).toBe(403);
    expect((await as(anna).call(RemoveConversationMember, { params: { id, accountId: anna.id } })).status).toBe(403);
    const direct = await as(ben).call(CreateConversation, { body: { kind: "direct", memberIds: [carla.id] } });
    const directId = (direct.body as { conversation: { id: string } }).conversation.id;
    expect(
      (await as(ben).call(RemoveConversationMember, { params: { id: directId, accountId: carla.id } })).status,
    ).toBe(403);
    // Not a member of the direct chat: it does not exist for anna.
    expect(
      (await as(anna).call(RemoveConversationMember, { params: { id: directId, accountId: carla.id } })).status,
    ).toBe(404);
    // Nothing changed: carla still reads the team chat, and nothing is owed.
    const view = (await as(carla).call(GetConversation, { params: { id } })).body as {
      conversation: { rotationOwed: boolean };
    };
    expect(view.conversation.rotationOwed).toBe(false);
  });

  it("lets the creator give a team chat its sealed title, which members get with the chat", async () => {
    const id = await teamChat();
    const sealed = fakeEnvelope(300, 7);
    expect((await as(ben).call(SetConversationTitle, { params: { id }, body: { envelope: sealed } })).status).toBe(403);
    expect((await as(anna).call(SetConversationTitle, { params: { id }, body: { envelope: sealed } })).status).toBe(
      204,
    );
    const view = (await as(carla).call(GetConversation, { params: { id } })).body as {
      conversation: { titleEnvelope?: string };
    };
    expect(view.conversation.titleEnvelope).toBe(sealed);
    const list = (await as(ben).call(ListConversations)).body as {
      conversations: { id: string; titleEnvelope?: string }[];
    };
    expect(list.conversations.find((c) => c.id === id)!.titleEnvelope).toBe(sealed);
    // Too large, a direct chat, a non-member.
    expect(
      (await as(anna).call(SetConversationTitle, { params: { id }, body: { envelope: fakeEnvelope(5000) } })).status,
    ).toBe(400);
    const direct = await as(anna).call(CreateConversation, { body: { kind: "direct", memberIds: [ben.id] } });
    const directChat = (direct.body as { conversation: { id: string; titleEnvelope?: string } }).conversation;
    expect(directChat.titleEnvelope).toBeUndefined();
    const titleOf = (who: SeededAccount, chatId: string) =>
      as(who).call(SetConversationTitle, { params: { id: chatId }, body: { envelope: sealed } });
    expect((await titleOf(anna, directChat.id)).status).toBe(403);
    expect((await titleOf(carla, directChat.id)).status).toBe(404);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("actor_id")
      .where("action", "=", "conversation.title_set")
      .where("target_id", "=", id)
      .execute();
    expect(audit).toEqual([{ actor_id: anna.id }]);
  });
});
