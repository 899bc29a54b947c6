// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { AppContext, Clock } from "./context";
import type { Database } from "../infra/db/schema";
import { chainOf, recordAudit, type AuditEvent } from "./audit";

/**
 * Refusals cost the refused nothing, but each audit row costs a chained
 * write and a line in every export (issue #13: one counsellor wrote 5,000
 * rows in 7.6 s through `subscribe`). Events an actor can repeat cheaply go
 * through here instead of `recordAudit`:
 *
 * - The first event of a kind in a window is written at once, unchanged.
 * - Further events of that kind in the same window are only counted in
 *   memory. When the window is over (or the node shuts down) one summary
 *   row is appended with `data.count` = how many refusals it stands for,
 *   and `data.windowStart`/`windowEnd`. Every row stands for
 *   `data.count ?? 1` refusals.
 *
 * A kind is (chain, actor, action, target type, data), so `data` must stay
 * low-cardinality (a sub-action, a reason); ids belong in the target. The
 * summary keeps the target id when every refusal it counts named the same
 * one, else only the target type.
 *
 * Rows are only ever appended, never updated after they were chained, so
 * the hash chain stays append-only and tamper-evident. Each node counts
 * its own refusals: with n nodes a kind may get up to n first rows and n
 * summaries per window. A node that dies without shutting down loses the
 * counts of its open windows (never the first row of a kind).
 */
export const AUDIT_AGGREGATION = {
  /** Windows are whole minutes of the injected clock. */
  windowMs: 60_000,
  /** How often (real time) a node looks for windows that are over, to write their summaries. */
  flushCheckMs: 10_000,
} as const;

interface Window {
  first: AuditEvent;
  start: number;
  end: number;
  /** Refusals after the first one. */
  count: number;
  /** The one target every refusal of the window named, or null once they differ. */
  targetId: string | null;
}

function kindOf(event: AuditEvent): string {
  const data = Object.entries(event.data ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([chainOf(event.organisationId), event.actorId, event.action, event.target?.type ?? null, data]);
}

export class AuditAggregator {
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly onError: (err: Error) => void,
    private readonly windowMs: number = AUDIT_AGGREGATION.windowMs,
    private readonly flushCheckMs: number = AUDIT_AGGREGATION.flushCheckMs,
  ) {}

  /** Records a repeatable event: written now if it is the first of its kind in this window, else counted. */
  async record(event: AuditEvent): Promise<void> {
    const now = this.clock.now();
    // After shutdown there is no one left to write a summary: record each event as it comes.
    if (this.closed) return recordAudit(this.db, now, event);
    const kind = kindOf(event);
    for (let open = this.windows.get(kind); open; open = this.windows.get(kind)) {
      if (now < open.end) {
        open.count += 1;
        if (open.targetId !== (event.target?.id ?? null)) open.targetId = null;
        return;
      }
      // The window is over and the periodic check has not come by yet: its summary goes first.
      this.windows.delete(kind);
      await this.writeSummary(open);
    }
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    const fresh: Window = {
      first: event,
      start,
      end: start + this.windowMs,
      count: 0,
      targetId: event.target?.id ?? null,
    };
    this.windows.set(kind, fresh);
    this.startTimer();
    try {
      await recordAudit(this.db, now, event);
    } catch (err) {
      // Nothing is counted against a first row that was never written.
      if (fresh.count === 0 && this.windows.get(kind) === fresh) this.windows.delete(kind);
      throw err;
    }
  }

  /** Writes the summaries of every window that is over; returns how many rows it wrote. */
  async flushDue(): Promise<number> {
    const now = this.clock.now();
    const due: Window[] = [];
    for (const [kind, w] of this.windows) {
      if (now < w.end) continue;
      this.windows.delete(kind);
      due.push(w);
    }
    if (this.windows.size === 0) this.stopTimer();
    let written = 0;
    for (const w of due) if (await this.writeSummary(w)) written += 1;
    return written;
  }

  /** Writes the summaries of all windows now, also of those still running; returns how many rows it wrote. */
  async flush(): Promise<number> {
    this.stopTimer();
    const open = [...this.windows.values()];
    this.windows.clear();
    let written = 0;
    for (const w of open) if (await this.writeSummary(w)) written += 1;
    return written;
  }

  /** On shutdown: `flush`, and from then on every event is written as it comes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  /** Summaries are best effort: a failure is reported and the count dropped, the first row of the kind stays. */
  private async writeSummary(w: Window): Promise<boolean> {
    if (w.count === 0) return false;
    const { first } = w;
    try {
      await recordAudit(this.db, this.clock.now(), {
        organisationId: first.organisationId,
        actorId: first.actorId,
        action: first.action,
        ...(first.target ? { target: { type: first.target.type, id: w.targetId } } : {}),
        data: { ...first.data, count: w.count, windowStart: w.start, windowEnd: w.end },
      });
      return true;
    } catch (err) {
      this.onError(err as Error);
      return false;
    }
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flushDue(), this.flushCheckMs);
    // Never keeps a process alive; shutdown calls `close`.
    this.timer.unref();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

const aggregators = new WeakMap<AppContext, AuditAggregator>();

/** This node's aggregator (one per context). */
export function auditAggregator(ctx: AppContext): AuditAggregator {
  let aggregator = aggregators.get(ctx);
  if (!aggregator) {
    aggregator = new AuditAggregator(ctx.db.db, ctx.clock, (err) =>
      ctx.logger.warn({ err: { name: err.name } }, "audit summary could not be written"),
    );
    aggregators.set(ctx, aggregator);
  }
  return aggregator;
}

/**
 * For events an actor can repeat cheaply (refusals): see `AuditAggregator`.
 * Never inside a transaction: the first row is written on its own.
 */
export function recordRepeatableAudit(ctx: AppContext, event: AuditEvent): Promise<void> {
  return auditAggregator(ctx).record(event);
}

/** Shutdown: writes every pending summary of this node. */
export async function closeAuditAggregation(ctx: AppContext): Promise<void> {
  await aggregators.get(ctx)?.close();
}
