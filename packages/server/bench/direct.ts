// SPDX-License-Identifier: AGPL-3.0-or-later
import type WebSocket from "ws";
import { envelopeFor, numberOf, openWs, runInBatches, seedConversation, seedUsers, type BenchServer } from "./harness";
import { nowMs, round, sleep, summarise } from "./stats";

export interface DirectOptions {
  users: number;
  rates: number[];
  sizes: number[];
  stepSeconds: number;
}

interface Sender {
  ws: WebSocket;
  conv: string;
}

/**
 * `direct`: users in pairs, each pair one direct conversation, every user
 * connected and subscribed. The offered rate is spread round-robin over all
 * users (each sends to its partner) and stepped up; per step we report
 * acknowledged (= persisted) msg/s, delivered msg/s, send→receive latency,
 * lost (acked, never received) and duplicated deliveries.
 */
export async function runDirect(server: BenchServer, o: DirectOptions) {
  const { org, users } = await seedUsers(server.db, o.users - (o.users % 2));
  const senders: Sender[] = [];
  const sentAt = new Map<number, number>();
  const acked = new Set<number>();
  const received = new Set<number>();
  let duplicated = 0;
  let errors = 0;
  let latencies: number[] = [];
  let lastReceiveAt = 0;
  const convs: string[] = [];
  for (let i = 0; i < users.length; i += 2)
    convs.push(await seedConversation(server.db, org, "direct", [users[i]!, users[i + 1]!]));
  await runInBatches(
    users.map((u, i) => ({ u, i, conv: convs[Math.floor(i / 2)]! })),
    100,
    async ({ u, i, conv }) => {
      // With several nodes the two partners of a pair sit on different nodes (i and i+1).
      const ws = await openWs(server.urlFor(i), u.cookie);
      ws.on("message", (data: Buffer) => {
        const text = data.toString();
        if (text.startsWith('{"type":"message"')) {
          const f = JSON.parse(text) as { envelope: string; senderId: string };
          if (f.senderId === u.id) return; // own echo
          const n = numberOf(f.envelope);
          if (received.has(n)) duplicated += 1;
          else {
            received.add(n);
            lastReceiveAt = nowMs();
            latencies.push(lastReceiveAt - sentAt.get(n)!);
          }
        } else if (text.startsWith('{"type":"ack"')) {
          acked.add(Number((JSON.parse(text) as { clientMsgId: string }).clientMsgId.slice(10)));
        } else if (text.startsWith('{"type":"error"')) errors += 1;
      });
      ws.send(JSON.stringify({ type: "subscribe", cursors: [{ conversationId: conv, afterSeq: 0 }] }));
      senders.push({ ws, conv });
    },
  );
  let counter = 0;
  const steps = [];
  for (const size of o.sizes) {
    for (const rate of o.rates) {
      latencies = [];
      const firstN = counter;
      const start = nowMs();
      const end = start + o.stepSeconds * 1000;
      let due = 0;
      // Open-loop generator: send what is due every few ms, whatever the server's pace.
      while (nowMs() < end) {
        due = Math.floor(((nowMs() - start) * rate) / 1000);
        while (counter - firstN < due) {
          const s = senders[counter % senders.length]!;
          const n = counter++;
          sentAt.set(n, nowMs());
          s.ws.send(
            `{"type":"send","clientMsgId":"bench-msg-${n}","conversationId":"${s.conv}","envelope":"${envelopeFor(n, size)}"}`,
          );
        }
        await sleep(2);
      }
      const sendWindow = (nowMs() - start) / 1000;
      // Drain: wait (bounded) until everything sent was acknowledged and received.
      const drainUntil = nowMs() + 10_000;
      while (
        nowMs() < drainUntil &&
        (countRange(acked, firstN, counter) < counter - firstN ||
          countRange(received, firstN, counter) < countRange(acked, firstN, counter))
      )
        await sleep(20);
      const sent = counter - firstN;
      const ackCount = countRange(acked, firstN, counter);
      const recvCount = countRange(received, firstN, counter);
      let lost = 0;
      for (let n = firstN; n < counter; n++) if (acked.has(n) && !received.has(n)) lost += 1;
      const window = Math.max(sendWindow, (lastReceiveAt - start) / 1000);
      steps.push({
        envelopeBytes: size,
        offeredPerSec: rate,
        sent,
        acked: ackCount,
        delivered: recvCount,
        sustainedPerSec: round(recvCount / window, 0),
        lost,
        duplicated,
        errors,
        latencyMs: summarise(latencies),
      });
      process.stderr.write(`direct size=${size} rate=${rate}: ${JSON.stringify(steps.at(-1))}\n`);
      duplicated = 0;
      errors = 0;
    }
  }
  for (const s of senders) s.ws.terminate();
  return { users: users.length, pairs: convs.length, nodes: server.urls.length, steps };
}

function countRange(set: Set<number>, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (set.has(i)) n += 1;
  return n;
}
