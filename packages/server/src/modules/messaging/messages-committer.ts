// SPDX-License-Identifier: AGPL-3.0-or-later
import { readMessageHeader } from "@obhut/crypto";
import type { AppContext, OwnedSend } from "../../core/context";
import type { MessagesTable } from "../../infra/db/schema";
import { AppError } from "../../core/errors";
import { sendGate, type Sender } from "../../policies";
import type { AuditEvent } from "../../core/audit";
import { findEarlierSend, inMessageTransaction, pairKey, type BatchOps } from "./store-messages";
import { newId } from "../../core/ids";
import { epochLimitsInTransaction } from "./messaging-policy";

export interface SendInput {
  senderId: string;
  /** What the sender's session says (kind, organisation, role): the send gate decides on it. */
  sender: Omit<Sender, "accountId">;
  conversationId: string;
  clientMsgId: string;
  envelope: Uint8Array;
  kind: MessagesTable["kind"];
  replacesId: string | null;
}

export interface SendResult {
  conversationId: string;
  seq: number;
  id: string;
  createdAt: number;
  /** True when this clientMsgId was stored before: the original seq/id are returned, nothing is written. */
  duplicate: boolean;
}

/** A refusal; `denied` marks a non-member so the caller can audit it. */
export class SendRefused extends Error {
  constructor(
    readonly error: AppError,
    readonly denied: boolean,
    /** A refusal to audit once the transaction is over (policies/gates/send.ts). */
    readonly audit?: AuditEvent,
  ) {
    super(error.message);
  }
}

type Outcome = SendResult | SendRefused;

interface Pending {
  input: SendInput;
  /** When it joined the queue (ctx.clock): how long the oldest has waited decides admission. */
  queuedAt: number;
  resolve(result: SendResult): void;
  reject(err: unknown): void;
}

/** Most sends committed in one transaction: bounds transaction time and latency of the batch. */
const MAX_BATCH = 256;

/**
 * Admission control (issue #18, ADR 0039). A node takes a send only while it
 * can store it soon: when the oldest send still waiting for its transaction
 * has waited longer than `maxWaitMs`, or `maxQueued` sends wait, a new send is
 * refused at once with `unavailable` and a retry-after — instead of joining a
 * queue that grows without bound until every acknowledgement comes too late
 * and the node spends its cores on work nobody waits for (congestive
 * collapse). What was accepted keeps a bounded wait; what was refused was
 * not stored, and the client sends it again, same clientMsgId, after the
 * pause it was told.
 */
export interface AdmissionLimits {
  maxQueued: number;
  maxWaitMs: number;
}

/**
 * A second: far below the web app's 15 s acknowledgement timeout (past which clients send again and the work
 * done for them is wasted), well above one commit on a slow disk or a loaded PostgreSQL (hundreds of ms), so
 * a slow machine at low load is never refused; at high throughput the 4,096 bound comes first (about a
 * quarter of a second of work at 15,000 msg/s).
 */
export const DEFAULT_ADMISSION: AdmissionLimits = { maxQueued: 4096, maxWaitMs: 1000 };

/** Bounds of the pause a refused sender is told to wait. */
const RETRY_AFTER_MIN_MS = 200;
const RETRY_AFTER_MAX_MS = 5000;

/** The node is behind with storing messages: nothing was stored; send again (same clientMsgId) after `retryAfterMs`. */
export class OverloadedError extends AppError {
  constructor(readonly retryAfterMs: number) {
    super("unavailable", "The server is busy; this message was not stored. Send it again shortly", {
      headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
      details: { reason: "overloaded", retryAfterMs: String(retryAfterMs) },
    });
  }
}

/**
 * Group commit. Every send of this node goes through one queue; while a
 * transaction is in flight the next sends accumulate and are committed
 * together, so one fsync (SQLite, synchronous=FULL) or one round of
 * PostgreSQL commits covers many messages. Each send is acknowledged only
 * after the transaction that stored it committed. A batch that fails as a
 * whole (e.g. a concurrent duplicate on another node) is retried one send
 * at a time so one bad send never fails the others.
 */
