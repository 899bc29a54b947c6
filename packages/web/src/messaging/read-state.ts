// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PeerReceiptsView } from "@obhut/protocol";

/**
 * What a conversation shows about reading, as messengers do: how far the
 * others have received and read (for one's own messages: sent, delivered,
 * read — only where the organisation's messaging policy shares receipts,
 * else only "sent"), and where the messages begin that arrived since one
 * last read (the "new messages" marker).
 */
export type PeerReceipts = PeerReceiptsView;

export const NO_RECEIPTS: PeerReceipts = { shared: false, deliveredSeq: 0, readSeq: 0 };

/** The state of one's own stored message; sending and failed ones are still in the outbox. */
export type DeliveryState = "sent" | "delivered" | "read";

export function deliveryState(seq: number, receipts: PeerReceipts): DeliveryState {
  if (!receipts.shared) return "sent";
  if (seq <= receipts.readSeq) return "read";
  if (seq <= Math.max(receipts.deliveredSeq, receipts.readSeq)) return "delivered";
  return "sent";
}

/** A live receipt frame moves the markers forward, never back; reading implies having received. */
export function withReceipt(receipts: PeerReceipts, kind: "delivered" | "read", seq: number): PeerReceipts {
  const readSeq = kind === "read" ? Math.max(receipts.readSeq, seq) : receipts.readSeq;
  const deliveredSeq = Math.max(receipts.deliveredSeq, readSeq, kind === "delivered" ? seq : 0);
  // Frames come only where the policy shares receipts.
  return { shared: true, deliveredSeq, readSeq };
}

interface Readable {
  seq: number;
  own: boolean;
}

/**
 * Where unread messages begin when a conversation opens: the person's read
 * marker if someone else wrote after it, else null (nothing new — and then
 * no marker appears for messages that arrive while the conversation is open).
 */
export function unreadAfterOnOpen(messages: readonly Readable[], readSeq: number): number | null {
  return messages.some((m) => !m.own && m.seq > readSeq) ? readSeq : null;
}

/** The seq of the first message the "new messages" marker stands before, or null for none. */
export function firstUnreadSeq(messages: readonly Readable[], unreadAfter: number | null): number | null {
  if (unreadAfter === null) return null;
  return messages.find((m) => !m.own && m.seq > unreadAfter)?.seq ?? null;
}
