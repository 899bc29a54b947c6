// SPDX-License-Identifier: AGPL-3.0-or-later
import client from "prom-client";
import type { AppContext } from "../../core/context";
import type { ConversationKind, MemberRole } from "../../infra/db/schema";
import type { BusEvent, Unsubscribe } from "../../infra/events/bus";
import {
  presentMessage,
  conversationTopic,
  onMessagesCommitted,
  readMessagesAfter,
  type EphemeralEvent,
  type StoredMessage,
} from "../../modules/messaging";
import { mayShareEphemeral } from "../../policies";
import { WS_LIMITS } from "./limits";

/** What a subscription needs from its connection. */
export interface FrameSink {
  readonly accountId: string;
  readonly accountKind: "client" | "staff";
  /** Queues a frame; false when the connection is gone or was closed as too slow. */
  sendFrame(frame: string): boolean;
  /** More frames now would pass the high-water mark. */
  readonly congested: boolean;
  /** Resolves true when the connection can take more frames, false when it ended (possibly as too slow). */
  drained(): Promise<boolean>;
  /** A read failed: the connection is closed so the client reconnects and resumes from its cursor. */
  fail(): void;
}

interface Frame {
  seq: number;
  frame: string;
}

/**
 * Delivery of one conversation to one connection. `cursor` is the highest
 * seq sent; the pump reads committed messages after it from the database
 * and sends them in order. Catch-up and live delivery are the same loop, and
 * only one pump runs at a time, so there can be no gap and no duplicate: a
 * wake-up that arrives while pumping just makes the loop read once more.
 */
export class Subscription {
  private pumping = false;
  private again = false;
  closed = false;

  constructor(
    private readonly hub: ConversationHub,
    readonly sink: FrameSink,
    readonly conversationId: string,
    readonly kind: ConversationKind,
    readonly role: MemberRole,
    public cursor: number,
  ) {}

  async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      for (;;) {
        this.again = false;
        const frames = await this.hub.fetchAfter(this.conversationId, this.cursor);
        let sent = 0;
        let stopped = false;
        for (const f of frames) {
          if (f.seq <= this.cursor) continue;
          // Flow control: never queue more than the high-water mark for one socket.
          if (this.sink.congested && !(await this.sink.drained())) stopped = true;
          if (stopped || this.closed || !this.sink.sendFrame(f.frame)) {
            stopped = true;
            break;
          }
          this.cursor = f.seq;
          sent += 1;
        }
        if (sent) this.hub.delivered(sent);
        if (stopped || this.closed) return;
        if (frames.length < WS_LIMITS.catchUpBatch && !this.again) return;
      }
    } catch {
      if (!this.closed) this.sink.fail();
    } finally {
      this.pumping = false;
    }
  }
}

interface Topic {
  subs: Set<Subscription>;
  unsubscribe: Unsubscribe;
  /** The newest seq this node knows to be committed: its own commits and other nodes' wake-ups. */
  newest: number;
  /**
   * Frames of the newest messages this node committed, contiguous. While the last of them is `newest`, a
   * subscriber whose cursor falls inside gets them without a database read (most live deliveries).
   */
  recent: Frame[];
}

/** Frames kept per conversation, and in all, for delivery without a read (about 700 bytes each). */
const RECENT_PER_TOPIC = 64;
const RECENT_TOTAL = 20_000;

/**
 * This node's view of conversation topics: one bus subscription per
 * conversation that has local subscribers, fanned out to them. Bus events
 * are only wake-ups (conversationId, seq); the messages themselves are read
 * from the database, so a lost event delays nothing beyond the next one and
 * a reconnect always catches up (ADR 0007).
 */
export class ConversationHub {
  private readonly topics = new Map<string, Topic>();
  /** Topics holding recent frames, least recently committed first; `recentFrames` counts their frames. */
  private readonly recentOrder = new Map<string, Topic>();
  private recentFrames = 0;
  /** Single-flight reads: a fan-out wake-up of N subscribers at the same cursor costs one query. */
  private readonly inflight = new Map<string, Promise<Frame[]>>();
  private readonly offCommit: () => void;
  /** Connections closed with 4408; operators watch it to tune limits, tests to observe back-pressure. */
  readonly slowClosed: client.Counter;

  constructor(private readonly ctx: AppContext) {
    this.slowClosed = new client.Counter({
      name: "obhut_websocket_slow_closes_total",
      help: "WebSocket connections closed because the client did not read fast enough",
      registers: [ctx.metrics.registry],
    });
    this.offCommit = onMessagesCommitted(ctx, (conversationId, seq, rows) => {
      const topic = this.topics.get(conversationId);
      if (topic) {
        if (rows?.length) this.remember(conversationId, topic, rows);
        topic.newest = Math.max(topic.newest, seq);
      }
      this.wake(conversationId);
    });
  }

