// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, describe, expect, it } from "vitest";
import { connect, type DbHandle } from "../../src/infra/db/connect";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { createPgDatabase, REDIS_TEST_URL, tempDir } from "../helpers/databases";
import { spawnServer, type ServerProcess } from "../helpers/process";
import { fakeEnvelope, isGapFree, MsgClient, seedOrganisation } from "./support";

/**
 * Real `obhut serve` processes killed with SIGKILL in the middle of a burst
 * of WebSocket sends. "Acknowledged" must mean "stored": after the crash
 * every acked message is in the database exactly once under the acked seq,
 * the sequence has no gap, and retrying the unacknowledged sends (same
 * clientMsgId) stores each of them exactly once more.
 */
interface Burst {
  acked: Map<string, number>;
  all: string[];
}

async function seedConversation(
  db: DbHandle,
): Promise<{ sender: SeededAccount; receiver: SeededAccount; conv: string }> {
  const org = await seedOrganisation(db.db);
  const sender = await seedAccount(db.db, { orgId: org });
  const receiver = await seedAccount(db.db, { orgId: org });
  const conv = `crash-${Date.now()}`;
  const now = Date.now();
  await db.db
    .insertInto("conversations")
    .values({ id: conv, organisation_id: org, kind: "team", created_by: sender.id, created_at: now })
    .execute();
  await db.db
    .insertInto("conversation_members")
    .values(
      [sender, receiver].map((a, i) => ({
        conversation_id: conv,
        account_id: a.id,
        role: i === 0 ? ("owner" as const) : ("member" as const),
        joined_at: now,
        left_at: null,
      })),
    )
    .execute();
  return { sender, receiver, conv };
}

/** Several connections send until `stop()`; an answer that never comes (the node died) leaves the send unacknowledged. */
function startBurst(clients: MsgClient[], conv: string, perClient: number): Burst & { done: Promise<void> } {
  const burst: Burst = { acked: new Map(), all: [] };
  const done = Promise.all(
    clients.map(async (client, c) => {
      for (let i = 0; i < perClient; i++) {
        const id = `burst-${c}-${i}`;
        burst.all.push(id);
        const answer = await Promise.race([
          client.send(conv, id, fakeEnvelope(200)),
          client.closed.then(() => undefined),
        ]);
        if (!answer) return;
        if (answer.type === "ack") burst.acked.set(id, answer.seq as number);
        else if (answer.code !== "rate_limited") throw new Error(`unexpected ${String(answer.code)}`);
      }
    }),
  ).then(() => undefined);
  return { ...burst, done };
}

async function waitForAcks(burst: Burst, n: number): Promise<void> {
  while (burst.acked.size < n) await new Promise((r) => setTimeout(r, 5));
}

