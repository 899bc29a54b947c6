// SPDX-License-Identifier: AGPL-3.0-or-later
import { WS_CLOSE } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, REDIS_TEST_URL, tempDir } from "../helpers/databases";
import { login, registerAccount } from "../helpers/opaque-client";
import { spawnServer, type ServerProcess } from "../helpers/process";
import { fetchSend, openSocket } from "../helpers/net";

/**
 * Two real `obhut serve` processes on different ports sharing one
 * PostgreSQL database and one Redis: state and events cross nodes.
 */
describe("scale-out: two nodes on PostgreSQL + Redis", () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let drop: () => Promise<void>;
  let pgUrl: string;
  beforeAll(async () => {
    const pg = await createPgDatabase();
    drop = pg.drop;
    pgUrl = pg.url;
    const shared = tempDir(); // holds the shared secrets.json
    const env = { DATABASE_URL: pg.url, REDIS_URL: REDIS_TEST_URL };
    a = await spawnServer(["--data-dir", shared, "--node-id", "node-a"], env);
    b = await spawnServer(["--data-dir", shared, "--node-id", "node-b"], env);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await drop?.();
  });

  it("both nodes are ready with database and Redis", async () => {
    for (const node of [a, b]) {
      const res = await fetch(`${node.url}/readyz`);
      expect(await res.json()).toEqual({ status: "ready", checks: { database: "ok", redis: "ok" } });
    }
  });

  it("an account created on one node logs in on the other", async () => {
    expect((await registerAccount(fetchSend(a.url), "wanderer", "walks between nodes")).status).toBe(201);
    expect((await login(fetchSend(b.url), "wanderer", "walks between nodes")).status).toBe(200);
  });

  it("a logout on node A closes the same session's WebSocket on node B (event via Redis)", async () => {
    const { cookie } = await login(fetchSend(a.url), "wanderer", "walks between nodes");
    const socket = await openSocket(b.url, cookie!);
    expect(socket.messages[0]).toMatchObject({ type: "hello", nodeId: "node-b" });
    const res = await fetchSend(a.url, () => cookie)("POST", "/api/auth/logout");
    expect(res.status).toBe(204);
    expect(await socket.closed).toBe(WS_CLOSE.sessionRevoked);
    expect(socket.messages).toContainEqual({ type: "going_away", reason: "session_ended" });
  });

  it("refuses a node whose secrets do not match the database", async () => {
    // A fresh data folder means freshly generated secrets: logins would fail there, so the node must not start.
    await expect(
      spawnServer(["--data-dir", tempDir()], { DATABASE_URL: pgUrl, REDIS_URL: REDIS_TEST_URL }, 30_000),
    ).rejects.toThrow(/secrets file of this node does not match/);
  });
});
