// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import type { AppContext } from "../context";

/**
 * Counts a failed (or, for OPAQUE, a started) attempt under `key` within a
 * fixed window, in ONE atomic upsert: concurrent attempts on several nodes
 * can't lose increments the way a read-then-write would under READ COMMITTED.
 */
export async function countFailure(ctx: AppContext, key: string, windowMs: number): Promise<void> {
  const now = ctx.clock.now();
  const expired = now - windowMs;
  await ctx.db.db
    .insertInto("auth_failures")
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        // Both expressions see the row as it was: SQL evaluates SET against the old values.
        count: sql<number>`case when auth_failures.window_start <= ${expired} then 1 else auth_failures.count + 1 end`,
        window_start: sql<number>`case when auth_failures.window_start <= ${expired} then ${now} else auth_failures.window_start end`,
      }),
    )
    .execute();
}
