// SPDX-License-Identifier: AGPL-3.0-or-later
import { UpdateMessagingPolicy } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESENCE_MAX_PEERS } from "../../src/app/realtime/presence";
import { createConversation } from "../../src/modules/messaging/conversations";
import { DEFAULT_MESSAGING_POLICY } from "../../src/modules/messaging/messaging-policy";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { type SeededOrg, seedOrg } from "../admin/support";
import { MsgClient, type Frame } from "./support";

/**
 * Presence over the WebSocket on one node (the two-node case is in
 * presence-nodes.test.ts): who sees whom, by the organisation's policy and
 * by the rules no policy changes.
 *
 * Silence is checked without waiting on time: a `subscribe` frame's cursors
 * are handled one after the other and each one's presence snapshot is sent
 * before the next cursor is handled, so a last cursor whose peer certainly
 * shows up (a colleague, presence among staff being on) marks the point
 * after which no frame about the earlier cursors' peers can still come.
 */
const presence = (c: MsgClient, accountId?: string): Frame[] =>
  c.frames.filter((f) => f.type === "presence" && (accountId === undefined || f.accountId === accountId));
const states = (c: MsgClient, accountId: string) => presence(c, accountId).map((f) => f.state);
const lastState = (c: MsgClient, accountId: string) => states(c, accountId).at(-1);

