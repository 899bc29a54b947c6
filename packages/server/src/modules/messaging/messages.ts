// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import type { MessagesTable } from "../../infra/db/schema";
import { recordRepeatableAudit } from "../../core/audit-aggregate";
import type { Sender } from "../../policies";
import { auditDenied } from "./conversations";
import { authorizeHistoryRead, type ReadActor } from "./archive-read";
import { selectMessagesAfter, selectMessagesBefore, type StoredMessageRow } from "./store-messages";
import { MessageCommitter, SendRefused, type SendInput, type SendResult } from "./messages-committer";

export type { SendResult } from "./messages-committer";

/** Bus topic of one conversation; its events are wake-ups, never content (ADR 0007). */
export function conversationTopic(conversationId: string): string {
  return `conv:${conversationId}`;
}

/**
 * Told of every commit on this node: the conversation, its newest seq, and — when the committer stored them —
 * the rows in seq order (a delivery can go out without reading them back); none for messages stored elsewhere.
 */
export type CommitListener = (conversationId: string, seq: number, rows: readonly StoredMessage[] | null) => void;

interface MessagingState {
  committer: MessageCommitter;
  listeners: Set<CommitListener>;
}

const states = new WeakMap<AppContext, MessagingState>();

function stateOf(ctx: AppContext): MessagingState {
  let state = states.get(ctx);
  if (!state) {
    const listeners = new Set<CommitListener>();
    const committer = new MessageCommitter(ctx, (conversationId, seq, _count, rows) =>
      wake(ctx, listeners, conversationId, seq, rows.map(toStored)),
    );
    state = { committer, listeners };
    states.set(ctx, state);
  }
  return state;
}

function wake(
  ctx: AppContext,
  listeners: Set<CommitListener>,
  conversationId: string,
  seq: number,
  rows: readonly StoredMessage[] | null,
): void {
  // Local subscribers are woken directly; other nodes through the bus. A lost
  // wake-up delays nothing for good: the next one (or a reconnect) reads from the cursor.
  for (const listener of listeners) listener(conversationId, seq, rows);
  ctx.bus
    .publish(conversationTopic(conversationId), { type: "message", conversationId, seq, node: ctx.nodeId })
    .catch((err: Error) => {
      ctx.logger.warn({ err: { name: err.name } }, "could not publish a message wake-up");
    });
}

/** For messages stored outside the committer (modules/cases/cases.ts), once their transaction committed. */
export function announceCommitted(ctx: AppContext, conversationId: string, seq: number): void {
  ctx.metrics.messagesStored.inc(1);
  wake(ctx, stateOf(ctx).listeners, conversationId, seq, null);
}

/** Called after every commit that stored new messages in a conversation on this node. */
export function onMessagesCommitted(ctx: AppContext, listener: CommitListener): () => void {
  const { listeners } = stateOf(ctx);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * While this node refuses sends (admission control, ADR 0039), the pause to tell a sender; else null. Counts
 * the refusal the caller is about to answer. For refusing before any parsing (app/realtime/connection.ts).
 */
export function refuseSendNow(ctx: AppContext): number | null {
  const busy = stateOf(ctx).committer.busy();
  if (busy !== null) ctx.metrics.sendsRefusedOverload.inc();
  return busy;
}

export interface SendMessageProps {
  /** The session's account; its role (when known) goes to the send gate. */
  actor: Sender;
  conversationId: string;
  clientMsgId: string;
  envelope: Uint8Array;
  kind?: MessagesTable["kind"] | undefined;
  replacesId?: string | undefined;
}

/**
 * Stores a sealed envelope and resolves only once it is durably committed.
 * Idempotent: the same (sender, clientMsgId) returns the original seq/id.
 * Refusals throw AppError (404 for non-members, audited).
 */
export async function sendMessage(ctx: AppContext, props: SendMessageProps): Promise<SendResult> {
  // Whether it may be sent at all is decided once, inside the commit transaction (policies/gates/send.ts).
  const input: SendInput = {
    senderId: props.actor.accountId,
    sender: { kind: props.actor.kind, organisationId: props.actor.organisationId, role: props.actor.role },
    conversationId: props.conversationId,
    clientMsgId: props.clientMsgId,
    envelope: props.envelope,
    kind: props.kind ?? "message",
    replacesId: props.replacesId ?? null,
  };
  try {
    return await stateOf(ctx).committer.submit(input);
  } catch (err) {
    if (!(err instanceof SendRefused)) throw err;
    if (err.denied) await auditDenied(ctx, props.actor, props.conversationId, "send");
    // Repeated refusals of one kind fold into one summary row per minute (core/audit-aggregate.ts).
    if (err.audit) await recordRepeatableAudit(ctx, err.audit);
    throw err.error;
  }
}

export interface StoredMessage {
  conversationId: string;
  seq: number;
  id: string;
  senderId: string;
  envelope: Uint8Array;
  kind: MessagesTable["kind"];
  replacesId: string | null;
  createdAt: number;
}

function toStored(r: StoredMessageRow | MessagesTable): StoredMessage {
  return {
    conversationId: r.conversation_id,
    seq: r.seq,
    id: r.id,
    senderId: r.sender_id,
    envelope: r.envelope,
    kind: r.kind,
    replacesId: r.replaces_id,
    createdAt: r.created_at,
  };
}

/**
 * Committed messages after `afterSeq`, oldest first. An index range scan on
 * the primary key (conversation_id, seq): the cost depends on `limit`, not on
 * how many messages the table holds. No authorisation: callers check first.
 */
export async function readMessagesAfter(
  ctx: AppContext,
  conversationId: string,
  afterSeq: number,
  limit: number,
): Promise<StoredMessage[]> {
  return (await selectMessagesAfter(ctx, conversationId, afterSeq, limit)).map(toStored);
}

export interface HistoryQuery {
  before?: number | undefined;
  after?: number | undefined;
  limit?: number | undefined;
}

/** One page of history for a member: the newest `limit` before `before`, or the oldest after `after`. */
export async function listMessages(
  ctx: AppContext,
  actor: ReadActor,
  conversationId: string,
  query: HistoryQuery,
): Promise<{ messages: StoredMessage[]; hasMore: boolean }> {
  // Members, and an admin under an approved archive access (ADR 0032).
  await authorizeHistoryRead(ctx, actor, conversationId, "conversation.read");
  const limit = query.limit ?? 50;
  if (query.after !== undefined) {
    const rows = await readMessagesAfter(ctx, conversationId, query.after, limit + 1);
    return { messages: rows.slice(0, limit), hasMore: rows.length > limit };
  }
  const rows = await selectMessagesBefore(ctx.db.db, conversationId, query.before, limit + 1);
  return { messages: rows.slice(0, limit).reverse().map(toStored), hasMore: rows.length > limit };
}
