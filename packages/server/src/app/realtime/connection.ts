// SPDX-License-Identifier: AGPL-3.0-or-later
import { ClientMessage, WS_CLOSE, type ErrorCode, type ServerMessage } from "@obhut/protocol";
import type { WebSocket } from "ws";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { validateInput } from "../http/validate";
import { keepSessionOpen, SESSION_TOUCH_INTERVAL_MS } from "../../modules/identity";
import {
  authorizeConversation,
  sendMessage,
  announceTyping,
  recordReceipt,
  OverloadedError,
  refuseSendNow,
} from "../../modules/messaging";
import type { Membership } from "../../policies";
import { Subscription, type ConversationHub, type FrameSink } from "./hub";
import { WS_LIMITS } from "./limits";
import { PresenceWatch, presencePeers, type PresenceHub } from "./presence";
import { TokenBucket } from "./token-bucket";

type Parsed<T extends ClientMessage["type"]> = Extract<ClientMessage, { type: T }>;

/**
 * A send frame as the web app writes it (`type` first). While the node refuses sends, such a frame is
 * answered from its first bytes — no JSON parse, no validation, no error object — so refusing stays far
 * cheaper than storing and a node past its ceiling keeps its core for the sends it takes (ADR 0039).
 * Frames in another key order take the ordinary path and are refused there.
 */
