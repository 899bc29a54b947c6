// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ErrorCode, MessageView } from "@obhut/protocol";

/**
 * The browser side of the realtime protocol (docs/PROTOCOL.md, WebSocket):
 * one socket per session, reconnect with exponential backoff and jitter,
 * per-conversation cursors that are re-sent on every reconnect so the server
 * catches up without gaps, and frames at or below a cursor dropped so no
 * message is delivered twice. Frames are parsed by hand (no zod at runtime)
 * and anything unexpected is ignored.
 */
export type RealtimeStatus = "connecting" | "open" | "offline" | "ended";

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface CaseFrame {
  caseId: string;
  state: "new" | "active" | "closed" | "archived";
  assigneeId: string | null;
  teamId: string;
}

/** Another participant received or read a conversation up to `seq` (sent only where the policy shares receipts). */
export interface ReceiptFrame {
  conversationId: string;
  accountId: string;
  kind: "delivered" | "read";
  seq: number;
}

/** What the server says about a peer (docs/PROTOCOL.md, WebSocket rule 5). */
export type PeerPresence = "online" | "away" | "offline";

export interface SendAck {
  seq: number;
  id: string;
  createdAt: number;
}

/** A `send` that did not end in an ack; `retryable` sends may be repeated with the same clientMsgId. */
export class SendFailure extends Error {
  override readonly name = "SendFailure";
  constructor(
    readonly code: ErrorCode | "network_error" | "timeout",
    readonly retryable: boolean,
    /** The server was too busy to take it (ADR 0039): send again, same clientMsgId, after this pause. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(code);
  }
}

const RETRYABLE = new Set(["network_error", "timeout", "rate_limited", "internal", "unavailable"]);
export const isRetryableCode = (code: string): boolean => RETRYABLE.has(code);

export interface RealtimeOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Backoff between reconnects: initial, doubled each failure up to max, ±50 % jitter. */
  backoffMs?: { initial: number; max: number };
  ackTimeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
  now?: () => number;
  /**
   * Told when the server acknowledged a message sent at `sentAt`: a send is
   * activity that keeps the session, as a request is (the staff idle warning
   * counts with it, see api/client.ts reportServerAnswer).
   */
  onSent?: (sentAt: number) => void;
}

type MessageHandler = (message: MessageView) => void;

const OPEN = 1;
/**
 * Close codes after which reconnecting cannot help, so the client ends instead
 * of retrying: 4401 unauthenticated, 4403 forbidden (the session ended, or the
 * server does not allow this page's origin; docs/PROTOCOL.md, WebSocket).
 */
const WS_TERMINAL_CLOSE_CODES = new Set([4401, 4403]);
const MAX_CURSORS_PER_FRAME = 1000;

export class RealtimeClient {
  private socket: SocketLike | null = null;
  private statusValue: RealtimeStatus = "offline";
  private attempts = 0;
  private reconnectTimer: unknown = null;
  private stopped = false;
  private readonly cursors = new Map<string, number>();
  private readonly handlers = new Map<string, Set<MessageHandler>>();
  private readonly caseListeners = new Set<(frame: CaseFrame) => void>();
  private readonly conversationListeners = new Set<
    (frame: { conversationId: string; kind: "team" | "direct" }) => void
  >();
  private readonly receiptListeners = new Set<(frame: ReceiptFrame) => void>();
  private readonly statusListeners = new Set<(status: RealtimeStatus) => void>();
  private presence: ReadonlyMap<string, PeerPresence> = new Map();
  private readonly presenceListeners = new Set<() => void>();
  private ownPresence: "online" | "away" = "online";
  private readonly pending = new Map<
    string,
    { resolve: (ack: SendAck) => void; reject: (error: SendFailure) => void; timer: unknown; sentAt: number }
  >();
  private readonly opts: Required<Omit<RealtimeOptions, "createSocket">> & {
    createSocket: (url: string) => SocketLike;
  };

