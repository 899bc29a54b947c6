// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import type { AppContext } from "../../core/context";

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
  const now = ctx.clock.now();
  const expired = now - windowMs;
  const row = await ctx.db.db
    .insertInto("auth_failures")
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        // Both expressions see the row as it was: SQL evaluates SET against the old values.
        count: sql<number>`case when auth_failures.window_start <= ${expired} then 1 else auth_failures.count + 1 end`,
        window_start: sql<number>`case when auth_failures.window_start <= ${expired} then ${now} else auth_failures.window_start end`,
      }),
    )
    .returning(["count", "window_start"])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: Number(row.window_start) };
}

/** Takes one attempt back (it turned out to be the right one, or it was refused before it was made). */
export async function forgiveFailure(ctx: AppContext, key: string): Promise<void> {
  await ctx.db.db
    .updateTable("auth_failures")
    .set({ count: sql<number>`case when auth_failures.count > 0 then auth_failures.count - 1 else 0 end` })
    .where("key", "=", key)
    .execute();
}
