// SPDX-License-Identifier: AGPL-3.0-or-later
import { decodeEvent, encodeEvent, toError } from "./serialise";
import { EventBusClosedError, type EventBus, type EventBusOptions, type EventHandler, type Unsubscribe } from "./types";

/** The single-node bus: handlers in this process, called asynchronously. */
export function createMemoryBus(options: EventBusOptions = {}): EventBus {
  const topics = new Map<string, Set<EventHandler>>();
  let closed = false;

  return {
    kind: "memory",
    async publish(topic, event) {
      if (closed) throw new EventBusClosedError();
      const encoded = encodeEvent(event);
      options.onPublish?.(topic);
      const handlers = topics.get(topic);
      if (!handlers) return;
      // Snapshot: handlers added while delivering get the next event, not this one.
      for (const handler of [...handlers]) {
        // Each handler gets its own copy and its own microtask, so one that
        // throws or mutates the event cannot affect the others or the publisher.
        queueMicrotask(() => {
          if (closed || !topics.get(topic)?.has(handler)) return;
          options.onDeliver?.(topic);
          try {
            handler(decodeEvent(encoded));
          } catch (err) {
            options.onError?.(toError(err));
          }
        });
      }
    },
    subscribe(topic, handler) {
      if (closed) throw new EventBusClosedError();
      // Wrap so the same function subscribed twice counts twice, as in Redis mode.
      const entry: EventHandler = (event) => handler(event);
      let set = topics.get(topic);
      if (!set) topics.set(topic, (set = new Set()));
      set.add(entry);
      const unsubscribe = () => {
        const current = topics.get(topic);
        if (!current?.delete(entry)) return;
        if (current.size === 0) topics.delete(topic);
      };
      return Object.assign(unsubscribe, {
        ready: Promise.resolve(),
      }) satisfies Unsubscribe;
    },
    async ping() {
      if (closed) throw new EventBusClosedError();
    },
    async close() {
      closed = true;
      topics.clear();
    },
  };
}
