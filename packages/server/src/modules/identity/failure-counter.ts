// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import { decrementFailureCount, incrementFailureCount } from "./store-login";

export interface FailureCount {
  /** Attempts in the current window, this one included. */
  count: number;
  windowStart: number;
}

/**
 * Counts a failed (or, for OPAQUE, a started) attempt under `key` within a
 * fixed window, in ONE atomic upsert that also returns the new count:
 * concurrent attempts on several nodes can't lose increments, and a caller
 * deciding on the returned count can't be raced past its limit the way a
 * read-then-write would allow under READ COMMITTED.
 */
export async function countFailure(ctx: AppContext, key: string, windowMs: number): Promise<FailureCount> {
  return incrementFailureCount(ctx.db.db, { key, now: ctx.clock.now(), windowMs });
}

/** Takes one attempt back (it turned out to be the right one, or it was refused before it was made). */
export async function forgiveFailure(ctx: AppContext, key: string): Promise<void> {
  await decrementFailureCount(ctx.db.db, key);
}
