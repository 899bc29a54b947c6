// SPDX-License-Identifier: AGPL-3.0-or-later
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MessageCommitter,
  OverloadedError,
  type SendInput,
  type SendResult,
} from "../../src/modules/messaging/messages-committer";
import { seedAccount, seedTeamConversation, type SeededAccount } from "../helpers/factories";
import { seedOrg } from "../admin/support";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { fakeEnvelope, MsgClient } from "./support";

/**
 * Admission control (issue #18, ADR 0039): a node that is behind with storing messages refuses a new send at
 * once — `unavailable` with a retry-after — instead of queueing it without bound. Nothing refused is stored;
 * what was accepted is stored and acknowledged as before.
 */
describe.each(DIALECTS)("admission control of the message committer (%s)", (dialect) => {
  const clock = manualClock();
  let server: TestServer;
  let a: SeededAccount, b: SeededAccount;
  let conversationId: string;
  const db = () => server.ctx.db.db;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    const { orgId } = await seedOrg(db());
    a = await seedAccount(db(), { orgId, role: "counsellor" });
    b = await seedAccount(db(), { orgId, role: "counsellor" });
    conversationId = await seedTeamConversation(db(), orgId, [a, b]);
  });
  afterAll(async () => server?.stop());

  const input = (clientMsgId: string): SendInput => ({
    senderId: a.id,
    sender: { kind: "staff", organisationId: a.organisationId, role: "counsellor" },
    conversationId,
    clientMsgId,
    envelope: new Uint8Array(40).fill(3),
    kind: "message",
    replacesId: null,
  });
  const stored = async (ids: string[]) =>
    (
      await db()
        .selectFrom("messages")
        .select("client_msg_id")
        .where("conversation_id", "=", conversationId)
        .where("client_msg_id", "in", ids)
        .execute()
    ).map((r) => r.client_msg_id);

  it("refuses what does not fit the queue, with a bounded retry-after, and stores exactly what it took", async () => {
    const committer = new MessageCommitter(server.ctx, () => {}, { maxQueued: 3, maxWaitMs: 60_000 });
    const ids = ["q1", "q2", "q3", "q4", "q5"];
    // Submitted in one turn: the queue drains only after this turn, so the fourth and fifth find it full.
    const results = await Promise.all(ids.map((id) => committer.submit(input(id)).catch((e: unknown) => e)));
    expect(results.slice(0, 3).map((r) => (r as SendResult).duplicate)).toEqual([false, false, false]);
    for (const refused of results.slice(3)) {
      expect(refused).toBeInstanceOf(OverloadedError);
      const e = refused as OverloadedError;
      expect(e.code).toBe("unavailable");
      expect(e.status).toBe(503);
      expect(e.retryAfterMs).toBeGreaterThanOrEqual(200);
      expect(e.retryAfterMs).toBeLessThanOrEqual(5000);
      expect(e.headers?.["retry-after"]).toBe(String(Math.ceil(e.retryAfterMs / 1000)));
    }
    expect((await stored(ids)).sort()).toEqual(["q1", "q2", "q3"]);
    // The queue drained: the refused send goes in when sent again, under the same clientMsgId.
    expect(await committer.submit(input("q4"))).toMatchObject({ duplicate: false });
    expect((await stored(ids)).sort()).toEqual(["q1", "q2", "q3", "q4"]);
  });

  it("refuses while the oldest waiting send has waited longer than the limit", async () => {
    const committer = new MessageCommitter(server.ctx, () => {}, { maxQueued: 1000, maxWaitMs: 250 });
    const first = committer.submit(input("w1"));
    clock.advance(251);
    const late = await committer.submit(input("w2")).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(OverloadedError);
    expect(await first).toMatchObject({ duplicate: false });
    // Nothing waits any more: the next one is taken.
    expect(await committer.submit(input("w3"))).toMatchObject({ duplicate: false });
    expect((await stored(["w1", "w2", "w3"])).sort()).toEqual(["w1", "w3"]);
  });
});

