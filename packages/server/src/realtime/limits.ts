// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Per-connection limits of the WebSocket protocol (ADR 0007). They protect
 * the node, not a single user: one flooding or stuck client must never slow
 * the others. Organisation settings may tune them later.
 */
export const WS_LIMITS = {
  /** Sustained sends (and typing notices) per second per connection. */
  sendRatePerSecond: 50,
  /** Burst allowance on top of the sustained rate. */
  sendBurst: 200,
  /**
   * Bytes queued in user space for one socket before the client counts as
   * too slow and is closed with 4408; it catches up from its cursor later.
   */
  maxBufferedBytes: 2 * 1024 * 1024,
  /** Messages read from the database per catch-up step. */
  catchUpBatch: 200,
  /** After a 4408 close, give the client this long to take the close frame before the TCP connection is cut. */
  tooSlowTerminateMs: 5000,
} as const;
