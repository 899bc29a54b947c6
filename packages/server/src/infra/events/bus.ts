// SPDX-License-Identifier: AGPL-3.0-or-later
import { createMemoryBus } from "./memory-bus";
import { createRedisBus } from "./redis-bus";
import type { EventBus, EventBusOptions } from "./types";

export * from "./types";
export { createMemoryBus } from "./memory-bus";
export { createRedisBus, redactUrl } from "./redis-bus";

/**
 * In-process bus without `redisUrl`, Redis pub/sub with it. Async because
 * the Redis bus connects first and fails fast, with a clear message, when
 * Redis is unreachable (bounded by `connectTimeoutMs`).
 */
export async function createEventBus(options: EventBusOptions = {}): Promise<EventBus> {
  return options.redisUrl ? createRedisBus(options.redisUrl, options) : createMemoryBus(options);
}
