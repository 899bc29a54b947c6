// SPDX-License-Identifier: AGPL-3.0-or-later
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import {
  createEventBus,
  EventBusUnavailableError,
  MalformedEventError,
  type BusEvent,
  type EventBus,
} from "../../src/infra/events/bus";
import { REDIS_TEST_URL } from "../helpers/databases";
import { uniquePrefix, unusedPort, waitFor } from "./support";
import { startBlackhole, startProxy } from "./tcp-proxy";

const redisTarget = {
  host: new URL(REDIS_TEST_URL).hostname,
  port: Number(new URL(REDIS_TEST_URL).port || 6379),
};
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function bus(options: Parameters<typeof createEventBus>[0] = {}): Promise<EventBus> {
  const b = await createEventBus({ redisUrl: REDIS_TEST_URL, ...options });
  cleanups.push(() => b.close());
  return b;
}

/** Collects events and lets a test wait for a given number of them. */
function collector() {
  const events: BusEvent[] = [];
  let pokes: (() => void)[] = [];
  return {
    events,
    handler: (e: BusEvent) => {
      events.push(e);
      for (const p of pokes) p();
    },
    async until(n: number) {
      const w = waitFor(() => events.length >= n, 5000, `${n} events`);
      pokes.push(w.poke);
      await w.done;
      pokes = pokes.filter((p) => p !== w.poke);
    },
  };
}

