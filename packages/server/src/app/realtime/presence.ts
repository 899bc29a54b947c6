// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import type { BusEvent, Unsubscribe } from "../../infra/events/bus";
import { presenceRule, type Membership } from "../../policies";
import { messagingPolicyOf, onMessagingPolicyChanged } from "../../modules/messaging";
import type { PresenceState, PresenceStore } from "./presence-store";

/** Bus topic: "these accounts' presence may have changed — read the store again". */
export const PRESENCE_TOPIC = "presence";
/** Most account ids in one bus event. */
const EVENT_BATCH = 500;

/** Why a connection may see a peer: a shared conversation's organisation and the switch of its policy that decides. */
interface Reason {
  organisationId: string | null;
  rule: "staff" | "clients";
}

/** The part of a connection presence needs. */
export interface PresenceSink {
  readonly accountId: string;
  readonly accountKind: "client" | "staff";
  sendFrame(frame: string): boolean;
}

/** One connection's interest in other accounts' presence; the connection owns it. */
export class PresenceWatch {
  /** Peer → conversation → reason. A peer stays watched while any shared conversation is subscribed. */
  readonly peers = new Map<string, Map<string, Reason>>();
  /** What this connection was last told about each peer. */
  readonly told = new Map<string, PresenceState>();

  constructor(readonly sink: PresenceSink) {}
}

/**
 * Presence on this node. Connections report their state here; the node's
 * view per account ("online" if any of its connections here is online) goes
 * to the store, and a bus event tells every node to read the store again
 * for those accounts and to tell the connections watching them. Each node
 * re-stamps its entries on a heartbeat and re-reads the peers it shows as
 * present, so when a node dies its users turn offline everywhere once its
 * entries expire.
 *
 * Order: writes of this node go through one queue, and store reads run one
 * batch at a time, so a slow answer never overwrites a newer one.
 */
