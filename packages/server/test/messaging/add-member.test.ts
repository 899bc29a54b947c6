// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AddConversationMembers,
  AddEpoch,
  CreateConversation,
  GetConversation,
  ListConversations,
  ListEpochs,
  RemoveConversationMember,
  SendMessage,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { seedTeam } from "../admin/support";
import { fakeEnvelope, seedOrganisation } from "./support";

/**
 * Adding colleagues to a team chat later, and who changes members (issue #16, ADR 0040): the creator, or a member
 * who is an administrator or leads a team, adds active staff of the organisation, each with the chat's current
 * epoch key wrapped in the adder's browser — the newcomer gets that epoch's wrap and no earlier one, sees the chat
 * and writes in it. A wrap for an older epoch is refused with `epoch_outdated`; a current member again with
 * `conflict`; anyone else is refused. A removed member who tries to write gets `membership_ended`, and can be
 * added back. Both dialects.
 */
describe.each(DIALECTS)("adding chat members (%s)", (dialect) => {
  let server: TestServer;
  let anna: SeededAccount;
  let ben: SeededAccount;
  let carla: SeededAccount;
  let dora: SeededAccount;
  let lead: SeededAccount;
  let admin: SeededAccount;
  let outsider: SeededAccount;
  let client: SeededAccount;
  const as = (a: SeededAccount) => apiAs(server, a);
  const epoch = (n: number, to: SeededAccount[]) => ({
    epoch: n,
    record: fakeEnvelope(200, n),
    wraps: to.map((a) => ({ recipientId: a.id, wrap: fakeEnvelope(83, n) })),
  });
  const add = (who: SeededAccount, id: string, n: number, newcomers: SeededAccount[]) =>
    as(who).call(AddConversationMembers, {
      params: { id },
      body: { epoch: n, members: newcomers.map((a) => ({ accountId: a.id, wrap: fakeEnvelope(83, 40 + n) })) },
    });
  let seq = 0;
  const send = (who: SeededAccount, id: string) =>
    as(who).call(SendMessage, {
      params: { id },
      body: { clientMsgId: `am-${dialect}-${seq++}`, envelope: fakeEnvelope(64) },
    });

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const db = server.ctx.db.db;
    const org = await seedOrganisation(db);
    const { teamId } = await seedTeam(db, org);
    [anna, ben, carla, dora] = [
      await seedAccount(db, { orgId: org }),
      await seedAccount(db, { orgId: org }),
      await seedAccount(db, { orgId: org }),
      await seedAccount(db, { orgId: org }),
    ];
    lead = await seedAccount(db, { orgId: org, role: "counsellor", team: { id: teamId, role: "lead" } });
    admin = await seedAccount(db, { orgId: org, role: "org_admin" });
    outsider = await seedAccount(db, { orgId: await seedOrganisation(db) });
    client = await seedAccount(db, { orgId: null, role: "client" });
  });
  afterAll(async () => server?.stop());

  /** Anna's team chat with `members`, at epoch 1. */
  const teamChat = async (members: SeededAccount[]) => {
    const created = await as(anna).call(CreateConversation, {
      body: { kind: "team", memberIds: members.map((m) => m.id) },
    });
    const id = (created.body as { conversation: { id: string } }).conversation.id;
    expect((await as(anna).call(AddEpoch, { params: { id }, body: epoch(1, [anna, ...members]) })).status).toBe(201);
    return id;
  };
  const wrapEpochs = async (who: SeededAccount, id: string) =>
    ((await as(who).call(ListEpochs, { params: { id } })).body as { wraps: { epoch: number }[] }).wraps.map(
      (w) => w.epoch,
    );

  it("lets the creator add a colleague with the current epoch: they get that epoch, see the chat and write", async () => {
    const id = await teamChat([ben, carla]);
    // Epoch 2 after Carla leaves; Dora is added with a wrap of epoch 2, the current one.
    expect((await as(carla).call(RemoveConversationMember, { params: { id, accountId: carla.id } })).status).toBe(204);
    expect((await as(ben).call(AddEpoch, { params: { id }, body: epoch(2, [anna, ben]) })).status).toBe(201);
    expect((await send(ben, id)).status).toBe(201);

    const stale = await add(anna, id, 1, [dora]);
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe("epoch_outdated");
    expect((await add(anna, id, 2, [dora])).status).toBe(204);

    expect(await wrapEpochs(dora, id)).toEqual([2]);
    const list = (await as(dora).call(ListConversations)).body as { conversations: { id: string }[] };
    expect(list.conversations.map((c) => c.id)).toContain(id);
    const view = (await as(ben).call(GetConversation, { params: { id } })).body as {
      conversation: { rotationOwed: boolean };
      members: { accountId: string }[];
    };
    expect(view.members.map((m) => m.accountId).sort()).toEqual([anna.id, ben.id, dora.id].sort());
    // A newcomer owes no rotation: nothing they could not read before is exposed to anyone.
    expect(view.conversation.rotationOwed).toBe(false);
    expect((await send(dora, id)).status).toBe(201);

    // Again: already a member.
    const again = await add(anna, id, 2, [dora]);
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe("conflict");

    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["actor_id", "data"])
      .where("action", "=", "conversation.member_added")
      .where("target_id", "=", id)
      .execute();
    expect(audit.map((a) => [a.actor_id, JSON.parse(a.data)])).toEqual([[anna.id, { accountId: dora.id }]]);
  });

  it("lets a member who leads a team or administers add and remove, never the creator; other members not", async () => {
    const id = await teamChat([ben, lead, admin]);
    expect((await add(ben, id, 1, [carla])).status).toBe(403);
    expect((await add(lead, id, 1, [carla])).status).toBe(204);
    expect((await add(admin, id, 1, [dora])).status).toBe(204);
    // Removing: Ben may not; the lead removes Carla, the admin Dora; nobody removes the creator.
    expect((await as(ben).call(RemoveConversationMember, { params: { id, accountId: carla.id } })).status).toBe(403);
    expect((await as(lead).call(RemoveConversationMember, { params: { id, accountId: carla.id } })).status).toBe(204);
    expect((await as(admin).call(RemoveConversationMember, { params: { id, accountId: dora.id } })).status).toBe(204);
    expect((await as(admin).call(RemoveConversationMember, { params: { id, accountId: anna.id } })).status).toBe(403);
    // An admin who is not in the chat: it does not exist for them.
    const other = await teamChat([ben]);
    expect((await add(admin, other, 1, [carla])).status).toBe(404);
  });

  it("refuses outsiders, clients, disabled accounts, direct chats and bad input", async () => {
    const id = await teamChat([ben]);
    expect((await add(anna, id, 1, [outsider])).status).toBe(403);
    expect((await add(anna, id, 1, [client])).status).toBe(403);
    expect((await add(anna, id, 1, [anna])).status).toBe(403);
    const gone = await seedAccount(server.ctx.db.db, { orgId: ben.organisationId });
    await server.ctx.db.db.updateTable("accounts").set({ disabled_at: Date.now() }).where("id", "=", gone.id).execute();
    expect((await add(anna, id, 1, [gone])).status).toBe(403);
    const direct = await as(anna).call(CreateConversation, { body: { kind: "direct", memberIds: [dora.id] } });
    const directId = (direct.body as { conversation: { id: string } }).conversation.id;
    expect((await add(anna, directId, 1, [carla])).status).toBe(403);
    // The same account twice, or no wrap: refused before anything is looked up.
    const twice = await as(anna).callRaw("POST", `/api/conversations/${id}/members`, {
      epoch: 1,
      members: [
        { accountId: carla.id, wrap: fakeEnvelope(83) },
        { accountId: carla.id, wrap: fakeEnvelope(83) },
      ],
    });
    expect(twice.status).toBe(400);
    expect(
      (
        await as(anna).callRaw("POST", `/api/conversations/${id}/members`, {
          epoch: 1,
          members: [{ accountId: carla.id }],
        })
      ).status,
    ).toBe(400);
    // Nothing changed.
    const view = (await as(ben).call(GetConversation, { params: { id } })).body as { members: { accountId: string }[] };
    expect(view.members.map((m) => m.accountId).sort()).toEqual([anna.id, ben.id].sort());
  });

  it("answers a removed member's post with membership_ended, and lets them be added back", async () => {
    const id = await teamChat([ben, carla]);
    expect((await as(anna).call(RemoveConversationMember, { params: { id, accountId: carla.id } })).status).toBe(204);
    const refused = await send(carla, id);
    expect(refused.status).toBe(403);
    expect(errorOf(refused).code).toBe("membership_ended");
    const epochRefused = await as(carla).call(AddEpoch, { params: { id }, body: epoch(2, [carla]) });
    expect(errorOf(epochRefused).code).toBe("membership_ended");
    // Reading stays "not found", as for everyone outside.
    expect((await as(carla).call(GetConversation, { params: { id } })).status).toBe(404);

    expect((await as(ben).call(AddEpoch, { params: { id }, body: epoch(2, [anna, ben]) })).status).toBe(201);
    expect((await add(anna, id, 2, [carla])).status).toBe(204);
    expect(await wrapEpochs(carla, id)).toEqual([1, 2]);
    expect((await send(carla, id)).status).toBe(201);
  });
});