describe("Redis event bus", () => {
  it("delivers every event exactly once to every node, the publisher included", async () => {
    const prefix = uniquePrefix();
    const [a, b] = [await bus({ prefix }), await bus({ prefix })];
    expect(a.kind).toBe("redis");
    const [seenA, seenB] = [collector(), collector()];
    await a.subscribe("room", seenA.handler).ready;
    await b.subscribe("room", seenB.handler).ready;

    await a.publish("room", { type: "from-a" });
    await b.publish("room", { type: "from-b", data: { nested: [1, "x"] } });
    // A marker after the others: Redis keeps each publisher's order, so once
    // it has arrived no duplicate of the earlier events can still be on its way.
    await a.publish("room", { type: "marker" });
    await b.publish("room", { type: "marker" });
    await Promise.all([seenA.until(4), seenB.until(4)]);
    for (const seen of [seenA, seenB]) {
      expect(seen.events.filter((e) => e.type === "from-a")).toHaveLength(1);
      expect(seen.events.filter((e) => e.type === "from-b")).toEqual([{ type: "from-b", data: { nested: [1, "x"] } }]);
      expect(seen.events).toHaveLength(4);
    }
  });

  it("keeps prefixes apart, reference-counts subscriptions and unsubscribes", async () => {
    const prefix = uniquePrefix();
    const a = await bus({ prefix });
    const stranger = await bus({ prefix: uniquePrefix() });
    const [one, two, strange] = [collector(), collector(), collector()];
    const offOne = a.subscribe("t", one.handler);
    const offTwo = a.subscribe("t", two.handler);
    stranger.subscribe("t", strange.handler);
    await offTwo.ready;

    await a.publish("t", { type: "first" });
    await Promise.all([one.until(1), two.until(1)]);
    offOne();
    await a.publish("t", { type: "second" });
    await two.until(2);
    expect(one.events.map((e) => e.type)).toEqual(["first"]);
    expect(strange.events).toEqual([]);

    // The last handler gone: the channel is UNSUBSCRIBEd on Redis.
    const admin = new Redis(REDIS_TEST_URL);
    cleanups.push(() => admin.quit());
    offTwo();
    await a.subscribe("other", () => undefined).ready; // ordered after the UNSUBSCRIBE
    const [, count] = (await admin.pubsub("NUMSUB", `${prefix}t`)) as [string, number];
    expect(count).toBe(0);
  });

  it("drops malformed messages and keeps going when a handler throws", async () => {
    const prefix = uniquePrefix();
    const errors: Error[] = [];
    const a = await bus({ prefix, onError: (e) => errors.push(e) });
    const seen = collector();
    a.subscribe("t", () => {
      throw new Error("handler failed");
    });
    await a.subscribe("t", seen.handler).ready;
    const raw = new Redis(REDIS_TEST_URL);
    cleanups.push(() => raw.quit());
    for (const junk of ["not json", "[1,2]", '{"no":"type"}', "null"]) await raw.publish(`${prefix}t`, junk);
    await a.publish("t", { type: "good" });
    await seen.until(1);
    expect(seen.events).toEqual([{ type: "good" }]);
    expect(errors.filter((e) => e instanceof MalformedEventError)).toHaveLength(4);
    expect(errors.filter((e) => e.message === "handler failed")).toHaveLength(1);
  });

  it("reports publish and delivery counts", async () => {
    const prefix = uniquePrefix();
    const counts = { published: 0, delivered: 0 };
    const a = await bus({
      prefix,
      onPublish: () => counts.published++,
      onDeliver: () => counts.delivered++,
    });
    const seen = collector();
    await a.subscribe("t", seen.handler).ready;
    a.subscribe("t", () => undefined);
    await a.publish("t", { type: "x" });
    await seen.until(1);
    expect(counts).toEqual({ published: 1, delivered: 2 });
  });

  it("fails fast with a clear error when Redis is not reachable", async () => {
    const port = await unusedPort();
    const started = Date.now();
    const attempt = createEventBus({
      redisUrl: `redis://:s3cret@127.0.0.1:${port}`,
      connectTimeoutMs: 1000,
    });
    await expect(attempt).rejects.toThrow(EventBusUnavailableError);
    await expect(attempt).rejects.toThrow(`Redis is not reachable at redis://:***@127.0.0.1:${port}`);
    await attempt.catch((err: Error) => expect(err.message).not.toContain("s3cret"));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("gives up on a Redis that accepts connections but never answers", async () => {
    const hole = await startBlackhole();
    cleanups.push(() => hole.stop());
    await expect(
      createEventBus({
        redisUrl: `redis://127.0.0.1:${hole.port}`,
        connectTimeoutMs: 300,
      }),
    ).rejects.toThrow(/not reachable.*timed out/);
  });

  it("reports an outage from ping, then reconnects and re-subscribes by itself", async () => {
    const prefix = uniquePrefix();
    let proxy = await startProxy(redisTarget);
    const port = proxy.port;
    cleanups.push(() => proxy.stop());
    const errors: Error[] = [];
    const viaProxy = await bus({
      prefix,
      redisUrl: `redis://127.0.0.1:${port}`,
      connectTimeoutMs: 500,
      onError: (e) => errors.push(e),
    });
    const direct = await bus({ prefix });
    const seen = collector();
    await viaProxy.subscribe("t", seen.handler).ready;
    await viaProxy.ping();

    await proxy.stop();
    await expect(viaProxy.ping()).rejects.toThrow(EventBusUnavailableError);
    await expect(viaProxy.publish("t", { type: "lost" })).rejects.toThrow(EventBusUnavailableError);

    proxy = await startProxy(redisTarget, port);
    // Wait until the subscriber is back; publishing until one arrives avoids
    // guessing the reconnect delay.
    const arrived = waitFor(() => seen.events.length > 0, 10_000, "re-subscription");
    const poller = setInterval(arrived.poke, 20);
    cleanups.push(async () => clearInterval(poller));
    const timer = setInterval(() => void direct.publish("t", { type: "after" }), 50);
    await arrived.done.finally(() => clearInterval(timer)).catch((e) => Promise.reject(e));
    expect(seen.events[0]).toEqual({ type: "after" });
    // The publisher connection reconnects on its own schedule, independent of
    // the subscriber's: wait (bounded) until it answers again too.
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await viaProxy.ping();
        break;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    expect(errors.length).toBeGreaterThan(0);
  });
});
