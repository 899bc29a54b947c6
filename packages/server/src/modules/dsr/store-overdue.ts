// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { Database } from "../../infra/db/schema";
import { calendarDay } from "./dates";

/**
 * How many of the organisation's data-subject requests are still open (or extended) after their due date, for
 * the administrator's overview (issue #16). "Overdue" as the DSR page says it: today, in the legal calendar, is
 * after the due day (dates.ts).
 */
export async function countOverdueDsrRequests(db: Kysely<Database>, orgId: string, now: number): Promise<number> {
  const row = await db
    .selectFrom("dsr_requests")
    .select((eb) => eb.fn.countAll<number | string | bigint>().as("n"))
    .where("organisation_id", "=", orgId)
    .where("status", "in", ["open", "extended"])
    .where("due_on", "<", calendarDay(now))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
