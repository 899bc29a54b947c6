// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import os from "node:os";
import Database from "better-sqlite3";
import type { Client, Element } from "@xmpp/client";
import { xml } from "@xmpp/client";
import { runInBatches } from "../harness";
import { nowMs, round, rssKiB, sleep, summarise } from "../stats";
import { bodyFor, connectUser, disconnect, mamQuery, messageStanza, numberOfBody, ping, registerUsers } from "./client";
import type { XmppServer } from "./servers";

/** CPU seconds (user + system) the server process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    return parseProcStat(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return 0;
  }
}

/** utime + stime of a /proc/<pid>/stat line, in seconds (clock ticks of 1/100 s on Linux). */
export function parseProcStat(stat: string): number {
  // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const load = () => round(os.loadavg()[0]!, 1);

async function connectAll(server: XmppServer, names: string[]): Promise<Client[]> {
  const clients = new Array<Client>(names.length);
  await runInBatches(
    names.map((n, i) => ({ n, i })),
    50,
    async ({ n, i }) => {
      const c = await connectUser(server, n);
      // The server handles a stream's stanzas in order: once the ping is answered, the presence is in
      // effect and messages to this user's bare JID reach the connection.
      await ping(c, server.domain);
      clients[i] = c;
    },
  );
  return clients;
}

export interface DirectOptions {
  users: number;
  rates: number[];
  sizes: number[];
  stepSeconds: number;
}

/**
 * `direct`: users in pairs, every user online; the offered rate is spread
 * round-robin over all users, each sending `<message type="chat">` to its
 * partner's bare JID (archived by MAM for both). Per step: delivered msg/s,
 * send→receive latency, lost (sent, never received: XMPP has no
 * stored-then-acked signal, see docs/PERFORMANCE.md) and duplicated.
 */
export async function runXmppDirect(server: XmppServer, o: DirectOptions) {
  const count = o.users - (o.users % 2);
  const names = Array.from({ length: count }, (_, i) => `d${i}`);
  await registerUsers(server, names);
  const clients = await connectAll(server, names);
  const sentAt = new Map<number, number>();
  const received = new Set<number>();
  // Latency by message number, so a step's figures cover its own messages even when the previous step's
  // backlog is still arriving.
  const latencyOf = new Map<number, number>();
  let duplicated = 0;
  let errors = 0;
  let lastReceiveAt = 0;
  for (const c of clients) {
    c.on("stanza", (s: Element) => {
      if (!s.is("message")) return;
      if (s.attrs.type === "error") {
        errors += 1;
        return;
      }
      const n = numberOfBody(s.getChildText("body"));
      if (n === undefined) return;
      if (received.has(n)) duplicated += 1;
      else {
        received.add(n);
        lastReceiveAt = nowMs();
        latencyOf.set(n, lastReceiveAt - sentAt.get(n)!);
      }
    });
  }
  const partner = (i: number) => `${names[i ^ 1]}@${server.domain}`;
  let counter = 0;
  const steps = [];
  for (const size of o.sizes) {
    for (const rate of o.rates) {
      const firstN = counter;
      const cpuBefore = cpuSeconds(server.pid);
      const generatorBefore = process.cpuUsage();
      const loadBefore = load();
      const start = nowMs();
      const end = start + o.stepSeconds * 1000;
      // Open-loop generator, as in the Obhut bench: send what is due every few ms, whatever the server's pace.
      while (nowMs() < end) {
        const due = Math.floor(((nowMs() - start) * rate) / 1000);
        while (counter - firstN < due) {
          const i = counter % clients.length;
          const n = counter++;
          sentAt.set(n, nowMs());
          void clients[i]!.write(messageStanza(partner(i), "chat", `m${n}`, bodyFor(n, size))).catch(() => {
            errors += 1;
          });
        }
        await sleep(2);
      }
      const sendWindow = (nowMs() - start) / 1000;
      // Drain until everything sent so far arrived, or nothing arrived for 30 s (hard cap 120 s): a server
      // that fell behind is still delivering, and what it delivers late is latency, not loss. (Prosody
      // under a backlog goes quiet for more than 10 s at a time and then delivers again.)
      const drainCap = nowMs() + 120_000;
      let progressAt = nowMs();
      let seen = received.size;
      while (received.size < counter && nowMs() - progressAt < 30_000 && nowMs() < drainCap) {
        await sleep(50);
        if (received.size > seen) [seen, progressAt] = [received.size, nowMs()];
      }
      const sent = counter - firstN;
      const delivered = countRange(received, firstN, counter);
      const window = Math.max(sendWindow, (lastReceiveAt - start) / 1000);
      const latencies: number[] = [];
      for (let m = firstN; m < counter; m++) if (latencyOf.has(m)) latencies.push(latencyOf.get(m)!);
      const generator = process.cpuUsage(generatorBefore);
      steps.push({
        envelopeBytes: size,
        offeredPerSec: rate,
        sent,
        delivered,
        sustainedPerSec: round(delivered / window, 0),
        lost: sent - delivered,
        duplicated,
        errors,
        latencyMs: summarise(latencies),
        serverCpuPercent: round(((cpuSeconds(server.pid) - cpuBefore) / window) * 100, 0),
        generatorCpuPercent: round((generator.user + generator.system) / 1e4 / window, 0),
        loadAverage: [loadBefore, load()],
      });
      process.stderr.write(`xmpp direct size=${size} rate=${rate}: ${JSON.stringify(steps.at(-1))}\n`);
      duplicated = 0;
      errors = 0;
    }
  }
  await runInBatches(clients, 100, disconnect);
  return { users: count, pairs: count / 2, steps };
}

function countRange(set: Set<number>, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (set.has(i)) n += 1;
  return n;
}

/** Joins a MUC room and resolves on the occupant's own presence (status 110), i.e. once the join is complete. */
async function joinRoom(c: Client, room: string, nick: string): Promise<void> {
  const joined = new Promise<void>((resolve, reject) => {
    const onStanza = (s: Element) => {
      if (!s.is("presence") || s.attrs.from !== `${room}/${nick}`) return;
      c.removeListener("stanza", onStanza);
      if (s.attrs.type === "error") reject(new Error(`join ${room} as ${nick}: ${s.toString().slice(0, 400)}`));
      else resolve();
    };
    c.on("stanza", onStanza);
  });
  await c.send(
    xml(
      "presence",
      { to: `${room}/${nick}` },
      xml("x", { xmlns: "http://jabber.org/protocol/muc" }, xml("history", { maxstanzas: "0" })),
    ),
  );
  await joined;
}

/**
 * `fanout`: one MUC room with `members` occupants (all online), one sender
 * posting `messages` groupchat messages at `rate` msg/s; deliveries/s and
 * send→receive latency over all deliveries to the other occupants.
 */
export async function runXmppFanout(server: XmppServer, o: { members: number; messages: number; rate: number }) {
  const names = Array.from({ length: o.members }, (_, i) => `f${i}`);
  await registerUsers(server, names);
  const clients = await connectAll(server, names);
  const room = `bench@${server.mucDomain}`;
  // The first occupant creates the room and accepts the default configuration (an "instant room",
  // XEP-0045 §10.1.2), so neither server keeps it locked.
  await joinRoom(clients[0]!, room, names[0]!);
  await clients[0]!.iqCaller.request(
    xml(
      "iq",
      { type: "set", to: room },
      xml(
        "query",
        { xmlns: "http://jabber.org/protocol/muc#owner" },
        xml("x", { xmlns: "jabber:x:data", type: "submit" }),
      ),
    ),
    30_000,
  );
  const joinStart = nowMs();
  await runInBatches(
    clients.slice(1).map((c, i) => ({ c, nick: names[i + 1]! })),
    50,
    ({ c, nick }) => joinRoom(c, room, nick),
  );
  const joinSeconds = (nowMs() - joinStart) / 1000;
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let deliveries = 0;
  let errors = 0;
  let lastAt = 0;
  for (const c of clients.slice(1)) {
    c.on("stanza", (s: Element) => {
      if (!s.is("message")) return;
      if (s.attrs.type === "error") errors += 1;
      const n = numberOfBody(s.getChildText("body"));
      if (n === undefined || s.attrs.type !== "groupchat") return;
      deliveries += 1;
      lastAt = nowMs();
      latencies.push(lastAt - sentAt.get(n)!);
    });
  }
  await sleep(500); // let the joins settle before the clock starts, as in the Obhut bench
  const sender = clients[0]!;
  const cpuBefore = cpuSeconds(server.pid);
  const generatorBefore = process.cpuUsage();
  const loadBefore = load();
  const start = nowMs();
  for (let n = 0; n < o.messages; n++) {
    while (nowMs() - start < (n * 1000) / o.rate) await sleep(1);
    sentAt.set(n, nowMs());
    void sender.write(messageStanza(room, "groupchat", `g${n}`, bodyFor(n, 300))).catch(() => (errors += 1));
  }
  const expected = o.messages * (clients.length - 1);
  const until = nowMs() + 30_000;
  while (deliveries < expected && nowMs() < until) await sleep(20);
  const seconds = (lastAt - start) / 1000;
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  const generator = process.cpuUsage(generatorBefore);
  await runInBatches(clients, 100, disconnect);
  return {
    members: clients.length,
    messages: o.messages,
    offeredMsgPerSec: o.rate,
    deliveries,
    expectedDeliveries: expected,
    deliveriesPerSec: round(deliveries / seconds, 0),
    errors,
    latencyMs: summarise(latencies),
    joinSeconds: round(joinSeconds, 1),
    serverCpuPercent: round((cpu / seconds) * 100, 0),
    generatorCpuPercent: round((generator.user + generator.system) / 1e4 / seconds, 0),
    loadAverage: [loadBefore, load()],
  };
}

/** `idle`: many authenticated, available, idle c2s streams; server RSS per connection and connect rate. */
export async function runXmppIdle(server: XmppServer, o: { connections: number }) {
  const users = Array.from({ length: Math.min(o.connections, 500) }, (_, i) => `i${i}`);
  await registerUsers(server, users);
  await sleep(1000);
  const before = await rssKiB(server.pid);
  const start = nowMs();
  const clients: Client[] = [];
  await runInBatches(
    Array.from({ length: o.connections }, (_, i) => i),
    50,
    async (i) => {
      const c = await connectUser(server, users[i % users.length]!, `idle${i}`);
      await ping(c, server.domain);
      clients.push(c);
    },
  );
  const connectSeconds = (nowMs() - start) / 1000;
  await sleep(2000);
  const after = await rssKiB(server.pid);
  await runInBatches(clients, 200, disconnect);
  return {
    connections: clients.length,
    connectPerSec: round(clients.length / connectSeconds, 0),
    serverRssBeforeMiB: round(before / 1024, 1),
    serverRssAfterMiB: round(after / 1024, 1),
    rssPerConnectionKiB: round((after - before) / clients.length, 1),
  };
}

/** Pages through a MAM archive after `after` until complete; the items, oldest first, and the page count. */
async function catchUp(c: Client, peer: string, after: string, pageSize: number) {
  const items: { id: string; body: string | null }[] = [];
  let cursor = after;
  let pages = 0;
  for (;;) {
    const page = await mamQuery(c, { with: peer, max: pageSize, after: cursor });
    pages += 1;
    items.push(...page.items);
    if (page.complete || page.items.length === 0 || !page.last) break;
    cursor = page.last;
  }
  return { items, pages };
}

/**
 * `catchup`: the receiver saw the first 10 messages live (and the archive id
 * of the 10th, from `<stanza-id>`), went offline, missed `missed` more, then
 * logs in and pages through MAM after that id — the way XMPP clients catch up.
 * Times connect→caught up and query→caught up, `rounds` times, and checks the
 * result has no gap and no duplicate.
 */
export async function runXmppCatchup(server: XmppServer, o: { missed: number; rounds: number; pageSize: number }) {
  await registerUsers(server, ["ca", "cb"]);
  const a = await connectUser(server, "ca");
  const total: number[] = [];
  const afterQuery: number[] = [];
  let pages = 0;
  let problems = 0;
  let n = 0;
  for (let r = 0; r < o.rounds; r++) {
    let b = await connectUser(server, "cb");
    await ping(b, server.domain);
    const seen: { n: number; sid?: string }[] = [];
    b.on("stanza", (s: Element) => {
      const got = s.is("message") ? numberOfBody(s.getChildText("body")) : undefined;
      if (got !== undefined) seen.push({ n: got, sid: s.getChild("stanza-id", "urn:xmpp:sid:0")?.attrs.id });
    });
    const firstN = n;
    for (let i = 0; i < 10; i++, n++)
      await a.write(messageStanza(`cb@${server.domain}`, "chat", `c${n}`, bodyFor(n, 300)));
    await ping(a, server.domain);
    const seenUntil = nowMs() + 10_000;
    while (seen.length < 10 && nowMs() < seenUntil) await sleep(10);
    const cursor = seen.at(-1)?.sid;
    if (seen.length < 10 || !cursor)
      throw new Error(`catchup: live messages missing (${seen.length}/10, stanza-id ${cursor})`);
    await disconnect(b);
    await sleep(500); // let the server finish the session so the next messages go to the archive only
    for (let i = 0; i < o.missed; i++, n++)
      void a.write(messageStanza(`cb@${server.domain}`, "chat", `c${n}`, bodyFor(n, 300)));
    await ping(a, server.domain); // answered after the server has handled (and archived) every message above
    const start = nowMs();
    b = await connectUser(server, "cb");
    const queried = nowMs();
    const result = await catchUp(b, `ca@${server.domain}`, cursor, o.pageSize);
    const done = nowMs();
    total.push(done - start);
    afterQuery.push(done - queried);
    pages = result.pages;
    const numbers = result.items.map((it) => numberOfBody(it.body));
    const expected = Array.from({ length: o.missed }, (_, i) => firstN + 10 + i);
    if (numbers.length !== expected.length || numbers.some((x, i) => x !== expected[i])) problems += 1;
    await disconnect(b);
  }
  await disconnect(a);
  return {
    missed: o.missed,
    rounds: o.rounds,
    pageSize: o.pageSize,
    pagesPerCatchup: pages,
    roundsWithGapsOrDuplicates: problems,
    connectToCaughtUpMs: summarise(total),
    queryToCaughtUpMs: summarise(afterQuery),
  };
}

/**
 * Writes `count` archived one-to-one messages from `peer` into `user`'s MAM
 * archive straight through SQL, in each server's own schema (seeding, not
 * measured; the Obhut bench seeds its messages table the same way).
 */
export function seedArchive(server: XmppServer, user: string, peer: string, count: number, fromN: number): void {
  const db = new Database(server.database, { timeout: 60_000 });
  try {
    const peerJid = `${peer}@${server.domain}`;
    const stanza = (body: string) =>
      // A SQL string expression (double quotes in the XML, single quotes delimit SQL literals).
      `'<message xmlns="jabber:client" type="chat" to="${user}@${server.domain}" from="${peerJid}/bench" id="s' || g || '">` +
      `<body>' || g || '|${body}</body></message>'`;
    const pad = "x".repeat(290);
    const last = fromN + count - 1;
    const series = `WITH RECURSIVE s(g) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT g + 1 FROM s WHERE g < ?)`;
    if (server.kind === "prosody") {
      const base = Math.floor(Date.now() / 1000) - count;
      db.prepare(
        `${series} INSERT INTO prosodyarchive (host, user, store, key, "when", "with", type, value)
         SELECT ?, ?, 'archive', ? || g, ? + g, ?, 'xml', ${stanza(pad)} FROM s`,
      ).run(fromN, last, server.domain, user, `seed-${user}-`, base, peerJid);
    } else {
      // ejabberd's archive ids are microsecond timestamps.
      const base = (Date.now() - count) * 1000;
      db.prepare(
        `${series} INSERT INTO archive (username, server_host, timestamp, peer, bare_peer, xml, txt, kind, nick)
         SELECT ?, ?, ? + g, ?, ?, ${stanza(pad)}, g || '|${pad}', 'chat', '' FROM s`,
      ).run(fromN, last, user, server.domain, base, `${peerJid}/bench`, peerJid);
    }
  } finally {
    db.close();
  }
}

/**
 * `history`: the latest 50 messages by MAM (`<before/>`, max 50) from an
 * archive holding `rows` messages with one peer, next to a user whose archive
 * holds 60 messages in the same table. Each server's default MAM settings,
 * which include counting the result set (RSM `<count>`).
 */
export async function runXmppHistory(server: XmppServer, o: { rows: number; requests: number }) {
  await registerUsers(server, ["hbig", "hpeer", "hsmall", "hpeer2"]);
  const seedStart = nowMs();
  for (let done = 0; done < o.rows; done += 200_000)
    seedArchive(server, "hbig", "hpeer", Math.min(200_000, o.rows - done), done + 1);
  seedArchive(server, "hsmall", "hpeer2", 60, 1);
  const seedSeconds = (nowMs() - seedStart) / 1000;
  const measure = async (user: string, peer: string) => {
    const c = await connectUser(server, user);
    const times: number[] = [];
    try {
      for (let i = 0; i < o.requests + 20; i++) {
        const t = nowMs();
        const page = await mamQuery(c, { with: `${peer}@${server.domain}`, max: 50, before: "" });
        if (page.items.length !== 50) throw new Error(`history: MAM answered ${page.items.length} items, not 50`);
        if (i >= 20) times.push(nowMs() - t); // the first 20 warm up caches, as in the Obhut bench
      }
    } finally {
      await disconnect(c);
    }
    return summarise(times);
  };
  return {
    rows: o.rows,
    seedSeconds: round(seedSeconds, 1),
    latest50BigMs: await measure("hbig", "hpeer"),
    latest50SmallMs: await measure("hsmall", "hpeer2"),
  };
}