  /** Registers the subscription and resolves once the bus subscription is live, so no wake-up can fall between. */
  async attach(sub: Subscription): Promise<void> {
    let topic = this.topics.get(sub.conversationId);
    if (!topic) {
      const unsubscribe = this.ctx.bus.subscribe(conversationTopic(sub.conversationId), (event) =>
        this.onEvent(sub.conversationId, event),
      );
      topic = { subs: new Set(), unsubscribe, newest: 0, recent: [] };
      this.topics.set(sub.conversationId, topic);
    }
    topic.subs.add(sub);
    await topic.unsubscribe.ready;
  }

  detach(sub: Subscription): void {
    sub.closed = true;
    const topic = this.topics.get(sub.conversationId);
    if (!topic?.subs.delete(sub)) return;
    if (topic.subs.size === 0) {
      topic.unsubscribe();
      this.forget(sub.conversationId, topic);
      this.topics.delete(sub.conversationId);
    }
  }

  /** Keeps the frames of messages just committed here, if they continue the ones kept (else starts over). */
  private remember(conversationId: string, topic: Topic, rows: readonly StoredMessage[]): void {
    const frames = rows.map((m) => ({ seq: m.seq, frame: JSON.stringify({ type: "message", ...presentMessage(m) }) }));
    const last = topic.recent[topic.recent.length - 1];
    // A gap: another node (or a case's first message, stored outside the committer) wrote in between.
    if (last && last.seq + 1 !== frames[0]!.seq) this.forget(conversationId, topic);
    topic.recent.push(...frames);
    this.recentFrames += frames.length;
    const over = topic.recent.length - RECENT_PER_TOPIC;
    if (over > 0) {
      topic.recent.splice(0, over);
      this.recentFrames -= over;
    }
    this.recentOrder.delete(conversationId);
    this.recentOrder.set(conversationId, topic);
    for (const [id, oldest] of this.recentOrder) {
      if (this.recentFrames <= RECENT_TOTAL) break;
      this.forget(id, oldest);
    }
  }

  private forget(conversationId: string, topic: Topic): void {
    this.recentFrames -= topic.recent.length;
    topic.recent = [];
    this.recentOrder.delete(conversationId);
  }

  wake(conversationId: string): void {
    for (const sub of this.topics.get(conversationId)?.subs ?? []) void sub.pump();
  }

  delivered(count: number): void {
    this.ctx.metrics.messagesDelivered.inc(count);
  }

  fetchAfter(conversationId: string, afterSeq: number): Promise<Frame[]> {
    const topic = this.topics.get(conversationId);
    const recent = topic?.recent ?? [];
    // Kept frames answer only when they reach the newest seq known here and start at or before the cursor.
    if (
      topic &&
      recent.length > 0 &&
      recent[recent.length - 1]!.seq === topic.newest &&
      recent[0]!.seq <= afterSeq + 1 &&
      afterSeq < topic.newest
    ) {
      const start = afterSeq + 1 - recent[0]!.seq;
      return Promise.resolve(recent.slice(start, start + WS_LIMITS.catchUpBatch));
    }
    const key = `${conversationId}:${afterSeq}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = readMessagesAfter(this.ctx, conversationId, afterSeq, WS_LIMITS.catchUpBatch).then((rows) =>
        rows.map((m) => ({ seq: m.seq, frame: JSON.stringify({ type: "message", ...presentMessage(m) }) })),
      );
      this.inflight.set(key, pending);
      const done = () => this.inflight.delete(key);
      pending.then(done, done);
    }
    return pending;
  }

  private onEvent(conversationId: string, event: BusEvent): void {
    if (event.type === "message") {
      // Our own commits already woke local subscribers directly.
      if (event.node !== this.ctx.nodeId) {
        const topic = this.topics.get(conversationId);
        if (topic && typeof event.seq === "number") topic.newest = Math.max(topic.newest, event.seq);
        this.wake(conversationId);
      }
      return;
    }
    if (event.type === "member_left") {
      // Someone was taken out of the conversation (modules/messaging/conversation-members.ts): their open
      // subscriptions end here, so nothing written after reaches them — not even as ciphertext.
      for (const sub of [...(this.topics.get(conversationId)?.subs ?? [])])
        if (sub.sink.accountId === event.accountId) this.detach(sub);
      return;
    }
    if (event.type !== "receipt" && event.type !== "typing") return;
    const e = event as EphemeralEvent;
    // The organisation's policy was applied by the sender's node; the rules below hold whatever it says.
    const from = { role: e.fromRole, accountKind: e.fromKind };
    const frame =
      e.type === "receipt"
        ? JSON.stringify({ type: "receipt", conversationId, accountId: e.accountId, kind: e.kind, seq: e.seq })
        : JSON.stringify({ type: "typing", conversationId, accountId: e.accountId });
    for (const sub of this.topics.get(conversationId)?.subs ?? []) {
      if (sub.sink.accountId === e.accountId) continue;
      if (mayShareEphemeral(from, { role: sub.role, accountKind: sub.sink.accountKind })) sub.sink.sendFrame(frame);
    }
  }

  close(): void {
    this.offCommit();
    this.recentOrder.clear();
    this.recentFrames = 0;
    this.ctx.metrics.registry.removeSingleMetric("obhut_websocket_slow_closes_total");
    for (const topic of this.topics.values()) topic.unsubscribe();
    this.topics.clear();
  }
}
