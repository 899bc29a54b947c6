// SPDX-License-Identifier: AGPL-3.0-or-later

/** A JSON-serialisable event. `type` lets subscribers switch on it. */
export type BusEvent = { type: string } & Record<string, unknown>;

export type EventHandler = (event: BusEvent) => void;

/**
 * Returned by `subscribe`: call it to unsubscribe. `ready` resolves once the
 * subscription is active (in Redis mode: once SUBSCRIBE was acknowledged);
 * events published before that may be missed. It never rejects; failures go
 * to `onError` and the subscription is retried on reconnect.
 */
export type Unsubscribe = (() => void) & { ready: Promise<void> };

/**
 * Fan-out of small notifications between the server's parts and, in
 * scale-out mode, between nodes. Delivery is at most once: the bus is a
 * wake-up signal, durable state lives in the database (see ADR 0005).
 */
export interface EventBus {
  readonly kind: "memory" | "redis";
  /** Rejects if the event is not JSON-serialisable or the bus is unreachable/closed. */
  publish(topic: string, event: BusEvent): Promise<void>;
  subscribe(topic: string, handler: EventHandler): Unsubscribe;
  /** Throws a descriptive error if the bus cannot be used right now. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface EventBusOptions {
  /** Redis pub/sub when set; in-process otherwise. */
  redisUrl?: string | undefined;
  /** Channel prefix, so several instances (or tests) can share one Redis. Default "obhut:". */
  prefix?: string;
  /** Handler exceptions, malformed messages and connection trouble. Never receives event content. */
  onError?: (err: Error) => void;
  /** Called once per published event (metrics: events_published_total). */
  onPublish?: (topic: string) => void;
  /** Called once per event handed to a handler (metrics: events_delivered_total). */
  onDeliver?: (topic: string) => void;
  /** Redis only: shown by CLIENT LIST as `<name>-pub` / `<name>-sub`, e.g. the node id. Default "obhut". */
  connectionName?: string;
  /** Redis only: give up connecting / pinging after this long. Default 5000 ms. */
  connectTimeoutMs?: number;
}

export class EventBusClosedError extends Error {
  override name = "EventBusClosedError";
  constructor() {
    super("The event bus is closed");
  }
}

export class EventBusUnavailableError extends Error {
  override name = "EventBusUnavailableError";
}

export class MalformedEventError extends Error {
  override name = "MalformedEventError";
}
