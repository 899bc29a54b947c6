// SPDX-License-Identifier: AGPL-3.0-or-later
import { seedMessages } from "./groups";
import { openWs, seedConversation, seedUsers, type BenchServer } from "./harness";
import { nowMs, round, summarise } from "./stats";

/**
 * `catchup`: a client that missed `missed` messages reconnects and
 * subscribes from its cursor; we time connect→last message and
 * subscribe→last message, `rounds` times.
 */
export async function runCatchup(server: BenchServer, o: { missed: number; rounds: number }) {
  const { org, users } = await seedUsers(server.db, 2);
  const total: number[] = [];
  const afterSubscribe: number[] = [];
  for (let r = 0; r < o.rounds; r++) {
    const conv = await seedConversation(server.db, org, "direct", users);
    // The client had seen the first 10 messages; then `missed` more arrived while it was away.
    await seedMessages(server, conv, users[0]!.id, o.missed + 10);
    const start = nowMs();
    // With several nodes, each round reconnects to the next node (as after a node failure).
    const ws = await openWs(server.urlFor(r + 1), users[1]!.cookie);
    const subscribed = nowMs();
    await new Promise<void>((resolve) => {
      let got = 0;
      ws.on("message", (data: Buffer) => {
        if (data.toString().startsWith('{"type":"message"') && ++got === o.missed) resolve();
      });
      ws.send(JSON.stringify({ type: "subscribe", cursors: [{ conversationId: conv, afterSeq: 10 }] }));
    });
    const done = nowMs();
    total.push(done - start);
    afterSubscribe.push(done - subscribed);
    ws.terminate();
  }
  return {
    nodes: server.urls.length,
    missed: o.missed,
    rounds: o.rounds,
    connectToCaughtUpMs: summarise(total),
    subscribeToCaughtUpMs: summarise(afterSubscribe),
  };
}

/**
 * `history`: the latest 50 messages over HTTP from a conversation holding
 * `rows` messages, next to a conversation holding 60 — if the cost does not
 * grow with the table, both take the same time.
 */
export async function runHistory(server: BenchServer, o: { rows: number; requests: number }) {
  const { org, users } = await seedUsers(server.db, 2);
  const big = await seedConversation(server.db, org, "direct", users);
  const seedStart = nowMs();
  for (let done = 0; done < o.rows; done += 200_000)
    await seedMessages(server, big, users[0]!.id, Math.min(200_000, o.rows - done), done + 1);
  const seedSeconds = (nowMs() - seedStart) / 1000;
  const { users: others } = await seedUsers(server.db, 2);
  const small = await seedConversation(server.db, org, "direct", others);
  await seedMessages(server, small, others[0]!.id, 60);
  const measure = async (conv: string, cookie: string) => {
    const times: number[] = [];
    for (let i = 0; i < o.requests + 20; i++) {
      const t = nowMs();
      const res = await fetch(`${server.urlFor(i)}/api/conversations/${conv}/messages?limit=50`, {
        headers: { cookie },
      });
      const body = (await res.json()) as { messages: unknown[] };
      if (res.status !== 200 || body.messages.length !== 50)
        throw new Error(`history answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      if (i >= 20) times.push(nowMs() - t); // the first 20 warm up caches and the JIT
    }
    return summarise(times);
  };
  return {
    nodes: server.urls.length,
    rows: o.rows,
    seedSeconds: round(seedSeconds, 1),
    latest50BigMs: await measure(big, users[1]!.cookie),
    latest50SmallMs: await measure(small, others[1]!.cookie),
  };
}
