// SPDX-License-Identifier: AGPL-3.0-or-later
import type WebSocket from "ws";
import { envelopeFor, numberOf, openWs, runInBatches, seedConversation, seedUsers, type BenchServer } from "./harness";
import { nowMs, round, rssKiB, sleep, summarise } from "./stats";

/**
 * `fanout`: one group, every member connected and subscribed, one sender
 * account sending `messages` at `rate` msg/s (spread over enough
 * connections to stay under the per-connection send limit). Reports
 * deliveries/s and send→receive latency over all deliveries.
 */
export async function runFanout(server: BenchServer, o: { members: number; messages: number; rate: number }) {
  const { org, users } = await seedUsers(server.db, o.members);
  const conv = await seedConversation(server.db, org, "team", users);
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let deliveries = 0;
  let lastAt = 0;
  const sockets: WebSocket[] = [];
  // Members spread round-robin over the nodes; the sender is on the first one.
  await runInBatches(
    users.slice(1).map((u, i) => ({ u, i: i + 1 })),
    100,
    async ({ u, i }) => {
      const ws = await openWs(server.urlFor(i), u.cookie);
      ws.on("message", (data: Buffer) => {
        const text = data.toString();
        if (!text.startsWith('{"type":"message"')) return;
        const n = numberOf((JSON.parse(text) as { envelope: string }).envelope);
        deliveries += 1;
        lastAt = nowMs();
        latencies.push(lastAt - sentAt.get(n)!);
      });
      ws.send(JSON.stringify({ type: "subscribe", cursors: [{ conversationId: conv, afterSeq: 0 }] }));
      sockets.push(ws);
    },
  );
  await sleep(500); // let the subscriptions settle before the clock starts
  const senderSockets = await Promise.all(
    Array.from({ length: Math.max(1, Math.ceil(o.rate / 40)) }, () => openWs(server.url, users[0]!.cookie)),
  );
  const start = nowMs();
  for (let n = 0; n < o.messages; n++) {
    while (nowMs() - start < (n * 1000) / o.rate) await sleep(1);
    sentAt.set(n, nowMs());
    senderSockets[n % senderSockets.length]!.send(
      `{"type":"send","clientMsgId":"fanout-msg-${n}","conversationId":"${conv}","envelope":"${envelopeFor(n, 300)}"}`,
    );
  }
  const expected = o.messages * (users.length - 1);
  const until = nowMs() + 30_000;
  while (deliveries < expected && nowMs() < until) await sleep(20);
  for (const ws of [...sockets, ...senderSockets]) ws.terminate();
  const seconds = (lastAt - start) / 1000;
  return {
    members: users.length,
    nodes: server.urls.length,
    messages: o.messages,
    offeredMsgPerSec: o.rate,
    deliveries,
    expectedDeliveries: expected,
    deliveriesPerSec: round(deliveries / seconds, 0),
    latencyMs: summarise(latencies),
  };
}

/** `idle`: many authenticated idle sockets; server RSS per connection and connect rate. */
export async function runIdle(server: BenchServer, o: { connections: number }) {
  const { users } = await seedUsers(server.db, Math.min(o.connections, 500));
  await sleep(1000);
  const rssOfNodes = async () => (await Promise.all(server.pids.map(rssKiB))).reduce((a, b) => a + b, 0);
  const before = await rssOfNodes();
  const sockets: WebSocket[] = [];
  const start = nowMs();
  const indexes = Array.from({ length: o.connections }, (_, i) => i);
  await runInBatches(indexes, 200, async (i) => {
    sockets.push(await openWs(server.urlFor(i), users[i % users.length]!.cookie));
  });
  const connectSeconds = (nowMs() - start) / 1000;
  await sleep(2000);
  const after = await rssOfNodes();
  for (const ws of sockets) ws.terminate();
  return {
    nodes: server.urls.length,
    connections: sockets.length,
    connectPerSec: round(sockets.length / connectSeconds, 0),
    serverRssBeforeMiB: round(before / 1024, 1),
    serverRssAfterMiB: round(after / 1024, 1),
    rssPerConnectionKiB: round((after - before) / sockets.length, 1),
  };
}

/** Inserts `count` messages into a conversation straight through SQL (seeding, not measured). */
export async function seedMessages(
  server: BenchServer,
  conv: string,
  senderId: string,
  count: number,
  fromSeq = 1,
): Promise<void> {
  const now = Date.now();
  const last = fromSeq + count - 1;
  if (server.db.sqlite) {
    server.db.sqlite
      .prepare(
        `WITH RECURSIVE s(g) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT g + 1 FROM s WHERE g < ?)
         INSERT INTO messages (conversation_id, seq, id, sender_id, client_msg_id, envelope, size, kind, replaces_id, created_at)
         SELECT ?, g, ? || g, ?, ? || g, randomblob(300), 300, 'message', NULL, ? FROM s`,
      )
      .run(fromSeq, last, conv, `${conv}-m`, senderId, `${conv}-c`, now);
    server.db.sqlite.prepare("UPDATE conversations SET next_seq = ? WHERE id = ?").run(last + 1, conv);
    return;
  }
  const { sql } = await import("kysely");
  await sql`INSERT INTO messages (conversation_id, seq, id, sender_id, client_msg_id, envelope, size, kind, replaces_id, created_at)
    SELECT ${conv}, g, ${`${conv}-m`} || g, ${senderId}, ${`${conv}-c`} || g, convert_to(repeat('x', 300), 'UTF8'), 300, 'message', NULL, ${now}::bigint
    FROM generate_series(${fromSeq}::bigint, ${last}::bigint) g`.execute(server.db.db);
  await sql`UPDATE conversations SET next_seq = ${last + 1}::bigint WHERE id = ${conv}`.execute(server.db.db);
}
