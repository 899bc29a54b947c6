// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { seedOrg, sendAs } from "../admin/support";
import { fakeEnvelope, MsgClient } from "./support";

/**
 * A staff chat someone else starts reaches its members' open sockets at once (`conversation_updated`, also when its creator gives it its title), so their
 * chat list shows it without reopening the page: every member but the creator, nobody else — on one node (both
 * dialects), and across two nodes that share PostgreSQL and Redis (the bus carries it).
 */
const added = (c: MsgClient) => c.frames.filter((f) => f.type === "conversation_updated" && f.change === "added");

describe.each(DIALECTS)("a new chat is announced to its members (%s)", (dialect) => {
  let server: TestServer;
  const open: MsgClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    for (const c of open) c.ws.terminate();
    await server?.stop();
  });

  it("sends conversation_updated (added) to the other members only", async () => {
    const db = server.ctx.db.db;
    const org = await seedOrg(db);
    const [anna, ben, carl, dora] = (await Promise.all(
      [1, 2, 3, 4].map(() => seedAccount(db, { orgId: org.orgId, role: "counsellor" })),
    )) as [SeededAccount, SeededAccount, SeededAccount, SeededAccount];
    const connect = async (a: SeededAccount) => {
      const c = await MsgClient.connect(server.url, a.cookie);
      open.push(c);
      return c;
    };
    const annaWs = await connect(anna);
    const benWs = await connect(ben);
    const carlWs = await connect(carl);
    const doraWs = await connect(dora);

    const team = await sendAs(server, anna.cookie)("POST", "/api/conversations", {
      kind: "team",
      memberIds: [ben.id, carl.id],
    });
    expect(team.status).toBe(201);
    const teamId = (team.body as { conversation: { id: string } }).conversation.id;
    const direct = await sendAs(server, anna.cookie)("POST", "/api/conversations", {
      kind: "direct",
      memberIds: [dora.id],
    });
    const directId = (direct.body as { conversation: { id: string } }).conversation.id;

    await benWs.waitFor(() => added(benWs).length === 1);
    await carlWs.waitFor(() => added(carlWs).length === 1);
    await doraWs.waitFor(() => added(doraWs).length === 1);
    expect(added(benWs)).toEqual([
      { type: "conversation_updated", conversationId: teamId, kind: "team", change: "added" },
    ]);
    expect(added(carlWs)).toEqual([
      { type: "conversation_updated", conversationId: teamId, kind: "team", change: "added" },
    ]);
    expect(added(doraWs)).toEqual([
      { type: "conversation_updated", conversationId: directId, kind: "direct", change: "added" },
    ]);
    // Its creator gives the team chat its title: the other members' lists learn it too.
    const titled = await sendAs(server, anna.cookie)("PUT", `/api/conversations/${teamId}/title`, {
      envelope: fakeEnvelope(120),
    });
    expect(titled.status).toBe(204);
    const titles = (c: MsgClient) => c.frames.filter((f) => f.type === "conversation_updated" && f.change === "title");
    await benWs.waitFor(() => titles(benWs).length === 1);
    expect(titles(benWs)).toEqual([
      { type: "conversation_updated", conversationId: teamId, kind: "team", change: "title" },
    ]);
    await carlWs.waitFor(() => titles(carlWs).length === 1);
    // The bus delivers in order: once a later frame reached Anna, none for her own chats can still be under way.
    await sendAs(server, ben.cookie)("POST", "/api/conversations", { kind: "direct", memberIds: [anna.id] });
    await annaWs.waitFor(() => added(annaWs).length === 1);
    expect(added(annaWs)).toHaveLength(1);
    expect(added(annaWs)[0]).toMatchObject({ kind: "direct", change: "added" });
    expect(titles(annaWs)).toHaveLength(0);
    expect(titles(doraWs)).toHaveLength(0);
  });
});

describe("a new chat is announced across nodes (PostgreSQL + Redis)", () => {
  let node1: TestServer;
  let node2: TestServer;
  let client: MsgClient | undefined;

  beforeAll(async () => {
    node1 = await startTestServer({ dialect: "postgres", redis: true });
    node2 = await startTestServer({
      dialect: "postgres",
      redis: true,
      dataDir: node1.dataDir,
      databaseUrl: node1.databaseUrl!,
    });
  });
  afterAll(async () => {
    client?.ws.terminate();
    await node2?.stop();
    await node1?.stop();
  });

  it("reaches a member connected to the other node", async () => {
    const db = node1.ctx.db.db;
    const org = await seedOrg(db);
    const anna = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
    const ben = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
    client = await MsgClient.connect(node2.url, ben.cookie);
    const res = await sendAs(node1, anna.cookie)("POST", "/api/conversations", { kind: "team", memberIds: [ben.id] });
    expect(res.status).toBe(201);
    const id = (res.body as { conversation: { id: string } }).conversation.id;
    await client.waitFor(() => added(client!).length === 1);
    expect(added(client)).toEqual([
      { type: "conversation_updated", conversationId: id, kind: "team", change: "added" },
    ]);
  });
});
