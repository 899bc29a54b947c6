// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { Database } from "../../infra/db/schema";

/**
 * How many drafts of the organisation's privacy notice or communication guideline wait for a second person's
 * approval (four eyes, `document.approve`), for the administrator's overview (issue #16). Counts only.
 */
export async function countDraftsAwaitingApproval(db: Kysely<Database>, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("org_documents")
    .select((eb) => eb.fn.countAll<number | string | bigint>().as("n"))
    .where("organisation_id", "=", orgId)
    .where("state", "=", "draft")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
