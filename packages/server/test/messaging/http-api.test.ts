// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AddEpoch,
  CreateConversation,
  GetConversation,
  ListConversations,
  ListEpochs,
  ListMessages,
  MarkRead,
  SendMessage,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditAggregator } from "../../src/core/audit-aggregate";
import { createConversation } from "../../src/modules/messaging/conversations";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { fakeEnvelope, seedOrganisation } from "./support";

describe.each(DIALECTS)("messaging HTTP API (%s)", (dialect) => {
  let server: TestServer;
  let org: string;
  let anna: SeededAccount;
  let ben: SeededAccount;
  let carla: SeededAccount;
  let outsider: SeededAccount;
  let client: SeededAccount;
  const as = (a: SeededAccount) => apiAs(server, a);

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const db = server.ctx.db.db;
    org = await seedOrganisation(db);
    const otherOrg = await seedOrganisation(db);
    [anna, ben, carla] = [
      await seedAccount(db, { orgId: org }),
      await seedAccount(db, { orgId: org }),
      await seedAccount(db, { orgId: org }),
    ];
    outsider = await seedAccount(db, { orgId: otherOrg });
    client = await seedAccount(db, { orgId: null, kind: "client" });
  });
  afterAll(async () => server?.stop());

  it("creates direct and team conversations only between staff of one organisation", async () => {
    expect((await as(anna).call(CreateConversation, { body: { kind: "direct", memberIds: [ben.id] } })).status).toBe(
      201,
    );
    expect((await as(ben).call(CreateConversation, { body: { kind: "direct", memberIds: [anna.id] } })).status).toBe(
      409,
    );
    expect(
      (await as(anna).call(CreateConversation, { body: { kind: "direct", memberIds: [outsider.id] } })).status,
    ).toBe(403);
    expect(
      (await as(anna).call(CreateConversation, { body: { kind: "team", memberIds: [ben.id, client.id] } })).status,
    ).toBe(403);
    expect((await as(client).call(CreateConversation, { body: { kind: "direct", memberIds: [anna.id] } })).status).toBe(
      403,
    );
    expect(
      (await as(anna).callRaw("POST", "/api/conversations", { kind: "case", memberIds: [client.id] })).status,
    ).toBe(400);
    expect(
      (await as(anna).call(CreateConversation, { body: { kind: "team", memberIds: ["no-such-account"] } })).status,
    ).toBe(403);
  });

  it("sends, pages history both ways, retries idempotently and counts unread", async () => {
    const created = await as(anna).call(CreateConversation, { body: { kind: "team", memberIds: [ben.id, carla.id] } });
    const id = (created.body as { conversation: { id: string } }).conversation.id;
    const acks: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await as(i % 2 ? ben : anna).call(SendMessage, {
        params: { id },
        body: {
          clientMsgId: `cm-http-${i}-${dialect}`,
          envelope: fakeEnvelope(64, i),
        },
      });
      expect(res.status).toBe(201);
      acks.push((res.body as { seq: number }).seq);
    }
    expect(acks).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // A retry after a lost response: same seq and id, nothing new stored.
    const retry = await as(anna).call(SendMessage, {
      params: { id },
      body: {
        clientMsgId: `cm-http-0-${dialect}`,
        envelope: fakeEnvelope(64, 0),
      },
    });
    expect(retry.body).toMatchObject({ seq: 1, duplicate: true });
    const latest = await as(carla).call(ListMessages, { params: { id }, query: { limit: 3 } });
    const page = latest.body as { messages: { seq: number; envelope: string }[]; hasMore: boolean };
    expect(page.messages.map((m) => m.seq)).toEqual([5, 6, 7]);
    expect(page.hasMore).toBe(true);
    expect(page.messages[0]!.envelope).toBe(fakeEnvelope(64, 4));
    const older = (await as(carla).call(ListMessages, { params: { id }, query: { before: 5, limit: 10 } }))
      .body as typeof page;
    expect(older.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(older.hasMore).toBe(false);
    const newer = (await as(carla).call(ListMessages, { params: { id }, query: { after: 5 } })).body as typeof page;
    expect(newer.messages.map((m) => m.seq)).toEqual([6, 7]);
    expect((await as(carla).call(ListMessages, { params: { id }, query: { after: 1, before: 3 } })).status).toBe(400);

    const list = async (a: SeededAccount) =>
      (
        (await as(a).call(ListConversations)).body as {
          conversations: { id: string; unread: number; lastSeq: number }[];
        }
      ).conversations.find((c) => c.id === id)!;
    expect(await list(carla)).toMatchObject({ lastSeq: 7, unread: 7 });
    expect(await list(anna)).toMatchObject({ unread: 0 }); // own messages count as read: anna sent seq 7
    expect(await list(ben)).toMatchObject({ unread: 1 });
    expect((await as(carla).call(MarkRead, { params: { id }, body: { seq: 5 } })).status).toBe(204);
    expect(await list(carla)).toMatchObject({ unread: 2 });
    await as(carla).call(MarkRead, { params: { id }, body: { seq: 2 } }); // never backwards
    expect(await list(carla)).toMatchObject({ unread: 2 });
    await as(carla).call(MarkRead, { params: { id }, body: { seq: 1000 } }); // never past the end
    expect(await list(carla)).toMatchObject({ unread: 0, lastSeq: 7 });
  });

  it("edits and deletes only reference own messages", async () => {
    const created = await as(anna).call(CreateConversation, { body: { kind: "team", memberIds: [ben.id] } });
    const id = (created.body as { conversation: { id: string } }).conversation.id;
    const first = (
      await as(anna).call(SendMessage, {
        params: { id },
        body: {
          clientMsgId: `ed-1-${dialect}`,
          envelope: fakeEnvelope(40),
        },
      })
    ).body as { id: string };
    expect(
      (
        await as(anna).call(SendMessage, {
          params: { id },
          body: {
            clientMsgId: `ed-2-${dialect}`,
            envelope: fakeEnvelope(40),
            kind: "edit",
            replacesId: first.id,
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await as(ben).call(SendMessage, {
          params: { id },
          body: {
            clientMsgId: `ed-3-${dialect}`,
            envelope: fakeEnvelope(40),
            kind: "delete",
            replacesId: first.id,
          },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await as(anna).call(SendMessage, {
          params: { id },
          body: {
            clientMsgId: `ed-4-${dialect}`,
            envelope: fakeEnvelope(40),
            kind: "edit",
          },
        })
      ).status,
    ).toBe(400);
    const history = (await as(ben).call(ListMessages, { params: { id } })).body as {
      messages: { seq: number; kind: string; replacesId: string | null }[];
    };
    expect(history.messages.map((m) => [m.seq, m.kind, m.replacesId])).toEqual([
      [1, "message", null],
      [2, "edit", first.id],
    ]);
  });

  it("answers non-members with 404 everywhere and audits every refusal", async () => {
    const created = await as(anna).call(CreateConversation, { body: { kind: "team", memberIds: [ben.id] } });
    const id = (created.body as { conversation: { id: string } }).conversation.id;
    // Repeated refusals of one kind fold into a summary row with their `count` (core/audit-aggregate.ts).
    const refusals = async () => {
      await auditAggregator(server.ctx).flush();
      const rows = await server.ctx.db.db
        .selectFrom("audit_events")
        .select(["actor_id", "data"])
        .where("action", "=", "conversation.access_denied")
        .where("actor_id", "in", [carla.id, outsider.id, client.id])
        .execute();
      return { rows, total: rows.reduce((sum, r) => sum + ((JSON.parse(r.data) as { count?: number }).count ?? 1), 0) };
    };
    const before = await refusals();
    for (const who of [carla, outsider, client]) {
      expect((await as(who).call(GetConversation, { params: { id } })).status).toBe(404);
      expect((await as(who).call(ListMessages, { params: { id } })).status).toBe(404);
      expect(
        (
          await as(who).call(SendMessage, {
            params: { id },
            body: {
              clientMsgId: `nm-${who.id}`,
              envelope: fakeEnvelope(10),
            },
          })
        ).status,
      ).toBe(404);
      expect((await as(who).call(ListEpochs, { params: { id } })).status).toBe(404);
      expect((await as(who).call(MarkRead, { params: { id }, body: { seq: 1 } })).status).toBe(404);
    }
    // A conversation that does not exist looks exactly the same.
    const missing = await as(carla).call(GetConversation, { params: { id: "doesnotexist0" } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual((await as(carla).call(GetConversation, { params: { id } })).body);
    const after = await refusals();
    // 15 in the loop, the missing conversation and carla's second read.
    expect(after.total - before.total).toBe(17);
    expect(new Set(after.rows.map((a) => a.actor_id))).toEqual(new Set([carla.id, outsider.id, client.id]));
    expect(
      (await as(anna).callRaw("POST", "/api/conversations", { kind: "team", memberIds: [ben.id], extra: 1 })).status,
    ).toBe(400);
  });

  it("lets broadcast subscribers read but not send, and never see each other", async () => {
    const sub1 = await seedAccount(server.ctx.db.db, { orgId: null, kind: "client" });
    const sub2 = await seedAccount(server.ctx.db.db, { orgId: null, kind: "client" });
    const channel = await createConversation(server.ctx, {
      actor: { accountId: anna.id, kind: "staff", organisationId: org },
      kind: "broadcast",
      memberIds: [ben.id, sub1.id, sub2.id],
    });
    expect(
      (
        await as(ben).call(SendMessage, {
          params: { id: channel.id },
          body: {
            clientMsgId: `bc-1-${dialect}`,
            envelope: fakeEnvelope(50),
          },
        })
      ).status,
    ).toBe(201);
    const refused = await as(sub1).call(SendMessage, {
      params: { id: channel.id },
      body: {
        clientMsgId: `bc-2-${dialect}`,
        envelope: fakeEnvelope(50),
      },
    });
    expect(refused.status).toBe(403);
    expect(
      ((await as(sub1).call(ListMessages, { params: { id: channel.id } })).body as { messages: unknown[] }).messages,
    ).toHaveLength(1);
    const seen = (await as(sub1).call(GetConversation, { params: { id: channel.id } })).body as {
      members: { accountId: string; role: string }[];
    };
    expect(seen.members.map((m) => m.accountId).sort()).toEqual([anna.id, ben.id, sub1.id].sort());
    expect(seen.members.map((m) => m.accountId)).not.toContain(sub2.id);
    const owner = (await as(anna).call(GetConversation, { params: { id: channel.id } })).body as {
      members: { accountId: string; role: string }[];
    };
    expect(owner.members.filter((m) => m.role === "subscriber")).toHaveLength(2);
    // Subscribers cannot publish epochs either.
    expect(
      (
        await as(sub1).call(AddEpoch, {
          params: { id: channel.id },
          body: {
            epoch: 1,
            record: fakeEnvelope(100),
            wraps: [{ recipientId: sub1.id, wrap: fakeEnvelope(80) }],
          },
        })
      ).status,
    ).toBe(403);
  });

  it("stores epoch records in order and hands each member only its own key wraps", async () => {
    const created = await as(anna).call(CreateConversation, { body: { kind: "team", memberIds: [ben.id] } });
    const id = (created.body as { conversation: { id: string } }).conversation.id;
    const wraps = [
      { recipientId: anna.id, wrap: fakeEnvelope(80, 1) },
      { recipientId: ben.id, wrap: fakeEnvelope(80, 2) },
    ];
    expect(
      (await as(anna).call(AddEpoch, { params: { id }, body: { epoch: 2, record: fakeEnvelope(100), wraps } })).status,
    ).toBe(409);
    expect(
      (await as(anna).call(AddEpoch, { params: { id }, body: { epoch: 1, record: fakeEnvelope(100, 9), wraps } }))
        .status,
    ).toBe(201);
    expect(
      (await as(ben).call(AddEpoch, { params: { id }, body: { epoch: 1, record: fakeEnvelope(100), wraps } })).status,
    ).toBe(409);
    expect(
      (
        await as(ben).call(AddEpoch, {
          params: { id },
          body: {
            epoch: 2,
            record: fakeEnvelope(100),
            wraps: [{ recipientId: carla.id, wrap: fakeEnvelope(80) }],
          },
        })
      ).status,
    ).toBe(400);
    const mine = (await as(ben).call(ListEpochs, { params: { id } })).body;
    expect(mine).toEqual({
      epochs: [{ epoch: 1, record: fakeEnvelope(100, 9), createdBy: anna.id, createdAt: expect.any(Number) }],
      wraps: [{ epoch: 1, wrap: fakeEnvelope(80, 2) }],
    });
  });

  it("rejects oversized envelopes and malformed ids with 400, never 500", async () => {
    const created = await as(anna).call(CreateConversation, { body: { kind: "team", memberIds: [ben.id] } });
    const id = (created.body as { conversation: { id: string } }).conversation.id;
    expect(
      (
        await as(anna).call(SendMessage, {
          params: { id },
          body: {
            clientMsgId: "big-one-1",
            envelope: fakeEnvelope(64 * 1024 + 1),
          },
        })
      ).status,
    ).toBe(400);
    expect(
      (await as(anna).call(SendMessage, { params: { id }, body: { clientMsgId: "x", envelope: fakeEnvelope(10) } }))
        .status,
    ).toBe(400);
    expect(
      (
        await as(anna).call(SendMessage, {
          params: { id },
          body: {
            clientMsgId: "ok-1234567",
            envelope: "not base64!",
          },
        })
      ).status,
    ).toBe(400);
    expect((await as(anna).call(ListMessages, { params: { id }, query: { limit: 101 } })).status).toBe(400);
    expect(
      (
        await as(anna).call(SendMessage, {
          params: { id },
          body: {
            clientMsgId: "max-size-1",
            envelope: fakeEnvelope(64 * 1024),
          },
        })
      ).status,
    ).toBe(201);
  });
});