export class MessageCommitter {
  private queue: Pending[] = [];
  private running = false;
  /** Sends stored per millisecond, smoothed over recent batches: sets the retry-after of a refusal. */
  private pace = 0;

  constructor(
    private readonly ctx: AppContext,
    /** After a commit, per conversation: its newest seq, how many were stored, and those rows in seq order. */
    private readonly onCommitted: (
      conversationId: string,
      seq: number,
      count: number,
      rows: readonly MessagesTable[],
    ) => void,
    private readonly admission: AdmissionLimits = DEFAULT_ADMISSION,
  ) {}

  /**
   * While this node refuses sends, the pause to tell the sender; null while it takes them. Cheap (no error
   * object), so a connection can ask before it even parses a send frame (app/realtime/connection.ts).
   */
  busy(): number | null {
    const oldest = this.queue[0];
    const refusing =
      this.queue.length >= this.admission.maxQueued ||
      (oldest !== undefined && this.ctx.clock.now() - oldest.queuedAt > this.admission.maxWaitMs);
    return refusing ? this.retryAfterMs() : null;
  }

  submit(input: SendInput): Promise<SendResult> {
    const busy = this.busy();
    if (busy !== null) {
      this.ctx.metrics.sendsRefusedOverload.inc();
      return Promise.reject(new OverloadedError(busy));
    }
    const now = this.ctx.clock.now();
    return new Promise((resolve, reject) => {
      this.queue.push({ input, queuedAt: now, resolve, reject });
      this.ctx.metrics.sendQueueLength.set(this.queue.length);
      if (!this.running) void this.drain();
    });
  }

  /** About the time the queue needs to drain at the recent pace, within bounds. */
  private retryAfterMs(): number {
    const drain = this.pace > 0 ? this.queue.length / this.pace : RETRY_AFTER_MAX_MS;
    return Math.round(Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, drain)));
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        // Let pending socket reads run first: with SQLite the commit (and its fsync) blocks the
        // event loop, so without this turn every batch would hold just the one send that woke us.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = this.queue.splice(0, MAX_BATCH);
        this.ctx.metrics.sendQueueLength.set(this.queue.length);
        const started = this.ctx.clock.now();
        await this.commit(batch);
        const perMs = batch.length / Math.max(1, this.ctx.clock.now() - started);
        this.pace = this.pace === 0 ? perMs : 0.8 * this.pace + 0.2 * perMs;
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    let outcomes: Outcome[];
    let announcements: (() => void)[];
    let rows: MessagesTable[];
    try {
      const now = this.ctx.clock.now();
      ({ outcomes, announcements, rows } = await inMessageTransaction(this.ctx, (ops) =>
        applyBatch(
          this.ctx,
          ops,
          now,
          batch.map((p) => p.input),
        ),
      ));
    } catch (err) {
      if (batch.length > 1) {
        for (const p of batch) await this.commit([p]);
        return;
      }
      // A lone send failed: most likely a concurrent retry of the same clientMsgId won the unique constraint.
      const p = batch[0]!;
      const original = await findByClientMsgId(this.ctx.db.db, p.input).catch(() => undefined);
      if (original) p.resolve(original);
      else p.reject(err);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const p = batch[i]!;
      if (outcome instanceof SendRefused) p.reject(outcome);
      else p.resolve(outcome);
    });
    // The rows stored (every send that was neither refused nor a duplicate), per conversation in seq order.
    if (rows.length) this.ctx.metrics.messagesStored.inc(rows.length);
    const stored = new Map<string, MessagesTable[]>();
    for (const row of rows) {
      const list = stored.get(row.conversation_id);
      if (list) list.push(row);
      else stored.set(row.conversation_id, [row]);
    }
    for (const [conversationId, list] of stored)
      this.onCommitted(conversationId, list[list.length - 1]!.seq, list.length, list);
    for (const announce of announcements) announce();
  }
}