export class PresenceHub {
  /** Account → its connections on this node and the state each reported. */
  private readonly local = new Map<string, Map<object, "online" | "away">>();
  /** This node's view of each account connected here (what the store should hold for this node). */
  private readonly mine = new Map<string, "online" | "away">();
  /** Accounts whose entry must be written (and announced). */
  private readonly dirty = new Set<string>();
  private writing: Promise<void> = Promise.resolve();
  private readonly watches = new Set<PresenceWatch>();
  private readonly watchers = new Map<string, Set<PresenceWatch>>();
  /** The last state read from the store per watched peer. */
  private readonly known = new Map<string, PresenceState>();
  private readonly toRead = new Set<string>();
  private reading: Promise<void> | null = null;
  private unsubscribe: Unsubscribe | undefined;
  private offPolicy: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly store: PresenceStore,
    private readonly heartbeatMs: number,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = this.ctx.bus.subscribe(PRESENCE_TOPIC, (event) => this.onEvent(event));
    await this.unsubscribe.ready;
    // A changed policy applies to open connections too: re-tell the peers of that organisation.
    this.offPolicy = onMessagingPolicyChanged(this.ctx, (orgId) => this.policyChanged(orgId));
    this.timer = setInterval(() => void this.tick(), this.heartbeatMs);
    this.timer.unref();
  }

  /** A connection of `accountId` opened or changed its state (`null`: it closed). */
  setState(connection: object, accountId: string, state: "online" | "away" | null): void {
    if (this.closed) return;
    let conns = this.local.get(accountId);
    if (state === null) conns?.delete(connection);
    else {
      if (!conns) this.local.set(accountId, (conns = new Map()));
      conns.set(connection, state);
    }
    const states = [...(conns?.values() ?? [])];
    const next: PresenceState = states.includes("online") ? "online" : states.length > 0 ? "away" : "offline";
    if (conns?.size === 0) this.local.delete(accountId);
    if (next === (this.mine.get(accountId) ?? "offline")) return;
    if (next === "offline") this.mine.delete(accountId);
    else this.mine.set(accountId, next);
    this.dirty.add(accountId);
    this.flush();
  }

  /**
   * Starts telling `watch` about `peers` (members of a conversation it just
   * subscribed to); resolves once the newly watched peers' current state was sent.
   */
  watch(watch: PresenceWatch, conversationId: string, peers: { accountId: string; reason: Reason }[]): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.watches.add(watch);
    for (const { accountId, reason } of peers) {
      let reasons = watch.peers.get(accountId);
      if (!reasons) watch.peers.set(accountId, (reasons = new Map()));
      reasons.set(conversationId, reason);
      let set = this.watchers.get(accountId);
      if (!set) this.watchers.set(accountId, (set = new Set()));
      set.add(watch);
    }
    // Peers already watched are read again too: this conversation may be the first that allows one of them.
    return this.refresh(peers.map((p) => p.accountId));
  }

  /** The connection closed. */
  unwatch(watch: PresenceWatch): void {
    this.watches.delete(watch);
    for (const peer of watch.peers.keys()) {
      const set = this.watchers.get(peer);
      set?.delete(watch);
      if (set?.size === 0) {
        this.watchers.delete(peer);
        this.known.delete(peer);
      }
    }
    watch.peers.clear();
  }

  /**
   * Heartbeat (every `heartbeatMs`; tests call it with a moved clock):
   * re-stamps this node's entries, retries failed writes, and re-reads the
   * peers shown as present, which turns the users of a dead node offline.
   */
  async tick(): Promise<void> {
    if (this.closed) return;
    this.writing = this.writing.then(() =>
      this.store.put(new Map(this.mine)).catch((err: unknown) => this.warn(err, "presence heartbeat failed")),
    );
    this.flush();
    await this.writing;
    await this.refresh([...this.known].filter(([, s]) => s !== "offline").map(([id]) => id));
  }

  /** Shutdown: this node's entries go now rather than at expiry, and the other nodes hear it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    this.offPolicy?.();
    await this.writing;
    const gone = [...this.mine.keys()];
    this.mine.clear();
    this.local.clear();
    try {
      await this.store.put(new Map(gone.map((id) => [id, "offline" as const])));
      await this.announce(gone);
    } catch (err) {
      this.warn(err, "presence shutdown write failed");
    }
    await this.store.close().catch(() => undefined);
  }

  private flush(): void {
    this.writing = this.writing.then(async () => {
      if (this.dirty.size === 0) return;
      const ids = [...this.dirty];
      this.dirty.clear();
      try {
        await this.store.put(new Map(ids.map((id) => [id, this.mine.get(id) ?? "offline"])));
      } catch (err) {
        // Retried on the next heartbeat.
        for (const id of ids) this.dirty.add(id);
        return this.warn(err, "presence write failed");
      }
      await this.announce(ids);
    });
  }

  private async announce(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += EVENT_BATCH) {
      // At most once, like every bus event: the heartbeat re-reads what is shown as present.
      await this.ctx.bus
        .publish(PRESENCE_TOPIC, { type: "presence", accountIds: ids.slice(i, i + EVENT_BATCH) })
        .catch(() => undefined);
    }
  }

  private onEvent(event: BusEvent): void {
    if (event.type !== "presence" || !Array.isArray(event.accountIds)) return;
    const ids = (event.accountIds as unknown[]).filter(
      (id): id is string => typeof id === "string" && this.watchers.has(id),
    );
    if (ids.length) void this.refresh(ids);
  }

  private policyChanged(orgId: string): void {
    const ids = new Set<string>();
    for (const watch of this.watches)
      for (const [peer, reasons] of watch.peers)
        if ([...reasons.values()].some((r) => r.organisationId === orgId)) ids.add(peer);
    void this.refresh(ids);
  }

  /** Reads the accounts' states and tells each watching connection whose view differs. */
  private refresh(ids: Iterable<string>): Promise<void> {
    for (const id of ids) this.toRead.add(id);
    if (this.reading) return this.reading;
    if (this.toRead.size === 0 || this.closed) return Promise.resolve();
    const run = async () => {
      try {
        while (this.toRead.size > 0 && !this.closed) {
          const batch = [...this.toRead].filter((id) => this.watchers.has(id));
          this.toRead.clear();
          let states: Map<string, PresenceState>;
          try {
            states = await this.store.read(batch);
          } catch (err) {
            // The next event or heartbeat reads again.
            return this.warn(err, "presence read failed");
          }
          for (const [id, state] of states) {
            if (!this.watchers.has(id)) continue;
            this.known.set(id, state);
            for (const watch of this.watchers.get(id) ?? []) await this.tell(watch, id, state);
          }
        }
      } finally {
        this.reading = null;
      }
    };
    this.reading = run();
    return this.reading;
  }

  /**
   * Sends `state` unless the connection already has it. A peer the policy
   * does not (or no longer) allow is shown as offline once, then not at all.
   */
  private async tell(watch: PresenceWatch, peer: string, state: PresenceState): Promise<void> {
    const allowed = await this.allowed(watch, peer);
    const told = watch.told.get(peer);
    // Never shown: stay silent, so a connection cannot even tell who is a hidden peer.
    if (!allowed && told === undefined) return;
    const shown = allowed ? state : "offline";
    if (shown === told || !watch.peers.has(peer)) return;
    watch.told.set(peer, shown);
    watch.sink.sendFrame(JSON.stringify({ type: "presence", accountId: peer, state: shown }));
  }

  private async allowed(watch: PresenceWatch, peer: string): Promise<boolean> {
    for (const reason of watch.peers.get(peer)?.values() ?? []) {
      const policy = await messagingPolicyOf(this.ctx, reason.organisationId);
      if (policy.presence[reason.rule]) return true;
    }
    return false;
  }

  private warn(err: unknown, message: string): void {
    // Never account ids (nor, on this path, anything tied to an address): the error's kind only.
    this.ctx.logger.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, message);
  }
}

/**
 * The peers a member may see in a conversation, with the policy switch that
 * decides for each: nobody for a broadcast subscriber, never a subscriber,
 * never another client (policies/gates/conversation-membership.ts).
 */
/**
 * Conversations with more other members than this share no presence: every
 * member watching every other one costs n² frames on subscribe (a group of
 * 1,000 would send a million), and nobody reads a list that long. Direct
 * chats, teams and cases are far below it.
 */
export const PRESENCE_MAX_PEERS = 100;

export async function presencePeers(
  ctx: AppContext,
  viewer: PresenceSink,
  membership: Membership,
): Promise<{ accountId: string; reason: Reason }[]> {
  if (membership.role === "subscriber") return [];
  const rows = await ctx.db.db
    .selectFrom("conversation_members as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select(["m.account_id", "m.role", "a.kind"])
    .where("m.conversation_id", "=", membership.conversationId)
    .where("m.left_at", "is", null)
    .where("m.role", "!=", "subscriber")
    .where("m.account_id", "!=", viewer.accountId)
    .where("a.disabled_at", "is", null)
    .limit(PRESENCE_MAX_PEERS + 1)
    .execute();
  if (rows.length > PRESENCE_MAX_PEERS) return [];
  const me = { role: membership.role, accountKind: viewer.accountKind };
  return rows.flatMap((r) => {
    const rule = presenceRule(me, { role: r.role, accountKind: r.kind });
    return rule ? [{ accountId: r.account_id, reason: { organisationId: membership.organisationId, rule } }] : [];
  });
}