  constructor(options: RealtimeOptions) {
    this.opts = {
      url: options.url,
      createSocket: options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike),
      backoffMs: options.backoffMs ?? { initial: 500, max: 30_000 },
      ackTimeoutMs: options.ackTimeoutMs ?? 15_000,
      setTimer: options.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimer: options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)),
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
      onSent: options.onSent ?? (() => {}),
    };
  }

  get status(): RealtimeStatus {
    return this.statusValue;
  }

  onStatus(listener: (status: RealtimeStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onCase(listener: (frame: CaseFrame) => void): () => void {
    this.caseListeners.add(listener);
    this.ensureConnected();
    return () => this.caseListeners.delete(listener);
  }

  /** A staff chat of mine was started or titled by someone else (`conversation_updated`): its id and kind. */
  onConversationUpdated(listener: (frame: { conversationId: string; kind: "team" | "direct" }) => void): () => void {
    this.conversationListeners.add(listener);
    this.ensureConnected();
    return () => this.conversationListeners.delete(listener);
  }

  onReceipt(listener: (frame: ReceiptFrame) => void): () => void {
    this.receiptListeners.add(listener);
    return () => this.receiptListeners.delete(listener);
  }

  /**
   * Presence of the peers the server shows this session (members of
   * subscribed conversations the organisation's policy lets it see). A new
   * map on every change; empty while not connected, since nothing is known then.
   */
  get peers(): ReadonlyMap<string, PeerPresence> {
    return this.presence;
  }

  onPresence(listener: () => void): () => void {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  }

  /** This device's state, e.g. "away" while the tab is hidden; sent now and again after every reconnect. */
  setPresence(state: "online" | "away"): void {
    if (state === this.ownPresence) return;
    this.ownPresence = state;
    if (this.statusValue === "open") this.write({ type: "presence", state });
  }

  /** The highest seq delivered for a conversation (its cursor), or undefined if not subscribed. */
  cursor(conversationId: string): number | undefined {
    return this.cursors.get(conversationId);
  }

  /**
   * Delivers every message with seq > afterSeq, then live ones. A second
   * subscription to the same conversation shares the cursor (it never moves
   * backwards).
   */
  subscribe(conversationId: string, afterSeq: number, handler: MessageHandler): () => void {
    const set = this.handlers.get(conversationId) ?? new Set();
    set.add(handler);
    this.handlers.set(conversationId, set);
    const current = this.cursors.get(conversationId);
    if (current === undefined || afterSeq > current) this.cursors.set(conversationId, afterSeq);
    if (this.socket?.readyState === OPEN && this.statusValue === "open") {
      this.write({ type: "subscribe", cursors: [{ conversationId, afterSeq: this.cursors.get(conversationId)! }] });
    }
    this.ensureConnected();
    return () => {
      set.delete(handler);
      if (set.size === 0) {
        this.handlers.delete(conversationId);
        this.cursors.delete(conversationId);
      }
    };
  }

  /** Resolves once the server stored the message; rejects with SendFailure. */
  send(frame: {
    clientMsgId: string;
    conversationId: string;
    envelope: string;
    replacesId?: string;
  }): Promise<SendAck> {
    if (this.statusValue !== "open" || this.socket?.readyState !== OPEN) {
      return Promise.reject(new SendFailure("network_error", true));
    }
    const previous = this.pending.get(frame.clientMsgId);
    if (previous) {
      this.opts.clearTimer(previous.timer);
      previous.reject(new SendFailure("timeout", true));
    }
    return new Promise<SendAck>((resolve, reject) => {
      const timer = this.opts.setTimer(() => {
        this.pending.delete(frame.clientMsgId);
        reject(new SendFailure("timeout", true));
      }, this.opts.ackTimeoutMs);
      this.pending.set(frame.clientMsgId, { resolve, reject, timer, sentAt: this.opts.now() });
      this.write({ type: "send", ...frame });
    });
  }

  markRead(conversationId: string, seq: number): void {
    if (this.statusValue === "open") this.write({ type: "read", conversationId, seq });
  }

  /** "Delivered up to seq": this device has the messages (the sender sees it where the policy shares receipts). */
  ackReceived(conversationId: string, seq: number): void {
    if (this.statusValue === "open") this.write({ type: "ack_received", conversationId, seq });
  }

  /** Ends for good (logout): closes the socket and rejects pending sends. */
  close(): void {
    this.stopped = true;
    if (this.reconnectTimer !== null) this.opts.clearTimer(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, "bye");
    this.failPending();
    this.handlers.clear();
    this.cursors.clear();
    this.setPeers(new Map());
    this.setStatus("ended");
  }

  private ensureConnected(): void {
    if (this.stopped || this.socket || this.reconnectTimer !== null) return;
    this.connect();
  }

  private connect(): void {
    this.reconnectTimer = null;
    if (this.stopped) return;
    this.setStatus("connecting");
    let socket: SocketLike;
    try {
      socket = this.opts.createSocket(this.opts.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(event.data);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending();
      this.setPeers(new Map());
      if (WS_TERMINAL_CLOSE_CODES.has(event.code)) {
        this.stopped = true;
        this.setStatus("ended");
        return;
      }
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // onclose follows and decides.
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.setStatus("offline");
    const { initial, max } = this.opts.backoffMs;
    const base = Math.min(max, initial * 2 ** this.attempts);
    this.attempts += 1;
    const delay = Math.round(base * (0.5 + this.opts.random()));
    this.reconnectTimer = this.opts.setTimer(() => this.connect(), delay);
  }

  /** Called on `hello`: the socket is usable; resubscribe every cursor. */
  private opened(): void {
    this.attempts = 0;
    // The server assumes a new connection is in use; say so if it is not. Its snapshot refills `peers`.
    if (this.ownPresence === "away") this.write({ type: "presence", state: "away" });
    const cursors = [...this.cursors].map(([conversationId, afterSeq]) => ({ conversationId, afterSeq }));
    for (let i = 0; i < cursors.length; i += MAX_CURSORS_PER_FRAME) {
      this.write({ type: "subscribe", cursors: cursors.slice(i, i + MAX_CURSORS_PER_FRAME) });
    }
    this.setStatus("open");
  }

  private receive(data: unknown): void {
    if (typeof data !== "string") return;
    let frame: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(data);
      if (typeof parsed !== "object" || parsed === null) return;
      frame = parsed as Record<string, unknown>;
    } catch {
      return;
    }
    switch (frame.type) {
      case "hello":
        this.opened();
        return;
      case "message":
        this.deliver(frame);
        return;
      case "ack": {
        const id = frame.clientMsgId;
        if (typeof id !== "string") return;
        const waiting = this.pending.get(id);
        if (!waiting) return;
        this.pending.delete(id);
        this.opts.clearTimer(waiting.timer);
        if (typeof frame.seq === "number" && typeof frame.id === "string" && typeof frame.createdAt === "number") {
          waiting.resolve({ seq: frame.seq, id: frame.id, createdAt: frame.createdAt });
          this.opts.onSent(waiting.sentAt);
        } else waiting.reject(new SendFailure("network_error", true));
        return;
      }
      case "error": {
        const ref = typeof frame.ref === "string" ? frame.ref : undefined;
        const code = (typeof frame.code === "string" ? frame.code : "internal") as ErrorCode;
        const waiting = ref ? this.pending.get(ref) : undefined;
        if (waiting && ref) {
          this.pending.delete(ref);
          this.opts.clearTimer(waiting.timer);
          const retryAfterMs =
            typeof frame.retryAfterMs === "number" && frame.retryAfterMs >= 0 ? frame.retryAfterMs : null;
          waiting.reject(new SendFailure(code, isRetryableCode(code), retryAfterMs));
        }
        return;
      }
      case "case": {
        const { caseId, state, assigneeId, teamId } = frame;
        if (typeof caseId !== "string" || typeof teamId !== "string" || typeof state !== "string") return;
        if (!["new", "active", "closed", "archived"].includes(state)) return;
        const f: CaseFrame = {
          caseId,
          state: state as CaseFrame["state"],
          assigneeId: typeof assigneeId === "string" ? assigneeId : null,
          teamId,
        };
        for (const listener of this.caseListeners) listener(f);
        return;
      }
      case "conversation_updated": {
        const { conversationId, kind } = frame;
        if (typeof conversationId !== "string" || (kind !== "team" && kind !== "direct")) return;
        for (const listener of this.conversationListeners) listener({ conversationId, kind });
        return;
      }
      case "receipt": {
        const { conversationId, accountId, kind, seq } = frame;
        if (typeof conversationId !== "string" || typeof accountId !== "string" || typeof seq !== "number") return;
        if (kind !== "delivered" && kind !== "read") return;
        for (const listener of this.receiptListeners) listener({ conversationId, accountId, kind, seq });
        return;
      }
      case "presence": {
        const { accountId, state } = frame;
        if (typeof accountId !== "string" || (state !== "online" && state !== "away" && state !== "offline")) return;
        if (this.presence.get(accountId) === state) return;
        this.setPeers(new Map(this.presence).set(accountId, state));
        return;
      }
      case "going_away":
        if (frame.reason === "session_ended") {
          this.stopped = true;
          this.setStatus("ended");
        }
        return;
      default:
        return;
    }
  }

  private deliver(frame: Record<string, unknown>): void {
    const { conversationId, seq, id, senderId, envelope, kind, replacesId, createdAt } = frame;
    if (typeof conversationId !== "string" || typeof seq !== "number" || typeof envelope !== "string") return;
    if (typeof id !== "string" || typeof senderId !== "string" || typeof createdAt !== "number") return;
    if (kind !== "message" && kind !== "edit" && kind !== "delete") return;
    const cursor = this.cursors.get(conversationId);
    if (cursor === undefined || seq <= cursor) return; // unsubscribed, or already delivered
    this.cursors.set(conversationId, seq);
    const message: MessageView = {
      conversationId,
      seq,
      id,
      senderId,
      envelope,
      kind,
      replacesId: typeof replacesId === "string" ? replacesId : null,
      createdAt,
    };
    for (const handler of this.handlers.get(conversationId) ?? []) handler(message);
  }

  private write(frame: object): void {
    try {
      this.socket?.send(JSON.stringify(frame));
    } catch {
      // The close handler reconnects.
    }
  }

  private failPending(): void {
    for (const [, waiting] of this.pending) {
      this.opts.clearTimer(waiting.timer);
      waiting.reject(new SendFailure("network_error", true));
    }
    this.pending.clear();
  }

  private setPeers(next: ReadonlyMap<string, PeerPresence>): void {
    if (next.size === 0 && this.presence.size === 0) return;
    this.presence = next;
    for (const listener of this.presenceListeners) listener();
  }

  private setStatus(status: RealtimeStatus): void {
    if (this.statusValue === status) return;
    this.statusValue = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

/** ws:// or wss:// URL of the realtime endpoint on this origin. */
export function realtimeUrl(location: Pick<Location, "protocol" | "host">): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
}