/** Retries every unacknowledged send on `client` until all are acknowledged. */
async function retryUnacked(client: MsgClient, conv: string, burst: Burst): Promise<void> {
  for (const id of burst.all) {
    if (burst.acked.has(id)) continue;
    for (;;) {
      const answer = await client.send(conv, id, fakeEnvelope(200));
      if (answer.type === "ack") {
        burst.acked.set(id, answer.seq as number);
        break;
      }
      expect(answer.code).toBe("rate_limited");
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function checkStored(
  db: DbHandle,
  conv: string,
  burst: Burst,
  ackedBeforeCrash: Map<string, number>,
): Promise<void> {
  const rows = await db.db
    .selectFrom("messages")
    .select(["seq", "client_msg_id"])
    .where("conversation_id", "=", conv)
    .orderBy("seq")
    .execute();
  expect(isGapFree(rows.map((r) => r.seq))).toBe(true);
  const bySender = new Map(rows.map((r) => [r.client_msg_id, r.seq]));
  expect(bySender.size).toBe(rows.length); // no clientMsgId twice
  for (const [id, seq] of ackedBeforeCrash) expect(bySender.get(id)).toBe(seq);
  expect(rows.length).toBe(burst.all.length);
  for (const [id, seq] of burst.acked) expect(bySender.get(id)).toBe(seq);
}

describe("kill -9 during a WebSocket burst (SQLite)", () => {
  let server: ServerProcess | undefined;
  let db: DbHandle | undefined;
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await db?.close();
  });

  it("keeps every acknowledged message exactly once, gap-free, and retries fill in the rest", async () => {
    const dataDir = tempDir();
    server = await spawnServer(["--data-dir", dataDir], { OBHUT_RATE_LIMITS: "api=100000" });
    db = connect({ dataDir });
    const { sender, conv } = await seedConversation(db);
    const clients = await Promise.all(Array.from({ length: 4 }, () => MsgClient.connect(server!.url, sender.cookie)));
    const burst = startBurst(clients, conv, 150);
    await waitForAcks(burst, 250);
    server.child.kill("SIGKILL");
    await server.exited;
    await burst.done;
    const ackedBeforeCrash = new Map(burst.acked);
    expect(ackedBeforeCrash.size).toBeLessThan(burst.all.length + 1);

    server = await spawnServer(["--data-dir", dataDir], { OBHUT_RATE_LIMITS: "api=100000" });
    const again = await MsgClient.connect(server.url, sender.cookie);
    await retryUnacked(again, conv, burst);
    await checkStored(db, conv, burst, ackedBeforeCrash);
    again.ws.terminate();
  });
});

describe("scale-out: a node dies mid-burst, clients move to the other (PostgreSQL + Redis)", () => {
  const nodes: ServerProcess[] = [];
  let db: DbHandle | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop("SIGKILL")));
    await db?.close();
    await drop?.();
  });

  it("delivers across nodes and loses nothing acknowledged when node A is killed", async () => {
    const pg = await createPgDatabase();
    drop = pg.drop;
    const shared = tempDir();
    const env = { DATABASE_URL: pg.url, REDIS_URL: REDIS_TEST_URL, OBHUT_RATE_LIMITS: "api=100000" };
    const a = await spawnServer(["--data-dir", shared, "--node-id", "node-a"], env);
    nodes.push(a);
    const b = await spawnServer(["--data-dir", shared, "--node-id", "node-b"], env);
    nodes.push(b);
    db = connect({ databaseUrl: pg.url, dataDir: shared });
    const { sender, receiver, conv } = await seedConversation(db);

    const onB = await MsgClient.connect(b.url, receiver.cookie);
    onB.subscribe([{ conversationId: conv, afterSeq: 0 }]);
    // Live delivery across nodes: a message sent on A reaches the subscriber on B through the Redis wake-up.
    const senders = await Promise.all(Array.from({ length: 3 }, () => MsgClient.connect(a.url, sender.cookie)));
    const first = await senders[0]!.send(conv, "hello-from-a", fakeEnvelope(100));
    expect(first).toMatchObject({ type: "ack", seq: 1 });
    await onB.waitFor(() => onB.messages(conv).length === 1);

    const burst = startBurst(senders, conv, 150);
    await waitForAcks(burst, 150);
    a.child.kill("SIGKILL");
    await a.exited;
    await burst.done;
    const ackedBeforeCrash = new Map(burst.acked);

    // The sender reconnects to node B and retries what was not acknowledged.
    const moved = await MsgClient.connect(b.url, sender.cookie);
    await retryUnacked(moved, conv, burst);
    burst.all.push("hello-from-a");
    burst.acked.set("hello-from-a", 1);
    await checkStored(db, conv, burst, ackedBeforeCrash);

    // The receiver on B saw everything, in order, exactly once — and so does a client that reconnects from a cursor.
    const total = burst.all.length;
    await onB.waitFor(() => onB.messages(conv).length >= total);
    expect(onB.messages(conv).map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const resumed = await MsgClient.connect(b.url, receiver.cookie);
    resumed.subscribe([{ conversationId: conv, afterSeq: 100 }]);
    await resumed.waitFor(() => resumed.messages(conv).length >= total - 100);
    expect(
      isGapFree(
        resumed.messages(conv).map((m) => m.seq),
        101,
      ),
    ).toBe(true);
    for (const c of [onB, moved, resumed]) c.ws.terminate();
  });
});
