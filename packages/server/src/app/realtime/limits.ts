// SPDX-License-Identifier: AGPL-3.0-or-later
import { WS_MAX_CURSORS } from "@obhut/protocol";

/**
 * Per-connection limits of the WebSocket protocol (ADR 0007). They protect
 * the node, not a single user: one flooding or stuck client must never slow
 * the others. Organisation settings may tune them later.
 */
export const WS_LIMITS = {
  /** Sustained sends (and receipts, typing and presence notices) per second per connection. */
  sendRatePerSecond: 50,
  /** Burst allowance on top of the sustained rate. */
  sendBurst: 200,

  /**
   * Cursor budget of `subscribe`, counted per cursor, not per frame: each
   * cursor is a membership check and, when refused, an audit event. A fresh
   * connection can name `subscribeCursorBurst` cursors at once (one full
   * frame, so a reconnecting client resubscribes everything), then
   * `subscribeCursorsPerMinute` more per minute: at most 2,000 in any
   * minute. A frame beyond the budget is refused whole with `rate_limited`.
   * Its own bucket, so resubscribing never eats into the send budget.
   */
  subscribeCursorBurst: WS_MAX_CURSORS,
  subscribeCursorsPerMinute: 1000,
  /**
   * Flow control: the pump stops reading more messages for a connection once
   * this many bytes wait in user space, and resumes when the socket drained.
   */
  highWaterBytes: 1024 * 1024,
  /**
   * A connection whose pump has waited this long for its socket to drain is
   * too slow: it is closed with 4408 and catches up from its cursor later.
   */
  stallMs: 5000,
  /** Hard bound for frames outside the pump (acks, receipts): past it the connection is closed as too slow. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** Messages read from the database per catch-up step. */
  catchUpBatch: 200,
  /** After a 4408 close, give the client this long to take the close frame before the TCP connection is cut. */
  tooSlowTerminateMs: 30_000,
  /**
   * Presence: a node's entries count for this long after its last heartbeat,
   * so the users of a node that died turn offline within about a minute.
   */
  presenceTtlMs: 60_000,
  /** How often a node re-stamps its presence entries and re-reads the peers it shows as present. */
  presenceHeartbeatMs: 20_000,
} as const;
