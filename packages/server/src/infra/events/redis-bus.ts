// SPDX-License-Identifier: AGPL-3.0-or-later
import { Redis, type RedisOptions } from "ioredis";
import { decodeEvent, encodeEvent, toError } from "./serialise";
import {
  EventBusClosedError,
  EventBusUnavailableError,
  type EventBus,
  type EventBusOptions,
  type EventHandler,
  type Unsubscribe,
} from "./types";

interface Topic {
  handlers: Set<EventHandler>;
  /** Settles when the SUBSCRIBE for this topic was acknowledged (or failed). */
  subscribed: Promise<void>;
}

/**
 * Redis pub/sub bus for scale-out. Two connections, because a Redis
 * connection in subscriber mode cannot PUBLISH. The publishing node does not
 * short-cut delivery to its own handlers: every node, the publisher
 * included, receives each event once, from Redis.
 */
export async function createRedisBus(redisUrl: string, options: EventBusOptions = {}): Promise<EventBus> {
  const prefix = options.prefix ?? "obhut:";
  const timeoutMs = options.connectTimeoutMs ?? 5000;
  const where = redactUrl(redisUrl);
  const name = options.connectionName ?? "obhut";
  const onError = (err: unknown) => options.onError?.(toError(err));

  const base: RedisOptions = {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    // Reconnect forever with a capped backoff; a restart of Redis must not
    // need a restart of every node.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 3000),
    // ioredis re-sends SUBSCRIBE for every channel after a reconnect.
    autoResubscribe: true,
  };
  // A publish while Redis is away fails after a couple of reconnect attempts
  // instead of piling up; the subscriber queues its (UN)SUBSCRIBEs until it is back.
  const pub = new Redis(redisUrl, {
    ...base,
    maxRetriesPerRequest: 2,
    connectionName: `${name}-pub`,
  });
  const sub = new Redis(redisUrl, {
    ...base,
    maxRetriesPerRequest: null,
    connectionName: `${name}-sub`,
  });
  pub.on("error", onError);
  sub.on("error", onError);

  try {
    await withTimeout(Promise.all([pub.connect(), sub.connect()]), timeoutMs, "timed out");
  } catch (err) {
    pub.disconnect();
    sub.disconnect();
    throw new EventBusUnavailableError(`Redis is not reachable at ${where}: ${toError(err).message}`);
  }

  const topics = new Map<string, Topic>();
  let closed = false;

  sub.on("message", (channel: string, message: string) => {
    if (!channel.startsWith(prefix)) return;
    const topic = channel.slice(prefix.length);
    const entry = topics.get(topic);
    if (!entry) return;
    try {
      decodeEvent(message);
    } catch (err) {
      // Someone else wrote to our channel; never let that reach handlers or crash the node.
      onError(err);
      return;
    }
    for (const handler of [...entry.handlers]) {
      if (!entry.handlers.has(handler)) continue;
      options.onDeliver?.(topic);
      try {
        handler(decodeEvent(message));
      } catch (err) {
        onError(err);
      }
    }
  });

  return {
    kind: "redis",
    async publish(topic, event) {
      if (closed) throw new EventBusClosedError();
      const encoded = encodeEvent(event);
      try {
        await withTimeout(pub.publish(prefix + topic, encoded), timeoutMs, "timed out");
      } catch (err) {
        throw new EventBusUnavailableError(`Could not publish to Redis at ${where}: ${toError(err).message}`);
      }
      options.onPublish?.(topic);
    },
    subscribe(topic, handler) {
      if (closed) throw new EventBusClosedError();
      const handlerEntry: EventHandler = (event) => handler(event);
      let entry = topics.get(topic);
      if (!entry) {
        // Reference counting: one SUBSCRIBE per topic however many handlers.
        // Commands on one connection run in order, so a quick
        // subscribe/unsubscribe/subscribe sequence ends subscribed.
        const subscribed = sub.subscribe(prefix + topic).then(
          () => undefined,
          (err: unknown) => onError(err),
        );
        entry = { handlers: new Set(), subscribed };
        topics.set(topic, entry);
      }
      entry.handlers.add(handlerEntry);
      const owner = entry;
      const unsubscribe = () => {
        if (!owner.handlers.delete(handlerEntry)) return;
        if (owner.handlers.size > 0 || topics.get(topic) !== owner) return;
        topics.delete(topic);
        if (!closed) sub.unsubscribe(prefix + topic).catch(onError);
      };
      return Object.assign(unsubscribe, {
        ready: owner.subscribed,
      }) satisfies Unsubscribe;
    },
    async ping() {
      if (closed) throw new EventBusClosedError();
      if (sub.status !== "ready") {
        throw new EventBusUnavailableError(`Redis subscriber connection to ${where} is ${sub.status}`);
      }
      try {
        await withTimeout(pub.ping(), timeoutMs, "timed out");
      } catch (err) {
        throw new EventBusUnavailableError(`Redis at ${where} does not answer: ${toError(err).message}`);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      topics.clear();
      await Promise.all([quit(pub), quit(sub)]);
    },
  };
}

async function quit(conn: Redis): Promise<void> {
  if (conn.status !== "ready") {
    conn.disconnect();
    return;
  }
  try {
    await withTimeout(conn.quit(), 1000, "timed out");
  } catch {
    conn.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  promise.catch(() => undefined); // the loser of the race must not become an unhandled rejection
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** For error messages: never print a Redis password. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(invalid Redis URL)";
  }
}
