// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, JobQueueTable } from "../../infra/db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type FailedJobRow = Selectable<JobQueueTable>;

/** Jobs of these kinds that gave up (done with an error), newest first; the queue keeps finished jobs a week. */
export async function failedJobs(db: Db, jobs: readonly string[], limit: number): Promise<FailedJobRow[]> {
  return db
    .selectFrom("job_queue")
    .selectAll()
    .where("job", "in", jobs)
    .where("done_at", "is not", null)
    .where("last_error", "is not", null)
    .orderBy("done_at", "desc")
    .limit(limit)
    .execute();
}

/** Back into the queue as new: due now, no tries yet. Only while it is still failed (a double click does nothing). */
export async function requeueFailedJob(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable("job_queue")
    .set({ done_at: null, last_error: null, attempts: 0, run_at: now, locked_by: null, locked_until: null })
    .where("id", "=", id)
    .where("done_at", "is not", null)
    .where("last_error", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