describe.each(DIALECTS)("presence over WebSocket (%s)", (dialect) => {
  let server: TestServer;
  let org: SeededOrg;
  let admin: SeededAccount;
  const open: MsgClient[] = [];
  const connect = async (a: SeededAccount) => {
    const c = await MsgClient.connect(server.url, a.cookie);
    open.push(c);
    return c;
  };
  const staff = (o = org) => seedAccount(server.ctx.db.db, { orgId: o.orgId, role: "counsellor" });
  const client = () => seedAccount(server.ctx.db.db, { orgId: null, role: "client" });
  const conversation = async (
    creator: SeededAccount,
    kind: "team" | "case" | "broadcast",
    members: SeededAccount[],
    o = org,
  ) =>
    (
      await createConversation(server.ctx, {
        actor: { accountId: creator.id, kind: "staff", organisationId: o.orgId },
        kind,
        memberIds: members.map((m) => m.id),
      })
    ).id;
  const setPolicy = async (presencePolicy: { staff: boolean; clients: boolean }, o = org, by = admin) => {
    const res = await apiAs(server, by).call(UpdateMessagingPolicy, {
      params: { orgId: o.orgId },
      body: { policy: { ...DEFAULT_MESSAGING_POLICY, presence: presencePolicy } },
    });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    server = await startTestServer({ dialect, env: { OBHUT_RATE_LIMITS: "api=100000" } });
    org = await seedOrg(server.ctx.db.db);
    admin = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "org_admin" });
  });
  afterAll(async () => {
    for (const c of open) c.ws.terminate();
    await server?.stop();
  });

  it("shares no presence in a group with more than PRESENCE_MAX_PEERS other members", async () => {
    const members: SeededAccount[] = [];
    for (let i = 0; i < PRESENCE_MAX_PEERS + 2; i++) members.push(await staff());
    const [anna, ben] = [members[0]!, members[1]!];
    const big = await conversation(anna, "team", members.slice(1));
    const small = await conversation(anna, "team", [ben]);
    const benWs = await connect(ben);
    const annaWs = await connect(anna);
    // The small team's snapshot marks the point after which nothing about the big group can still come.
    annaWs.subscribe([
      { conversationId: big, afterSeq: 0 },
      { conversationId: small, afterSeq: 0 },
    ]);
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "online");
    expect(presence(annaWs).map((f) => f.accountId)).toEqual([ben.id]);
    benWs.ws.terminate();
  });

  it("shows a colleague online, away and offline, across several connections of theirs", async () => {
    const [anna, ben] = [await staff(), await staff()];
    const team = await conversation(anna, "team", [ben]);
    const annaWs = await connect(anna);
    annaWs.subscribe([{ conversationId: team, afterSeq: 0 }]);
    // Snapshot: Ben has no connection.
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "offline");

    const benWs = await connect(ben);
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "online");
    // Ben's own snapshot, once he subscribes: Anna is online. Nobody is told about themselves.
    benWs.subscribe([{ conversationId: team, afterSeq: 0 }]);
    await benWs.waitFor(() => lastState(benWs, anna.id) === "online");
    expect(presence(benWs, ben.id)).toEqual([]);

    benWs.raw({ type: "presence", state: "away" });
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "away");
    // A second device that is in use makes him online; closing it, away again.
    const benPhone = await connect(ben);
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "online");
    await benPhone.close();
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "away");
    benWs.raw({ type: "presence", state: "online" });
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "online");
    await benWs.close();
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "offline");
    // Every change once, in order, no repeats.
    expect(states(annaWs, ben.id)).toEqual(["offline", "online", "away", "online", "away", "online", "offline"]);
    expect(presence(annaWs)[0]).toEqual({ type: "presence", accountId: ben.id, state: "offline" });

    // A reconnecting client converges: a new connection gets the current state in its snapshot.
    const benAgain = await connect(ben);
    const annaAgain = await connect(anna);
    annaAgain.subscribe([{ conversationId: team, afterSeq: 0 }]);
    await annaAgain.waitFor(() => lastState(annaAgain, ben.id) === "online");
    expect(states(annaAgain, ben.id)).toEqual(["online"]);

    // The organisation turns staff presence off: shown as offline once, then nothing; on again: the real state.
    await setPolicy({ staff: false, clients: false });
    await annaAgain.waitFor(() => lastState(annaAgain, ben.id) === "offline");
    benAgain.raw({ type: "presence", state: "away" });
    // Frames of one connection are handled in order: after the pong, the server has taken the "away".
    benAgain.raw({ type: "ping", id: "after-away" });
    await benAgain.waitFor(() => benAgain.frames.some((f) => f.type === "pong"));
    await setPolicy({ staff: true, clients: false });
    await annaAgain.waitFor(() => lastState(annaAgain, ben.id) === "away");
    // While hidden, his change to "away" was not shown.
    expect(states(annaAgain, ben.id).slice(0, 2)).toEqual(["online", "offline"]);
    expect(states(annaAgain, ben.id).slice(2)).not.toContain("offline");
  });

  it("shows clients nothing by default, and the case staff to the client (and back) once the organisation allows it", async () => {
    const [anna, ben] = [await staff(), await staff()];
    const c = await client();
    const caseConv = await conversation(anna, "case", [c]);
    const team = await conversation(anna, "team", [ben]);
    // The client's second case is at another organisation that shares client presence: its counsellor is the marker.
    const elsewhere = await seedOrg(server.ctx.db.db);
    const elsewhereAdmin = await seedAccount(server.ctx.db.db, { orgId: elsewhere.orgId, role: "org_admin" });
    const carla = await staff(elsewhere);
    const otherCase = await conversation(carla, "case", [c], elsewhere);
    await setPolicy({ staff: true, clients: true }, elsewhere, elsewhereAdmin);

    await connect(ben);
    await connect(carla);
    const annaWs = await connect(anna);
    const clientWs = await connect(c);
    clientWs.subscribe([
      { conversationId: caseConv, afterSeq: 0 },
      { conversationId: otherCase, afterSeq: 0 },
    ]);
    annaWs.subscribe([
      { conversationId: caseConv, afterSeq: 0 },
      { conversationId: team, afterSeq: 0 },
    ]);
    await clientWs.waitFor(() => lastState(clientWs, carla.id) === "online");
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "online");
    // Default: neither sees the other.
    expect(presence(clientWs, anna.id)).toEqual([]);
    expect(presence(annaWs, c.id)).toEqual([]);

    await setPolicy({ staff: true, clients: true });
    await clientWs.waitFor(() => lastState(clientWs, anna.id) === "online");
    await annaWs.waitFor(() => lastState(annaWs, c.id) === "online");
    clientWs.raw({ type: "presence", state: "away" });
    await annaWs.waitFor(() => lastState(annaWs, c.id) === "away");
    await annaWs.close();
    await clientWs.waitFor(() => lastState(clientWs, anna.id) === "offline");
    // Clients never learn about each other, nor about colleagues of the case they share no conversation with.
    expect(presence(clientWs).every((f) => f.accountId === anna.id || f.accountId === carla.id)).toBe(true);
    await setPolicy({ staff: true, clients: false });
  });

  it("never shows broadcast subscribers to each other or to the channel's staff, whatever the policy", async () => {
    const [owner, colleague, marker] = [await staff(), await staff(), await staff()];
    const [sub1, sub2] = [await client(), await client()];
    await setPolicy({ staff: true, clients: true });
    const channel = await conversation(owner, "broadcast", [colleague, sub1, sub2]);
    const ownerTeam = await conversation(owner, "team", [marker]);
    // Each subscriber also has a case with `marker`, whose presence (clients allowed) ends the check.
    const case1 = await conversation(marker, "case", [sub1]);
    const case2 = await conversation(marker, "case", [sub2]);

    await connect(marker);
    const colleagueWs = await connect(colleague);
    const ws1 = await connect(sub1);
    const ws2 = await connect(sub2);
    const ownerWs = await connect(owner);
    ws1.subscribe([
      { conversationId: channel, afterSeq: 0 },
      { conversationId: case1, afterSeq: 0 },
    ]);
    ws2.subscribe([
      { conversationId: channel, afterSeq: 0 },
      { conversationId: case2, afterSeq: 0 },
    ]);
    ownerWs.subscribe([
      { conversationId: channel, afterSeq: 0 },
      { conversationId: ownerTeam, afterSeq: 0 },
    ]);
    await ws1.waitFor(() => lastState(ws1, marker.id) === "online");
    await ws2.waitFor(() => lastState(ws2, marker.id) === "online");
    await ownerWs.waitFor(() => lastState(ownerWs, marker.id) === "online");
    // Subscribers see only their own case's counsellor; the channel's staff see their colleague, no subscriber.
    expect(presence(ws1).map((f) => f.accountId)).toEqual([marker.id]);
    expect(presence(ws2).map((f) => f.accountId)).toEqual([marker.id]);
    expect(presence(ownerWs).map((f) => f.accountId)).toEqual([colleague.id, marker.id]);
    // A colleague of the channel sees the owner through it, and still no subscriber.
    colleagueWs.subscribe([{ conversationId: channel, afterSeq: 0 }]);
    await colleagueWs.waitFor(() => lastState(colleagueWs, owner.id) === "online");
    ownerWs.raw({ type: "presence", state: "away" });
    await colleagueWs.waitFor(() => lastState(colleagueWs, owner.id) === "away");
    expect(presence(colleagueWs).map((f) => f.accountId)).toEqual([owner.id, owner.id]);
    await setPolicy({ staff: true, clients: false });
  });

  it("rate-limits presence frames per connection and refuses malformed ones", async () => {
    const [anna, ben] = [await staff(), await staff()];
    const team = await conversation(anna, "team", [ben]);
    const annaWs = await connect(anna);
    const benWs = await connect(ben);
    annaWs.subscribe([{ conversationId: team, afterSeq: 0 }]);
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "online");
    for (let i = 0; i < 260; i++) benWs.raw({ type: "presence", state: i % 2 ? "online" : "away" });
    benWs.raw({ type: "presence", state: "busy" });
    benWs.raw({ type: "presence", state: "online", accountId: anna.id });
    await benWs.waitFor(() => benWs.frames.filter((f) => f.type === "error" && f.code === "invalid_body").length === 2);
    // Burst 200 plus whatever the refill added meanwhile; the rest is refused.
    expect(benWs.frames.filter((f) => f.type === "error" && f.code === "rate_limited").length).toBeGreaterThan(0);
  });
});
