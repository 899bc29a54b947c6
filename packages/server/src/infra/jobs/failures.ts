// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

/**
 * Background jobs that failed since `since`: scheduled runs that ended in an error, and queued jobs given up after
 * their last attempt (queue.ts settles them with `done_at` and the last error). The installation's, not one
 * organisation's — counted only, for the administrator's overview (issue #16): what failed is an operator's
 * matter (logs, `obhut` CLI), and no payload or error text leaves here.
 */
export async function countFailedJobs(db: Kysely<Database>, since: number): Promise<number> {
  const runs = await db
    .selectFrom("job_runs")
    .select((eb) => eb.fn.countAll<number | string | bigint>().as("n"))
    .where("status", "=", "failed")
    .where("started_at", ">=", since)
    .executeTakeFirst();
  const queued = await db
    .selectFrom("job_queue")
    .select((eb) => eb.fn.countAll<number | string | bigint>().as("n"))
    .where("done_at", "is not", null)
    .where("done_at", ">=", since)
    .where("last_error", "is not", null)
    .executeTakeFirst();
  return Number(runs?.n ?? 0) + Number(queued?.n ?? 0);
}
