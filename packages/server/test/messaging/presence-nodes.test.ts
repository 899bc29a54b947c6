// SPDX-License-Identifier: AGPL-3.0-or-later
import { UpdateMessagingPolicy } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WS_LIMITS } from "../../src/app/realtime/limits";
import { PRESENCE_TOPIC } from "../../src/app/realtime/presence";
import { createRedisPresenceStore } from "../../src/app/realtime/presence-store";
import { socketRegistry } from "../../src/app/realtime/socket";
import { createConversation } from "../../src/modules/messaging/conversations";
import { DEFAULT_MESSAGING_POLICY } from "../../src/modules/messaging/messaging-policy";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { REDIS_TEST_URL } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { type SeededOrg, seedOrg } from "../admin/support";
import { MsgClient } from "./support";

/**
 * Two nodes sharing one PostgreSQL database and one Redis, in this process
 * so that they share a hand-moved clock: presence of someone connected to
 * one node is seen on the other, ends when their connections there close,
 * and ends as well when the node they were on dies (its entries expire; no
 * sleeping, the clock is moved and a heartbeat run).
 */
describe("presence across nodes (PostgreSQL + Redis)", () => {
  const clock = manualClock(Date.now());
  let node1: TestServer;
  let node2: TestServer;
  let anna: SeededAccount;
  let ben: SeededAccount;
  let org: SeededOrg;
  let team: string;
  const open: MsgClient[] = [];
  const connect = async (node: TestServer, a: SeededAccount) => {
    const c = await MsgClient.connect(node.url, a.cookie);
    open.push(c);
    return c;
  };
  const lastState = (c: MsgClient, accountId: string) =>
    c.frames.filter((f) => f.type === "presence" && f.accountId === accountId).at(-1)?.state;

  beforeAll(async () => {
    node1 = await startTestServer({ dialect: "postgres", redis: true, clock });
    node2 = await startTestServer({
      dialect: "postgres",
      redis: true,
      clock,
      dataDir: node1.dataDir,
      databaseUrl: node1.databaseUrl!,
    });
    const db = node1.ctx.db.db;
    org = await seedOrg(db, clock.now());
    anna = await seedAccount(db, { orgId: org.orgId, role: "counsellor", now: clock.now() });
    ben = await seedAccount(db, { orgId: org.orgId, role: "counsellor", now: clock.now() });
    team = (
      await createConversation(node1.ctx, {
        actor: { accountId: anna.id, kind: "staff", organisationId: org.orgId },
        kind: "team",
        memberIds: [ben.id],
      })
    ).id;
  });
  afterAll(async () => {
    for (const c of open) c.ws.terminate();
    await node2?.stop();
    await node1?.stop();
  });

  it("shows on node 2 who is connected to node 1, until their connections there close", async () => {
    expect(node1.ctx.nodeId).not.toBe(node2.ctx.nodeId);
    const annaWs = await connect(node2, anna);
    annaWs.subscribe([{ conversationId: team, afterSeq: 0 }]);
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "offline");

    const benWs = await connect(node1, ben);
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "online");
    benWs.raw({ type: "presence", state: "away" });
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "away");
    // Ben on both nodes: online while either connection is in use.
    const benOn2 = await connect(node2, ben);
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "online");
    await benOn2.close();
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "away");
    await benWs.close();
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "offline");
    expect(annaWs.frames.filter((f) => f.type === "presence" && f.accountId === ben.id).map((f) => f.state)).toEqual([
      "offline",
      "online",
      "away",
      "online",
      "away",
      "offline",
    ]);

    // Ben's snapshot on node 1 shows Anna, who is connected to node 2.
    const benBack = await connect(node1, ben);
    benBack.subscribe([{ conversationId: team, afterSeq: 0 }]);
    await benBack.waitFor(() => lastState(benBack, anna.id) === "online");
    await benBack.close();
    await annaWs.waitFor(
      () => annaWs.frames.filter((f) => f.type === "presence" && f.accountId === ben.id).length === 8,
    );
    expect(lastState(annaWs, ben.id)).toBe("offline");
  });

  it("turns the users of a node that died offline once its entries expire", async () => {
    const annaWs = await connect(node2, anna);
    annaWs.subscribe([{ conversationId: team, afterSeq: 0 }]);
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "offline");
    // A third node writes Ben online and announces it … then dies: it never writes again, never says goodbye.
    const doomed = await createRedisPresenceStore(REDIS_TEST_URL, {
      nodeId: "node-doomed",
      clock,
      ttlMs: WS_LIMITS.presenceTtlMs,
    });
    await doomed.put(new Map([[ben.id, "online"]]));
    await node1.ctx.bus.publish(PRESENCE_TOPIC, { type: "presence", accountIds: [ben.id] });
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "online");
    await doomed.close();

    // Heartbeats before the expiry change nothing.
    clock.advance(WS_LIMITS.presenceTtlMs - 1_000);
    await socketRegistry(node1.app)!.presenceTick();
    await socketRegistry(node2.app)!.presenceTick();
    expect(lastState(annaWs, ben.id)).toBe("online");
    // After it, node 2's heartbeat re-reads Ben, finds only the expired entry and tells Anna.
    clock.advance(2_000);
    await socketRegistry(node1.app)!.presenceTick();
    await socketRegistry(node2.app)!.presenceTick();
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "offline");

    // Anna herself stays present on node 2 through the same heartbeats: Ben, connecting now, sees her online.
    const benWs = await connect(node1, ben);
    benWs.subscribe([{ conversationId: team, afterSeq: 0 }]);
    await benWs.waitFor(() => lastState(benWs, anna.id) === "online");
    await benWs.close();
  });

  it("applies a policy changed through node 1 to open connections on node 2 at once", async () => {
    const admin = await seedAccount(node1.ctx.db.db, { orgId: org.orgId, role: "org_admin", now: clock.now() });
    const benWs = await connect(node1, ben);
    const annaWs = await connect(node2, anna);
    annaWs.subscribe([{ conversationId: team, afterSeq: 0 }]);
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "online");
    const put = (staff: boolean) =>
      apiAs(node1, admin).call(UpdateMessagingPolicy, {
        params: { orgId: org.orgId },
        body: { policy: { ...DEFAULT_MESSAGING_POLICY, presence: { staff, clients: false } } },
      });
    expect((await put(false)).status).toBe(200);
    // Node 2 hears of it over Redis, drops its cached policy and hides Ben.
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "offline");
    benWs.raw({ type: "presence", state: "away" });
    benWs.raw({ type: "ping", id: "after-away" });
    await benWs.waitFor(() => benWs.frames.some((f) => f.type === "pong"));
    expect((await put(true)).status).toBe(200);
    await annaWs.waitFor(() => lastState(annaWs, ben.id) === "away");
  });
});
