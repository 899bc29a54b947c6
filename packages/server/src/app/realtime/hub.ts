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
}

/**
 * This node's view of conversation topics: one bus subscription per
 * conversation that has local subscribers, fanned out to them. Bus events
 * are only wake-ups (conversationId, seq); the messages themselves are read
 * from the database, so a lost event delays nothing beyond the next one and
 * a reconnect always catches up (ADR 0007).
 */
export class ConversationHub {
  private readonly topics = new Map<string, Topic>();
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
    this.offCommit = onMessagesCommitted(ctx, (conversationId) => this.wake(conversationId));
  }

  /** Registers the subscription and resolves once the bus subscription is live, so no wake-up can fall between. */
  async attach(sub: Subscription): Promise<void> {
    let topic = this.topics.get(sub.conversationId);
    if (!topic) {
      const unsubscribe = this.ctx.bus.subscribe(conversationTopic(sub.conversationId), (event) =>
        this.onEvent(sub.conversationId, event),
      );
      topic = { subs: new Set(), unsubscribe };
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
      this.topics.delete(sub.conversationId);
    }
  }

  wake(conversationId: string): void {
    for (const sub of this.topics.get(conversationId)?.subs ?? []) void sub.pump();
  }

  delivered(count: number): void {
    this.ctx.metrics.messagesDelivered.inc(count);
  }

  fetchAfter(conversationId: string, afterSeq: number): Promise<Frame[]> {
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
      if (event.node !== this.ctx.nodeId) this.wake(conversationId);
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
    this.ctx.metrics.registry.removeSingleMetric("obhut_websocket_slow_closes_total");
    for (const topic of this.topics.values()) topic.unsubscribe();
    this.topics.clear();
  }
}
