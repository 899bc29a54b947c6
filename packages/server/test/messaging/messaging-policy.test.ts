// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  GetConversation,
  GetMessagingPolicy,
  MarkRead,
  type MessagingPolicyView,
  UpdateMessagingPolicy,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversation } from "../../src/modules/messaging/conversations";
import { DEFAULT_MESSAGING_POLICY } from "../../src/modules/messaging/messaging-policy";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { type SeededOrg, seedOrg } from "../admin/support";
import { fakeEnvelope, MsgClient, type Frame } from "./support";

/**
 * The messaging policy per organisation (issue 5, items 2 and 6): the
 * routes (validation, roles, tenant isolation, audit) and what receipts and
 * typing notices do on open WebSockets when an admin changes it.
 */
const path = (orgId: string) => `/api/organisations/${orgId}/messaging-policy`;

function withKind(
  base: MessagingPolicyView,
  kind: keyof MessagingPolicyView["kinds"],
  rule: { receipts: boolean; typing: boolean },
): MessagingPolicyView {
  return { ...base, kinds: { ...base.kinds, [kind]: rule } };
}

describe.each(DIALECTS)("messaging policy (%s)", (dialect) => {
  let server: TestServer;
  let org: SeededOrg;
  let other: SeededOrg;
  let admin: SeededAccount;
  const open: MsgClient[] = [];
  const connect = async (a: SeededAccount) => {
    const c = await MsgClient.connect(server.url, a.cookie);
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer({ dialect, env: { OBHUT_RATE_LIMITS: "api=100000" } });
    org = await seedOrg(server.ctx.db.db);
    other = await seedOrg(server.ctx.db.db);
    admin = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "org_admin" });
  });
  afterAll(async () => {
    for (const c of open) c.ws.terminate();
    await server?.stop();
  });

  it("answers the defaults, lets only admins change it (DPO reads), validates and audits", async () => {
    const db = server.ctx.db.db;
    const asAdmin = apiAs(server, admin);
    expect(await asAdmin.call(GetMessagingPolicy, { params: { orgId: org.orgId } })).toMatchObject({
      status: 200,
      body: { policy: DEFAULT_MESSAGING_POLICY },
    });

    const dpo = await seedAccount(db, { orgId: org.orgId, role: "dpo" });
    const counsellor = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
    const client = await seedAccount(db, { orgId: null, role: "client" });
    const foreignAdmin = await seedAccount(db, { orgId: other.orgId, role: "org_admin" });
    const body = { policy: { ...DEFAULT_MESSAGING_POLICY, presence: { staff: false, clients: true } } };
    expect((await apiAs(server, dpo).call(GetMessagingPolicy, { params: { orgId: org.orgId } })).status).toBe(200);
    expect(
      (await apiAs(server, dpo).call(UpdateMessagingPolicy, { params: { orgId: org.orgId }, body })).body,
    ).toMatchObject({
      error: { code: "forbidden" },
    });
    expect((await apiAs(server, counsellor).call(GetMessagingPolicy, { params: { orgId: org.orgId } })).status).toBe(
      403,
    );
    expect(
      (await apiAs(server, counsellor).call(UpdateMessagingPolicy, { params: { orgId: org.orgId }, body })).status,
    ).toBe(403);
    // Outside the organisation it does not exist: 404, never 403.
    expect((await apiAs(server, client).call(GetMessagingPolicy, { params: { orgId: org.orgId } })).body).toMatchObject(
      {
        error: { code: "not_found" },
      },
    );
    expect((await apiAs(server, foreignAdmin).call(GetMessagingPolicy, { params: { orgId: org.orgId } })).status).toBe(
      404,
    );
    expect(
      (await apiAs(server, foreignAdmin).call(UpdateMessagingPolicy, { params: { orgId: org.orgId }, body })).status,
    ).toBe(404);
    expect(
      (await apiAs(server, admin).call(UpdateMessagingPolicy, { params: { orgId: other.orgId }, body })).status,
    ).toBe(404);
    expect(
      (await apiAs(server, { cookie: "obhut_session=nope" }).call(GetMessagingPolicy, { params: { orgId: org.orgId } }))
        .status,
    ).toBe(401);

    const { case: _dropped, ...fourKinds } = DEFAULT_MESSAGING_POLICY.kinds;
    for (const bad of [
      {},
      { policy: { kinds: fourKinds, presence: DEFAULT_MESSAGING_POLICY.presence } },
      { policy: { ...DEFAULT_MESSAGING_POLICY, presence: { staff: true } } },
      { policy: { ...DEFAULT_MESSAGING_POLICY, presence: { staff: true, clients: "yes" } } },
      { policy: withKind(DEFAULT_MESSAGING_POLICY, "team", { receipts: true, typing: 1 as unknown as boolean }) },
      { policy: { ...DEFAULT_MESSAGING_POLICY, kinds: { ...DEFAULT_MESSAGING_POLICY.kinds, chat: {} } } },
      { policy: DEFAULT_MESSAGING_POLICY, extra: true },
    ]) {
      const res = await asAdmin.callRaw("PUT", path(org.orgId), bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: "invalid_body" } });
    }
    // Nothing was stored by the refused requests.
    expect(await db.selectFrom("messaging_policies").selectAll().execute()).toEqual([]);

    const put = await asAdmin.call(UpdateMessagingPolicy, { params: { orgId: org.orgId }, body });
    expect(put).toMatchObject({ status: 200, body });
    expect((await apiAs(server, dpo).call(GetMessagingPolicy, { params: { orgId: org.orgId } })).body).toEqual(body);
    expect((await asAdmin.call(GetMessagingPolicy, { params: { orgId: other.orgId } })).status).toBe(404);
    const audit = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "organisation.messaging_policy_updated")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organisation_id: org.orgId, actor_id: admin.id, target_id: org.orgId });
    expect(JSON.parse(audit[0]!.data)).toMatchObject({
      "presence.staff": false,
      "presence.clients": true,
      "case.receipts": false,
      "team.typing": true,
    });
    // Back to the defaults for the tests below (a second audited change).
    expect(
      (
        await asAdmin.call(UpdateMessagingPolicy, {
          params: { orgId: org.orgId },
          body: { policy: DEFAULT_MESSAGING_POLICY },
        })
      ).status,
    ).toBe(200);
  });

  it("forwards receipts and typing exactly where the policy of the conversation's organisation says, at once", async () => {
    const db = server.ctx.db.db;
    const asAdmin = apiAs(server, admin);
    const anna = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
    const ben = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
    const client = await seedAccount(db, { orgId: null, role: "client" });
    const actor = { accountId: anna.id, kind: "staff" as const, organisationId: org.orgId };
    const open = async (kind: "direct" | "team" | "case", memberIds: string[]) =>
      (await createConversation(server.ctx, { actor, kind, memberIds })).id;
    const direct = await open("direct", [ben.id]);
    const caseConv = await open("case", [client.id]);

    const annaWs = await connect(anna);
    const benWs = await connect(ben);
    const clientWs = await connect(client);
    annaWs.subscribe([
      { conversationId: direct, afterSeq: 0 },
      { conversationId: caseConv, afterSeq: 0 },
    ]);
    benWs.subscribe([{ conversationId: direct, afterSeq: 0 }]);
    clientWs.subscribe([{ conversationId: caseConv, afterSeq: 0 }]);
    const ack = await annaWs.send(direct, "pol-direct-1", fakeEnvelope(20));
    const caseAck = await annaWs.send(caseConv, "pol-case-1", fakeEnvelope(20));
    await benWs.waitFor(() => benWs.messages(direct).length === 1);
    await clientWs.waitFor(() => clientWs.messages(caseConv).length === 1);

    /**
     * `who` sends both receipts and a typing notice in `conv`; returns what
     * reached Anna. No waiting on time: one connection's notices are handled
     * in order, so once the error for a notice in an unknown conversation is
     * back, the three before it were published (or dropped) and delivered to
     * Anna's socket; a ping round trip on her socket then flushes them to her.
     */
    const nowhere = "conv-nowhere-00000001";
    let pings = 0;
    const step = async (who: MsgClient, conv: string, seq: number): Promise<Frame[]> => {
      const from = annaWs.frames.length;
      const refused = () => who.frames.filter((f) => f.type === "error" && f.ref === nowhere).length;
      const before = refused();
      who.raw({ type: "ack_received", conversationId: conv, seq });
      who.raw({ type: "read", conversationId: conv, seq });
      who.raw({ type: "typing", conversationId: conv });
      who.raw({ type: "typing", conversationId: nowhere });
      await who.waitFor(() => refused() === before + 1);
      const id = `ping-${++pings}`;
      annaWs.raw({ type: "ping", id });
      await annaWs.waitFor(() => annaWs.frames.some((f) => f.type === "pong" && f.id === id));
      return annaWs.frames
        .slice(from)
        .filter((f) => (f.type === "receipt" || f.type === "typing") && f.conversationId === conv);
    };
    const kinds = (frames: Frame[]) => frames.map((f) => (f.type === "receipt" ? `receipt:${String(f.kind)}` : f.type));

    // Defaults: a direct chat shares both.
    expect(kinds(await step(benWs, direct, ack.seq as number)).sort()).toEqual([
      "receipt:delivered",
      "receipt:read",
      "typing",
    ]);
    // Switched off for direct chats: nothing reaches Anna on the already open connections.
    const noDirect = withKind(DEFAULT_MESSAGING_POLICY, "direct", { receipts: false, typing: false });
    expect(
      (await asAdmin.call(UpdateMessagingPolicy, { params: { orgId: org.orgId }, body: { policy: noDirect } })).status,
    ).toBe(200);
    await db
      .updateTable("conversation_members")
      .set({ read_seq: 0, delivered_seq: 0 })
      .where("conversation_id", "=", direct)
      .execute();
    expect(await step(benWs, direct, ack.seq as number)).toEqual([]);
    // The read and delivered markers still moved: the policy hides receipts, the unread counter works.
    const benRow = await db
      .selectFrom("conversation_members")
      .select(["read_seq", "delivered_seq"])
      .where("conversation_id", "=", direct)
      .where("account_id", "=", ben.id)
      .executeTakeFirstOrThrow();
    expect(benRow).toEqual({ read_seq: 1, delivered_seq: 1 });
    // Typing on, receipts off.
    const typingOnly = withKind(DEFAULT_MESSAGING_POLICY, "direct", { receipts: false, typing: true });
    expect(
      (await asAdmin.call(UpdateMessagingPolicy, { params: { orgId: org.orgId }, body: { policy: typingOnly } }))
        .status,
    ).toBe(200);
    expect(kinds(await step(benWs, direct, ack.seq as number))).toEqual(["typing"]);

    // Case conversations: off by default, so the client's notices reach nobody …
    const clientStep = async () => {
      await db
        .updateTable("conversation_members")
        .set({ read_seq: 0, delivered_seq: 0 })
        .where("conversation_id", "=", caseConv)
        .execute();
      return step(clientWs, caseConv, caseAck.seq as number);
    };
    expect(await clientStep()).toEqual([]);
    // … until the organisation turns them on.
    const caseOn = withKind(typingOnly, "case", { receipts: true, typing: true });
    expect(
      (await asAdmin.call(UpdateMessagingPolicy, { params: { orgId: org.orgId }, body: { policy: caseOn } })).status,
    ).toBe(200);
    const shown = await clientStep();
    expect(kinds(shown).sort()).toEqual(["receipt:delivered", "receipt:read", "typing"]);
    expect(shown.every((f) => f.accountId === client.id)).toBe(true);
  });

  it("a conversation's view carries the others' read and delivered markers only where receipts are shared", async () => {
    const db = server.ctx.db.db;
    const asAdmin = apiAs(server, admin);
    const setCase = async (rule: { receipts: boolean; typing: boolean }) =>
      expect(
        (
          await asAdmin.call(UpdateMessagingPolicy, {
            params: { orgId: org.orgId },
            body: { policy: withKind(DEFAULT_MESSAGING_POLICY, "case", rule) },
          })
        ).status,
      ).toBe(200);
    await setCase({ receipts: false, typing: false });
    const anna = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
    const client = await seedAccount(db, { orgId: null, role: "client" });
    const conv = (
      await createConversation(server.ctx, {
        actor: { accountId: anna.id, kind: "staff", organisationId: org.orgId },
        kind: "case",
        memberIds: [client.id],
      })
    ).id;
    const annaWs = await connect(anna);
    annaWs.subscribe([{ conversationId: conv, afterSeq: 0 }]);
    for (const id of ["peer-receipts-1", "peer-receipts-2"])
      expect(await annaWs.send(conv, id, fakeEnvelope(20))).toMatchObject({ type: "ack" });
    expect((await apiAs(server, client).call(MarkRead, { params: { id: conv }, body: { seq: 1 } })).status).toBe(204);
    const view = async (who: SeededAccount) =>
      (await apiAs(server, who).call(GetConversation, { params: { id: conv } })).body;

    // Off (the default for case conversations): nothing about the client's markers.
    expect(await view(anna)).toMatchObject({ receipts: { shared: false, deliveredSeq: 0, readSeq: 0 } });
    // On: the client read up to 1 — the counsellor's own marker (moved by her sends) is not the others'.
    await setCase({ receipts: true, typing: false });
    expect(await view(anna)).toMatchObject({
      conversation: { readSeq: 2 },
      receipts: { shared: true, deliveredSeq: 1, readSeq: 1 },
    });
    expect(await view(client)).toMatchObject({
      conversation: { readSeq: 1 },
      receipts: { shared: true, deliveredSeq: 2, readSeq: 2 },
    });
    await setCase({ receipts: false, typing: false });
  });

  it("never shows a broadcast subscriber's notices or anyone's to a subscriber, even when the policy is on", async () => {
    const db = server.ctx.db.db;
    const asAdmin = apiAs(server, admin);
    const owner = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
    const colleague = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
    const subscriber = await seedAccount(db, { orgId: null, role: "client" });
    const other = await seedAccount(db, { orgId: null, role: "client" });
    const channel = (
      await createConversation(server.ctx, {
        actor: { accountId: owner.id, kind: "staff", organisationId: org.orgId },
        kind: "broadcast",
        memberIds: [colleague.id, subscriber.id, other.id],
      })
    ).id;
    const everything = withKind(DEFAULT_MESSAGING_POLICY, "broadcast", { receipts: true, typing: true });
    expect(
      (await asAdmin.call(UpdateMessagingPolicy, { params: { orgId: org.orgId }, body: { policy: everything } }))
        .status,
    ).toBe(200);

    const ownerWs = await connect(owner);
    const colleagueWs = await connect(colleague);
    const subWs = await connect(subscriber);
    const otherWs = await connect(other);
    for (const ws of [ownerWs, colleagueWs, subWs, otherWs]) ws.subscribe([{ conversationId: channel, afterSeq: 0 }]);
    await ownerWs.send(channel, "bc-msg-1", fakeEnvelope(20));
    for (const ws of [colleagueWs, subWs, otherWs]) await ws.waitFor(() => ws.messages(channel).length === 1);
    // A subscriber may not type (channel_read_only: only owners write) and its receipts go nowhere.
    otherWs.raw({ type: "read", conversationId: channel, seq: 1 });
    otherWs.raw({ type: "typing", conversationId: channel });
    await otherWs.waitFor(() => otherWs.frames.some((f) => f.type === "error" && f.ref === channel));
    expect(otherWs.frames.find((f) => f.ref === channel)).toMatchObject({ code: "channel_read_only" });
    // Staff of the channel share notices with each other, never with subscribers.
    ownerWs.raw({ type: "typing", conversationId: channel });
    await colleagueWs.waitFor(() => colleagueWs.frames.some((f) => f.type === "typing"));
    // The typing frame was queued on every socket before this message: had it gone to a subscriber, it came first.
    await ownerWs.send(channel, "bc-msg-2", fakeEnvelope(20));
    for (const ws of [subWs, otherWs]) {
      await ws.waitFor(() => ws.messages(channel).length === 2);
      expect(ws.frames.filter((f) => f.type === "typing" || f.type === "receipt")).toEqual([]);
    }
    expect(colleagueWs.frames.filter((f) => f.type === "receipt" && f.accountId === other.id)).toEqual([]);
    expect(
      (
        await asAdmin.call(UpdateMessagingPolicy, {
          params: { orgId: org.orgId },
          body: { policy: DEFAULT_MESSAGING_POLICY },
        })
      ).status,
    ).toBe(200);
  });
});