const SEND_PREFIX = Buffer.from('{"type":"send","clientMsgId":"');
const CLIENT_MSG_ID = /^[A-Za-z0-9_-]{1,64}(?=")/;
const BUSY_MESSAGE = "The server is busy; this message was not stored. Send it again shortly";

/**
 * One authenticated WebSocket: parses client frames, enforces the
 * per-connection limits and owns this connection's subscriptions.
 */
export class Connection implements FrameSink {
  private readonly subs = new Map<string, Subscription>();
  private readonly bucket: TokenBucket;
  /** Cursors of `subscribe` frames (WS_LIMITS.subscribeCursorBurst): each one is a membership check, maybe an audited refusal. */
  private readonly cursorBucket: TokenBucket;
  private ended = false;
  private ephemeralChain: Promise<void> = Promise.resolve();
  private readonly presenceWatch = new PresenceWatch(this);
  private presenceState: "online" | "away" = "online";
  /** When a send last kept the session open (keepSession); the first send always does. */
  private keptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ctx: AppContext,
    private readonly hub: ConversationHub,
    private readonly socket: WebSocket,
    private readonly actor: Actor,
    private readonly presence: PresenceHub,
  ) {
    this.bucket = new TokenBucket(ctx.clock, WS_LIMITS.sendRatePerSecond, WS_LIMITS.sendBurst);
    this.cursorBucket = new TokenBucket(
      ctx.clock,
      WS_LIMITS.subscribeCursorsPerMinute / 60,
      WS_LIMITS.subscribeCursorBurst,
    );
    // An open connection makes its account online (on every node, through the presence store).
    presence.setState(this, actor.accountId, "online");
  }

  get accountId(): string {
    return this.actor.accountId;
  }

  get accountKind(): "client" | "staff" {
    return this.actor.kind;
  }

  send(message: ServerMessage): void {
    this.sendFrame(JSON.stringify(message));
  }

  /**
   * Queues a frame. Memory stays bounded: the pump waits in `drained()`
   * before the buffer passes the high-water mark, and anything else that
   * would push it past the hard bound closes the connection as too slow.
   */
  sendFrame(frame: string): boolean {
    if (this.ended || this.socket.readyState !== this.socket.OPEN) return false;
    if (this.socket.bufferedAmount > WS_LIMITS.maxBufferedBytes) {
      this.end(WS_CLOSE.tooSlow, "too slow");
      return false;
    }
    this.socket.send(frame, this.onFlushed);
    return true;
  }

  get congested(): boolean {
    return this.socket.bufferedAmount > WS_LIMITS.highWaterBytes;
  }

  private readonly drainWaiters = new Set<() => void>();
  private readonly onFlushed = (): void => {
    if (this.socket.bufferedAmount > WS_LIMITS.highWaterBytes / 2) return;
    for (const wake of this.drainWaiters) wake();
    this.drainWaiters.clear();
  };

  /**
   * Resolves true once there is room for more frames, or false if the
   * connection ended — including because it stayed full for `stallMs`: a
   * stuck client never holds up anyone else; it reconnects and catches up.
   */
  drained(): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    if (this.socket.bufferedAmount <= WS_LIMITS.highWaterBytes) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.drainWaiters.delete(wake);
        this.end(WS_CLOSE.tooSlow, "too slow");
        resolve(false);
      }, WS_LIMITS.stallMs);
      const wake = () => {
        clearTimeout(timer);
        resolve(!this.ended);
      };
      this.drainWaiters.add(wake);
    });
  }

  fail(): void {
    this.end(1011, "try again");
  }

  private end(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = true;
    if (code === WS_CLOSE.tooSlow) this.hub.slowClosed.inc();
    this.dispose();
    for (const wake of this.drainWaiters) wake();
    this.drainWaiters.clear();
    this.socket.close(code, reason);
    // A client that reads nothing never completes the close handshake; cut it after a grace period.
    const timer = setTimeout(() => this.socket.terminate(), WS_LIMITS.tooSlowTerminateMs);
    timer.unref();
    this.socket.once("close", () => clearTimeout(timer));
  }

  /** Detaches every subscription and ends this connection's presence; called when the socket closes. */
  dispose(): void {
    // Nothing may attach after this: an in-flight subscribe sees `ended` and stops.
    this.ended = true;
    for (const sub of this.subs.values()) this.hub.detach(sub);
    this.subs.clear();
    this.presence.unwatch(this.presenceWatch);
    this.presence.setState(this, this.actor.accountId, null);
  }

  private error(code: ErrorCode, message: string, ref?: string, retryAfterMs?: number): void {
    this.send({
      type: "error",
      code,
      message,
      ...(ref !== undefined ? { ref } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }

  private failWith(err: unknown, ref: string): void {
    if (err instanceof OverloadedError) return this.error(err.code, err.message, ref, err.retryAfterMs);
    if (err instanceof AppError) return this.error(err.code, err.message, ref);
    this.ctx.logger.error({ err: { name: (err as Error).name } }, "websocket request failed");
    this.error("internal", "Something went wrong; retry", ref);
  }

  handle(data: Buffer, isBinary: boolean): void {
    if (isBinary) return this.error("bad_request", "Binary frames are not supported");
    if (data.length > SEND_PREFIX.length && data.subarray(0, SEND_PREFIX.length).equals(SEND_PREFIX)) {
      const ref = CLIENT_MSG_ID.exec(data.toString("latin1", SEND_PREFIX.length, SEND_PREFIX.length + 65))?.[0];
      const retryAfterMs = ref === undefined ? null : refuseSendNow(this.ctx);
      if (retryAfterMs !== null) {
        this.sendFrame(
          `{"type":"error","code":"unavailable","message":"${BUSY_MESSAGE}","ref":"${ref}","retryAfterMs":${retryAfterMs}}`,
        );
        return;
      }
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString("utf8"));
    } catch {
      return this.error("invalid_json", "Frames must be JSON");
    }
    const parsed = validateInput(ClientMessage, raw);
    if (!parsed.ok) {
      // A validator that throws is a schema bug worth fixing; the frame still gets the ordinary error.
      if (parsed.threw) this.ctx.logger.warn({ frame: "client" }, "validator threw");
      // Name the failed send when we can, so a client can settle its pending send instead of waiting forever.
      const ref = (raw as { clientMsgId?: unknown } | null)?.clientMsgId;
      return this.error(
        "invalid_body",
        "Unknown or malformed message",
        typeof ref === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(ref) ? ref : undefined,
      );
    }
    const message = parsed.data;
    switch (message.type) {
      case "ping":
        return this.send({ type: "pong", id: message.id });
      case "subscribe":
        // Counted per cursor and refused whole, before any work: a subscribe carries no ref to answer per cursor.
        if (!this.cursorBucket.take(message.cursors.length))
          return this.error("rate_limited", "Too many subscriptions at once; slow down");
        return void this.subscribe(message);
      case "send":
        return void this.sendMessage(message);
      case "ack_received":
      case "read":
        // Each one is a membership check, and an audited refusal for a stranger's conversation.
        if (!this.bucket.take()) return this.error("rate_limited", "Slow down", message.conversationId);
        return this.serially(
          () =>
            recordReceipt(
              this.ctx,
              this.actor,
              message.conversationId,
              message.type === "read" ? "read" : "delivered",
              message.seq,
            ),
          message.conversationId,
        );
      case "typing":
        if (!this.bucket.take()) return this.error("rate_limited", "Slow down", message.conversationId);
        return this.serially(
          () => announceTyping(this.ctx, this.actor, message.conversationId),
          message.conversationId,
        );
      case "presence":
        if (!this.bucket.take()) return this.error("rate_limited", "Slow down");
        if (this.ended || message.state === this.presenceState) return;
        this.presenceState = message.state;
        return this.presence.setState(this, this.actor.accountId, message.state);
    }
  }

  /** Receipts and typing of one connection are handled in arrival order, so a "delivered" never overtakes a "read". */
  private serially(task: () => Promise<void>, ref: string): void {
    this.ephemeralChain = this.ephemeralChain.then(task).catch((err: unknown) => this.failWith(err, ref));
  }

  private async subscribe(message: Parsed<"subscribe">): Promise<void> {
    for (const cursor of message.cursors) {
      try {
        const membership = await authorizeConversation(this.ctx, this.actor, cursor.conversationId, "read");
        if (this.ended) return;
        const previous = this.subs.get(cursor.conversationId);
        if (previous) this.hub.detach(previous);
        const sub = new Subscription(
          this.hub,
          this,
          cursor.conversationId,
          membership.kind,
          membership.role,
          cursor.afterSeq,
        );
        this.subs.set(cursor.conversationId, sub);
        await this.hub.attach(sub);
        if (this.ended || sub.closed) return this.hub.detach(sub);
        void sub.pump();
        await this.watchPresence(membership);
      } catch (err) {
        this.failWith(err, cursor.conversationId);
      }
    }
  }

  /** Presence of the conversation's members this connection may see; best effort, never fails the subscription. */
  private async watchPresence(membership: Membership): Promise<void> {
    try {
      const peers = await presencePeers(this.ctx, this, membership);
      // Awaited, so the snapshot of one cursor's peers goes out before the next cursor is handled.
      if (!this.ended) await this.presence.watch(this.presenceWatch, membership.conversationId, peers);
    } catch (err) {
      this.ctx.logger.warn({ err: { name: (err as Error).name } }, "presence peers could not be read");
    }
  }

  private async sendMessage(message: Parsed<"send">): Promise<void> {
    if (!this.bucket.take()) return this.error("rate_limited", "Slow down", message.clientMsgId);
    try {
      const result = await sendMessage(this.ctx, {
        actor: this.actor,
        conversationId: message.conversationId,
        clientMsgId: message.clientMsgId,
        envelope: new Uint8Array(Buffer.from(message.envelope, "base64url")),
        kind: message.kind,
        replacesId: message.replacesId,
      });
      // Sent only now: the message is committed. If this frame is lost the client retries with the same clientMsgId.
      this.send({
        type: "ack",
        clientMsgId: message.clientMsgId,
        conversationId: result.conversationId,
        seq: result.seq,
        id: result.id,
        createdAt: result.createdAt,
      });
      this.keepSession();
    } catch (err) {
      this.failWith(err, message.clientMsgId);
    }
  }

  /**
   * Writing is activity: a sent message moves the session's idle end as a
   * request does (at most once per SESSION_TOUCH_INTERVAL_MS, like requests),
   * so a counsellor answering over the socket is not logged out as idle.
   * A session found ended closes this socket as the re-check would.
   */
  private keepSession(): void {
    const now = this.ctx.clock.now();
    if (now - this.keptAt <= SESSION_TOUCH_INTERVAL_MS) return;
    this.keptAt = now;
    keepSessionOpen(this.ctx, this.actor.sessionId)
      .then((open) => {
        if (open || this.ended) return;
        this.send({ type: "going_away", reason: "session_ended" });
        this.socket.close(WS_CLOSE.sessionRevoked, "session ended");
      })
      .catch((err: Error) =>
        this.ctx.logger.warn({ err: { name: err.name, message: err.message } }, "could not keep the session open"),
      );
  }
}