async function findByClientMsgId(db: AppContext["db"]["db"], input: SendInput): Promise<SendResult | undefined> {
  const row = await findEarlierSend(db, input.senderId, input.clientMsgId);
  if (!row || row.conversation_id !== input.conversationId) return undefined;
  return { conversationId: row.conversation_id, seq: row.seq, id: row.id, createdAt: row.created_at, duplicate: true };
}

/**
 * Stores one send inside the caller's transaction, through the same checks
 * and seq allocation as every other send (the first message of a new case).
 * The caller wakes subscribers after its transaction committed.
 */
export async function commitOneInTransaction(
  ctx: AppContext,
  ops: BatchOps,
  now: number,
  input: SendInput,
): Promise<{ result: SendResult; announcements: (() => void)[] }> {
  const { outcomes, announcements } = await applyBatch(ctx, ops, now, [input]);
  const outcome = outcomes[0]!;
  if (outcome instanceof SendRefused) throw outcome.error;
  return { result: outcome, announcements };
}

/** Checks each send, then allocates seqs per conversation in one UPDATE and inserts all rows. */
async function applyBatch(
  ctx: AppContext,
  ops: BatchOps,
  now: number,
  inputs: SendInput[],
): Promise<{ outcomes: Outcome[]; announcements: (() => void)[]; rows: MessagesTable[] }> {
  // A number n < 0 marks an in-batch retry of the send at index -1 - n.
  const outcomes: (Outcome | number)[] = new Array<Outcome | number>(inputs.length);
  // Everything the checks need, fetched for the whole batch up front (one round trip each on PostgreSQL).
  const memberships = await ops.memberships(uniquePairs(inputs.map((i) => [i.conversationId, i.senderId])));
  const earlierSends = await ops.existing(uniquePairs(inputs.map((i) => [i.senderId, i.clientMsgId])));
  const inBatch = new Map<string, number>();
  const accepted = new Map<string, number[]>();
  // Conversations of a kind another module owns (cases: "case" and "notes"): its part in this commit.
  const owned = new Map<string, OwnedSend | undefined>();
  const gate = sendGate(
    ops.db,
    now,
    inputs.map((i) => ({ ...i.sender, accountId: i.senderId })),
    epochLimitsOnce(ctx, ops),
  );
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    const membership = memberships.get(pairKey(input.conversationId, input.senderId));
    // Every gate of a send, decided once, here inside the transaction (policies/gates/send.ts).
    const refusal = await gate.refuse(
      { ...input.sender, accountId: input.senderId },
      input.conversationId,
      membership,
      membership?.epoch?.currentEpoch ? sealedEpoch(input.envelope) : null,
    );
    if (refusal) {
      outcomes[i] = new SendRefused(refusal.error, refusal.denied, refusal.audit);
      continue;
    }
    const hook = ctx.conversationKinds[membership!.kind];
    if (hook && !owned.has(input.conversationId))
      owned.set(input.conversationId, await hook.openSend(ctx, ops.db, input.conversationId, membership!.kind));
    const idKey = pairKey(input.senderId, input.clientMsgId);
    const earlier = inBatch.get(idKey);
    if (earlier !== undefined) {
      outcomes[i] = inputs[earlier]!.conversationId === input.conversationId ? -1 - earlier : conflict();
      continue;
    }
    const existing = earlierSends.get(idKey);
    if (existing) {
      outcomes[i] =
        existing.conversation_id === input.conversationId
          ? {
              conversationId: existing.conversation_id,
              seq: existing.seq,
              id: existing.id,
              createdAt: existing.created_at,
              duplicate: true,
            }
          : conflict();
      continue;
    }
    const replaceRefusal = await checkReplaces(ops, input);
    if (replaceRefusal) {
      outcomes[i] = replaceRefusal;
      continue;
    }
    inBatch.set(idKey, i);
    const list = accepted.get(input.conversationId) ?? [];
    list.push(i);
    accepted.set(input.conversationId, list);
  }

  // One reservation per conversation (locked in id order, so concurrent batches on other nodes cannot deadlock).
  const firstSeqs = await ops.allocate(new Map([...accepted].map(([id, indexes]) => [id, indexes.length])));
  const rows: MessagesTable[] = [];
  const marks: { conversationId: string; accountId: string; seq: number }[] = [];
  for (const conversationId of [...accepted.keys()].sort()) {
    const indexes = accepted.get(conversationId)!;
    let seq = firstSeqs.get(conversationId)!;
    const lastBySender = new Map<string, number>();
    for (const i of indexes) {
      const input = inputs[i]!;
      const id = newId();
      rows.push({
        conversation_id: conversationId,
        seq,
        id,
        sender_id: input.senderId,
        client_msg_id: input.clientMsgId,
        envelope: input.envelope,
        size: input.envelope.length,
        kind: input.kind,
        replaces_id: input.replacesId,
        created_at: now,
      });
      outcomes[i] = { conversationId, seq, id, createdAt: now, duplicate: false };
      lastBySender.set(input.senderId, seq);
      seq += 1;
    }
    // What I sent myself counts as read and delivered for me.
    for (const [accountId, last] of lastBySender) marks.push({ conversationId, accountId, seq: last });
  }
  await ops.markOwn(marks);
  await ops.insert(rows);
  const announcements: (() => void)[] = [];
  for (const [conversationId, owner] of owned) {
    const indexes = accepted.get(conversationId);
    if (!owner || !indexes) continue;
    const sends = indexes.map((i) => ({ senderId: inputs[i]!.senderId, kind: inputs[i]!.kind }));
    const announce = await owner.afterStore(now, sends);
    if (announce) announcements.push(announce);
  }
  return {
    outcomes: outcomes.map((o) =>
      typeof o === "number" ? { ...(outcomes[-1 - o] as SendResult), duplicate: true } : o,
    ),
    announcements,
    rows,
  };
}

