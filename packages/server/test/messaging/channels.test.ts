// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AddChannelWraps,
  AddEpoch,
  CreateChannel,
  GetConversation,
  ListChannelPending,
  ListChannels,
  ListClientChannels,
  ListEpochs,
  ListMessages,
  SendMessage,
  SubscribeChannel,
  UnsubscribeChannel,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { seedOrg } from "../admin/support";
import { seedCase } from "../compliance/support";
import { fakeEnvelope } from "./support";

/**
 * Broadcast channels (ADR 0037) through the API: who creates, who posts (owners) and who only reads
 * (subscribers, `channel_read_only`), clients and staff channels, subscribers never listed to each other, the
 * owners' catch-up wraps, and tenant isolation.
 */
describe.each(DIALECTS)("broadcast channels (%s)", (dialect) => {
  let server: TestServer;
  let orgId: string;
  let otherOrgId: string;
  let admin: SeededAccount;
  let lead: SeededAccount;
  let counsellor: SeededAccount;
  let outsiderAdmin: SeededAccount;
  let client1: SeededAccount;
  let client2: SeededAccount;
  let stranger: SeededAccount;
  const as = (a: SeededAccount) => apiAs(server, a);
  let n = 0;
  // Random bytes: no parseable header, so the send gate checks membership and the owed epoch only.
  const post = (a: SeededAccount, id: string) =>
    as(a).call(SendMessage, {
      params: { id },
      body: { clientMsgId: `ch-${dialect}-${n++}`, envelope: fakeEnvelope(80) },
    });

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const db = server.ctx.db.db;
    const org = await seedOrg(db);
    orgId = org.orgId;
    otherOrgId = (await seedOrg(db)).orgId;
    admin = await seedAccount(db, { orgId, role: "org_admin" });
    lead = await seedAccount(db, { orgId, role: "counsellor", team: { id: org.teamId, role: "lead" } });
    counsellor = await seedAccount(db, { orgId, role: "counsellor", team: { id: org.teamId, role: "member" } });
    outsiderAdmin = await seedAccount(db, { orgId: otherOrgId, role: "org_admin" });
    client1 = (await seedCase(db, { orgId, teamId: org.teamId })).client;
    client2 = (await seedCase(db, { orgId, teamId: org.teamId })).client;
    stranger = await seedAccount(db, { orgId: null, role: "client" });
  });
  afterAll(async () => server?.stop());

  async function create(by: SeededAccount, audience: "staff" | "clients", ownerIds: string[] = []) {
    const res = await as(by).call(CreateChannel, {
      params: { orgId },
      body: { name: audience === "clients" ? "Öffnungszeiten und Termine" : "Team-Info", audience, ownerIds },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (res.body as { channel: { id: string } }).channel.id;
  }
  async function firstEpoch(by: SeededAccount, id: string, ownerIds: string[]) {
    const res = await as(by).call(AddEpoch, {
      params: { id },
      body: {
        epoch: 1,
        record: fakeEnvelope(100),
        wraps: ownerIds.map((recipientId) => ({ recipientId, wrap: fakeEnvelope(80) })),
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }

  it("lets administrators and team leads create channels, nobody else", async () => {
    await create(admin, "clients", [lead.id]);
    await create(lead, "staff");
    const body = { name: "Team-Info", audience: "staff" as const, ownerIds: [] };
    expect((await as(counsellor).call(CreateChannel, { params: { orgId }, body })).status).toBe(403);
    expect((await as(client1).call(CreateChannel, { params: { orgId }, body })).status).toBe(404);
    expect((await as(outsiderAdmin).call(CreateChannel, { params: { orgId }, body })).status).toBe(404);
    // Owners are staff of the organisation: not a client, not another organisation's admin.
    for (const ownerIds of [[client1.id], [outsiderAdmin.id]])
      expect((await as(admin).call(CreateChannel, { params: { orgId }, body: { ...body, ownerIds } })).status).toBe(
        403,
      );
    // A name is one line of text.
    expect(
      (
        await as(admin).callRaw("POST", `/api/organisations/${orgId}/channels`, {
          name: "a\nb",
          audience: "staff",
          ownerIds: [],
        })
      ).status,
    ).toBe(400);
  });

  it("owners post; a subscriber's post is refused with channel_read_only; subscribers never see each other", async () => {
    const id = await create(admin, "clients", [lead.id]);
    await firstEpoch(admin, id, [admin.id, lead.id]);
    expect((await post(lead, id)).status).toBe(201);

    // The clients (each has a case with the organisation) find it in their list and subscribe.
    const listed = (await as(client1).call(ListClientChannels, {})).body as {
      channels: { id: string; name: string; myRole: string | null; waiting: boolean }[];
    };
    expect(listed.channels.find((c) => c.id === id)).toMatchObject({
      name: "Öffnungszeiten und Termine",
      myRole: null,
    });
    for (const c of [client1, client2])
      expect((await as(c).call(SubscribeChannel, { params: { channelId: id } })).status).toBe(204);

    // Until an owner's browser wraps the key: waiting. Owners see who waits, with their public keys.
    const waiting = (await as(client1).call(ListClientChannels, {})).body as {
      channels: { id: string; myRole: string | null; waiting: boolean }[];
    };
    expect(waiting.channels.find((c) => c.id === id)).toMatchObject({ myRole: "subscriber", waiting: true });
    const pending = (await as(lead).call(ListChannelPending, { params: { channelId: id } })).body as {
      subscribers: { accountId: string; kind: string; epochs: number[] }[];
    };
    expect(pending.subscribers.map((s) => s.accountId).sort()).toEqual([client1.id, client2.id].sort());
    expect(pending.subscribers.every((s) => s.kind === "client" && s.epochs.join() === "1")).toBe(true);
    // …and only owners: a subscriber asking is refused with the stable code.
    const asked = await as(client1).call(ListChannelPending, { params: { channelId: id } });
    expect(asked.status).toBe(403);
    expect((asked.body as unknown as { error: { code: string } }).error.code).toBe("channel_read_only");

    // A wrap to someone who is not a subscriber, or for an epoch that does not exist, is refused.
    for (const w of [
      { recipientId: counsellor.id, epoch: 1 },
      { recipientId: client1.id, epoch: 2 },
    ])
      expect(
        (
          await as(lead).call(AddChannelWraps, {
            params: { channelId: id },
            body: { wraps: [{ ...w, wrap: fakeEnvelope(80) }] },
          })
        ).status,
      ).toBe(400);
    const wraps = [client1, client2].map((c) => ({ recipientId: c.id, epoch: 1, wrap: fakeEnvelope(80) }));
    expect((await as(lead).call(AddChannelWraps, { params: { channelId: id }, body: { wraps } })).status).toBe(204);
    expect(
      ((await as(lead).call(ListChannelPending, { params: { channelId: id } })).body as { subscribers: [] })
        .subscribers,
    ).toEqual([]);

    // Each client reads the post with its own wrap only and sees the owners, never the other subscriber.
    for (const [me, other] of [
      [client1, client2],
      [client2, client1],
    ] as const) {
      const messages = (await as(me).call(ListMessages, { params: { id } })).body as { messages: unknown[] };
      expect(messages.messages).toHaveLength(1);
      const epochs = (await as(me).call(ListEpochs, { params: { id } })).body as { wraps: { epoch: number }[] };
      expect(epochs.wraps).toHaveLength(1);
      const seen = (await as(me).call(GetConversation, { params: { id } })).body as {
        members: { accountId: string }[];
      };
      const ids = seen.members.map((m) => m.accountId);
      expect(ids).toEqual(expect.arrayContaining([admin.id, lead.id, me.id]));
      expect(ids).not.toContain(other.id);
      const refused = await post(me, id);
      expect(refused.status).toBe(403);
      expect((refused.body as unknown as { error: { code: string } }).error.code).toBe("channel_read_only");
      const epoch = await as(me).call(AddEpoch, {
        params: { id },
        body: { epoch: 2, record: fakeEnvelope(100), wraps: [{ recipientId: me.id, wrap: fakeEnvelope(80) }] },
      });
      expect((epoch.body as unknown as { error: { code: string } }).error.code).toBe("channel_read_only");
    }
    expect(
      (
        (await as(client1).call(ListClientChannels, {})).body as { channels: { id: string; waiting: boolean }[] }
      ).channels.find((c) => c.id === id)?.waiting,
    ).toBe(false);

    // Unsubscribed: the posts are no longer handed out; subscribing again works.
    expect((await as(client2).call(UnsubscribeChannel, { params: { channelId: id } })).status).toBe(204);
    expect((await as(client2).call(ListMessages, { params: { id } })).status).toBe(404);
    expect((await as(client2).call(SubscribeChannel, { params: { channelId: id } })).status).toBe(204);
    expect((await as(client2).call(ListMessages, { params: { id } })).status).toBe(200);
  });

  it("keeps staff channels from clients and channels from clients without a case there", async () => {
    const staffChannel = await create(lead, "staff");
    const clientChannel = await create(admin, "clients");
    // A client cannot subscribe to a staff channel, nor see it listed.
    expect((await as(client1).call(SubscribeChannel, { params: { channelId: staffChannel } })).status).toBe(404);
    const listed = (await as(client1).call(ListClientChannels, {})).body as { channels: { id: string }[] };
    expect(listed.channels.map((c) => c.id)).not.toContain(staffChannel);
    // A client with no case at the organisation sees none of its channels and cannot subscribe.
    expect(((await as(stranger).call(ListClientChannels, {})).body as { channels: [] }).channels).toEqual([]);
    expect((await as(stranger).call(SubscribeChannel, { params: { channelId: clientChannel } })).status).toBe(404);
    // Staff of the organisation subscribe to a staff channel; staff list the organisation's channels.
    expect((await as(counsellor).call(SubscribeChannel, { params: { channelId: staffChannel } })).status).toBe(204);
    const staffList = (await as(counsellor).call(ListChannels, { params: { orgId } })).body as {
      channels: { id: string; myRole: string | null; audience: string }[];
    };
    expect(staffList.channels.find((c) => c.id === staffChannel)).toMatchObject({ myRole: "subscriber" });
    expect(staffList.channels.find((c) => c.id === clientChannel)).toMatchObject({ myRole: null, audience: "clients" });
    // An owner cannot also subscribe.
    expect((await as(lead).call(SubscribeChannel, { params: { channelId: staffChannel } })).status).toBe(409);
  });

  it("isolates organisations", async () => {
    const id = await create(admin, "staff");
    expect((await as(outsiderAdmin).call(ListChannels, { params: { orgId } })).status).toBe(404);
    expect((await as(outsiderAdmin).call(SubscribeChannel, { params: { channelId: id } })).status).toBe(404);
    expect((await as(outsiderAdmin).call(ListChannelPending, { params: { channelId: id } })).status).toBe(404);
    expect((await as(outsiderAdmin).call(ListMessages, { params: { id } })).status).toBe(404);
    const theirs = (await as(outsiderAdmin).call(ListChannels, { params: { orgId: otherOrgId } })).body as {
      channels: { id: string }[];
    };
    expect(theirs.channels.map((c) => c.id)).not.toContain(id);
  });
});
