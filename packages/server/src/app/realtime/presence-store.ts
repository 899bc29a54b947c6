// SPDX-License-Identifier: AGPL-3.0-or-later
import { Redis } from "ioredis";
import type { Clock } from "../../core/context";
import { redactUrl } from "../../infra/events/redis-bus";

export type PresenceState = "online" | "away" | "offline";

/**
 * Where nodes keep who is connected: per account, one entry per node with
 * that node's view ("online" if any of its connections there is online,
 * "away" if all are away) and an expiry. A node refreshes its entries on a
 * heartbeat; an entry whose node stopped refreshing (crashed, cut off) is
 * ignored after its expiry, so nobody stays "online" because a node died.
 * Expiry is judged with the injected clock, never by Redis' own timers, so
 * tests move time instead of sleeping.
 */
export interface PresenceStore {
  readonly kind: "memory" | "redis";
  /** Writes this node's view of the accounts; "offline" removes its entry. */
  put(entries: ReadonlyMap<string, PresenceState>): Promise<void>;
  /** The combined state of each account across all nodes. */
  read(accountIds: readonly string[]): Promise<Map<string, PresenceState>>;
  close(): Promise<void>;
}

export interface PresenceStoreOptions {
  nodeId: string;
  clock: Clock;
  /** An entry not refreshed for this long no longer counts. */
  ttlMs: number;
}

interface Entry {
  state: "online" | "away";
  expiresAt: number;
}

/** Online beats away beats offline; expired entries do not count. */
function combine(entries: Iterable<Entry>, now: number): PresenceState {
  let state: PresenceState = "offline";
  for (const e of entries) {
    if (e.expiresAt <= now) continue;
    if (e.state === "online") return "online";
    state = "away";
  }
  return state;
}

/** A single node: the entries live in this process. */
export function createMemoryPresenceStore(options: PresenceStoreOptions): PresenceStore {
  const accounts = new Map<string, Map<string, Entry>>();
  return {
    kind: "memory",
    async put(entries) {
      const expiresAt = options.clock.now() + options.ttlMs;
      for (const [accountId, state] of entries) {
        const nodes = accounts.get(accountId) ?? new Map<string, Entry>();
        if (state === "offline") nodes.delete(options.nodeId);
        else nodes.set(options.nodeId, { state, expiresAt });
        if (nodes.size === 0) accounts.delete(accountId);
        else accounts.set(accountId, nodes);
      }
    },
    async read(accountIds) {
      const now = options.clock.now();
      return new Map(accountIds.map((id) => [id, combine(accounts.get(id)?.values() ?? [], now)]));
    },
    async close() {
      accounts.clear();
    },
  };
}

const DELETE_IF_UNCHANGED =
  "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0";

/**
 * Scale-out: one Redis hash per account (`<prefix>presence:<accountId>`),
 * field = node id, value = `<state>:<expiresAt>`. Redis' own key expiry
 * (twice the TTL, refreshed with every write) only collects garbage.
 */
export async function createRedisPresenceStore(
  redisUrl: string,
  options: PresenceStoreOptions & { prefix?: string; connectTimeoutMs?: number; onError?: (err: Error) => void },
): Promise<PresenceStore> {
  const prefix = `${options.prefix ?? "obhut:"}presence:`;
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 3000),
    // Presence is best effort: fail a command quickly rather than queue it while Redis is away.
    maxRetriesPerRequest: 2,
    connectionName: `${options.nodeId}-presence`,
  });
  redis.on("error", (err: Error) => options.onError?.(err));
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(`Redis is not reachable at ${redactUrl(redisUrl)} (presence): ${(err as Error).message}`);
  }

  const parse = (raw: string): Entry | null => {
    const [state, expires] = raw.split(":");
    const expiresAt = Number(expires);
    if ((state !== "online" && state !== "away") || !Number.isFinite(expiresAt)) return null;
    return { state, expiresAt };
  };

  return {
    kind: "redis",
    async put(entries) {
      if (entries.size === 0) return;
      const expiresAt = options.clock.now() + options.ttlMs;
      const batch = redis.multi();
      for (const [accountId, state] of entries) {
        const key = prefix + accountId;
        if (state === "offline") batch.hdel(key, options.nodeId);
        else batch.hset(key, options.nodeId, `${state}:${expiresAt}`).pexpire(key, options.ttlMs * 2);
      }
      await batch.exec();
    },
    async read(accountIds) {
      const result = new Map<string, PresenceState>();
      if (accountIds.length === 0) return result;
      const now = options.clock.now();
      const batch = redis.pipeline();
      for (const id of accountIds) batch.hgetall(prefix + id);
      const answers = (await batch.exec()) ?? [];
      const stale = redis.pipeline();
      let staleCount = 0;
      accountIds.forEach((id, i) => {
        const [err, fields] = answers[i] ?? [new Error("no answer"), null];
        if (err) throw err;
        const entries: Entry[] = [];
        for (const [node, raw] of Object.entries((fields ?? {}) as Record<string, string>)) {
          const entry = parse(raw);
          if (entry && entry.expiresAt > now) entries.push(entry);
          else {
            // A node that died left this behind; tidy up, unless its node has just written it again.
            stale.eval(DELETE_IF_UNCHANGED, 1, prefix + id, node, raw);
            staleCount += 1;
          }
        }
        result.set(id, combine(entries, now));
      });
      if (staleCount > 0) await stale.exec();
      return result;
    },
    async close() {
      if (redis.status !== "ready") return void redis.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