/**
 * The same over the WebSocket, on PostgreSQL, where a test can hold a conversation's row lock from another
 * connection and so keep the node's commit waiting without blocking its event loop: while the first send's
 * transaction waits, a second queues; once that one has waited past the limit (moved clock), a third is
 * refused at once with `unavailable` and `retryAfterMs`, and is stored when sent again later.
 */
/** Polls a condition of another process (PostgreSQL's lock table, the node's queue gauge) until it holds. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("condition not reached");
}

describe("a busy node's refusal over the WebSocket (postgres)", () => {
  const clock = manualClock(Date.now());
  let server: TestServer;
  let orgId: string;
  let a: SeededAccount, b: SeededAccount;
  let client: MsgClient | undefined;

  beforeAll(async () => {
    server = await startTestServer({ dialect: "postgres", clock, env: { OBHUT_RATE_LIMITS: "api=100000" } });
    ({ orgId } = await seedOrg(server.ctx.db.db));
    a = await seedAccount(server.ctx.db.db, { orgId, role: "counsellor" });
    b = await seedAccount(server.ctx.db.db, { orgId, role: "counsellor" });
  });
  afterAll(async () => {
    client?.ws.terminate();
    await server?.stop();
  });

  it("refuses at once while the oldest queued send waits too long, and stores it when sent again", async () => {
    const conversationId = await seedTeamConversation(server.ctx.db.db, orgId, [a, b]);
    const lock = new pg.Client({ connectionString: server.databaseUrl });
    await lock.connect();
    try {
      await lock.query("BEGIN");
      await lock.query("SELECT id FROM conversations WHERE id = $1 FOR UPDATE", [conversationId]);
      client = await MsgClient.connect(server.url, a.cookie);
      const lockWaiters = async () =>
        Number(
          (
            await lock.query<{ n: string }>(
              "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
            )
          ).rows[0]!.n,
        );
      const queued = async () => (await server.ctx.metrics.sendQueueLength.get()).values[0]?.value ?? 0;
      const first = client.send(conversationId, "busy-send-1", fakeEnvelope(60));
      // The first send's transaction waits for the row lock; then the second waits in the queue behind it.
      await until(async () => (await lockWaiters()) === 1);
      const second = client.send(conversationId, "busy-send-2", fakeEnvelope(60));
      await until(async () => (await queued()) === 1);
      clock.advance(1001);
      // A frame as the web app writes it is refused from its first bytes; one in another key order after parsing.
      const refused = await client.send(conversationId, "busy-send-3", fakeEnvelope(60));
      expect(refused).toMatchObject({ type: "error", code: "unavailable", ref: "busy-send-3" });
      expect(refused.retryAfterMs).toBeGreaterThanOrEqual(200);
      client.raw({ clientMsgId: "busy-send-4", conversationId, envelope: fakeEnvelope(60), type: "send" });
      const c = client;
      await c.waitFor(() => c.frames.some((f) => f.ref === "busy-send-4"));
      expect(client.frames.find((f) => f.ref === "busy-send-4")).toMatchObject({
        type: "error",
        code: "unavailable",
        retryAfterMs: refused.retryAfterMs,
      });
      await lock.query("ROLLBACK");
      expect(await first).toMatchObject({ type: "ack", seq: 1 });
      expect(await second).toMatchObject({ type: "ack", seq: 2 });
      const again = await client.send(conversationId, "busy-send-3", fakeEnvelope(60));
      expect(again).toMatchObject({ type: "ack", seq: 3 });
      expect(await client.send(conversationId, "busy-send-4", fakeEnvelope(60))).toMatchObject({ type: "ack", seq: 4 });
      const rows = await server.ctx.db.db
        .selectFrom("messages")
        .select("client_msg_id")
        .where("conversation_id", "=", conversationId)
        .orderBy("seq")
        .execute();
      expect(rows.map((r) => r.client_msg_id)).toEqual(["busy-send-1", "busy-send-2", "busy-send-3", "busy-send-4"]);
    } finally {
      await lock.end();
    }
  });
});