/** The epoch limits of each organisation, read at most once per batch (messaging-policy.ts). */
function epochLimitsOnce(ctx: AppContext, ops: BatchOps) {
  const limits = new Map<string | null, ReturnType<typeof epochLimitsInTransaction>>();
  return (orgId: string | null) => {
    let found = limits.get(orgId);
    if (!found) limits.set(orgId, (found = epochLimitsInTransaction(ctx, ops.db, orgId)));
    return found;
  };
}

/**
 * The epoch number in the envelope's header (docs/CRYPTO.md §8) — the only part of an envelope the server
 * reads — or null when the header does not parse (then no reader could open the envelope either).
 */
function sealedEpoch(envelope: Uint8Array): number | null {
  try {
    return readMessageHeader(envelope).epoch;
  } catch {
    return null;
  }
}

/** Distinct pairs, in first-seen order. */
function uniquePairs(pairs: (readonly [string, string])[]): (readonly [string, string])[] {
  const seen = new Map<string, readonly [string, string]>();
  for (const p of pairs) if (!seen.has(pairKey(p[0], p[1]))) seen.set(pairKey(p[0], p[1]), p);
  return [...seen.values()];
}

function conflict(): SendRefused {
  return new SendRefused(new AppError("conflict", "This clientMsgId was already used for another conversation"), false);
}

/**
 * `replacesId` names one of the sender's own messages in this conversation:
 * the one an edit or delete changes, or — on a new message — the one it
 * continues (files sent after their text; they count as one unread message).
 */
async function checkReplaces(ops: BatchOps, input: SendInput): Promise<SendRefused | undefined> {
  if (input.kind === "message" && input.replacesId === null) return undefined;
  if (input.replacesId === null)
    return new SendRefused(new AppError("invalid_body", "Edit and delete need replacesId"), false);
  const target = await ops.target(input.replacesId, input.conversationId);
  if (!target || target.sender_id !== input.senderId || target.kind !== "message") {
    return new SendRefused(
      new AppError("invalid_body", "replacesId must name one of your own messages in this conversation"),
      false,
    );
  }
  return undefined;
}
