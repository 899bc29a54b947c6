// SPDX-License-Identifier: AGPL-3.0-or-later
import type WebSocket from "ws";
import {
  envelopeFor,
  numberOf,
  openWs,
  runInBatches,
  seedConversation,
  seedUsers,
  type BenchServer,
  type BenchUser,
} from "./harness";
import { cpuMs, nowMs, round, rssKiB, sleep, summarise } from "./stats";

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
 * lost (acked, never received) and duplicated deliveries; sends the server
 * refused as too busy (`unavailable`, ADR 0039) are counted, not retried
 * (the generator is open-loop: offered load stays offered load), and the
 * server's CPU (one core = 100 %) and peak RSS per step.
 */
export async function runDirect(
  server: BenchServer,
  o: DirectOptions,
  /** Users and one conversation per pair, when not seeded into an Obhut database (the `relay` ceiling). */
  given?: { users: BenchUser[]; conversations: string[] },
) {
  const seeded = given ?? (await seedPairs(server, o.users - (o.users % 2)));
  const users = seeded.users;
  const convs = seeded.conversations;
  const senders: Sender[] = [];
  const sentAt = new Map<number, number>();
  const acked = new Set<number>();
  const refused = new Set<number>();
  const errorCodes = new Map<string, number>();
  const received = new Set<number>();
  let duplicated = 0;
  let errors = 0;
  let latencies: number[] = [];
  let lastReceiveAt = 0;
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
        } else if (text.startsWith('{"type":"error"')) {
          const e = JSON.parse(text) as { code: string; ref?: string };
          errorCodes.set(e.code, (errorCodes.get(e.code) ?? 0) + 1);
          if (e.code === "unavailable" && e.ref?.startsWith("bench-msg-")) refused.add(Number(e.ref.slice(10)));
          else errors += 1;
        }
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
      errorCodes.clear();
      const firstN = counter;
      const cpuBefore = await cpuOf(server.pids);
      let rssPeak = 0;
      const rssTimer = setInterval(() => {
        void rssOf(server.pids).then((kib) => (rssPeak = Math.max(rssPeak, kib)));
      }, 500);
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
      // Drain: wait (bounded) until everything sent was acknowledged or refused, and everything acknowledged received.
      const drainUntil = nowMs() + 10_000;
      while (
        nowMs() < drainUntil &&
        (countRange(acked, firstN, counter) + countRange(refused, firstN, counter) < counter - firstN ||
          countRange(received, firstN, counter) < countRange(acked, firstN, counter))
      )
        await sleep(20);
      clearInterval(rssTimer);
      const cpuPercent = round((((await cpuOf(server.pids)) - cpuBefore) / (nowMs() - start)) * 100, 0);
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
        refusedBusy: countRange(refused, firstN, counter),
        delivered: recvCount,
        sustainedPerSec: round(recvCount / window, 0),
        lost,
        duplicated,
        errors,
        errorCodes: Object.fromEntries(errorCodes),
        latencyMs: summarise(latencies),
        serverCpuPercent: cpuPercent,
        serverRssPeakMiB: round(rssPeak / 1024, 0),
      });
      process.stderr.write(`direct size=${size} rate=${rate}: ${JSON.stringify(steps.at(-1))}\n`);
      duplicated = 0;
      errors = 0;
    }
  }
  for (const s of senders) s.ws.terminate();
  return { users: users.length, pairs: convs.length, nodes: server.urls.length, steps };
}

async function seedPairs(server: BenchServer, count: number) {
  const { org, users } = await seedUsers(server.db, count);
  const conversations: string[] = [];
  for (let i = 0; i < users.length; i += 2)
    conversations.push(await seedConversation(server.db, org, "direct", [users[i]!, users[i + 1]!]));
  return { users, conversations };
}

const cpuOf = async (pids: number[]) => (await Promise.all(pids.map(cpuMs))).reduce((a, b) => a + b, 0);
const rssOf = async (pids: number[]) => (await Promise.all(pids.map(rssKiB))).reduce((a, b) => a + b, 0);

function countRange(set: Set<number>, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (set.has(i)) n += 1;
  return n;
}
