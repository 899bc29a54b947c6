// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/** Organisations that set a limit for unassigned enquiries, with it in hours. */
export async function enquiryWaitLimits(db: Db): Promise<{ organisation_id: string; hours: number }[]> {
  const rows = await db
    .selectFrom("notification_settings")
    .select(["organisation_id", "enquiry_wait_hours"])
    .where("enquiry_wait_hours", "is not", null)
    .execute();
  return rows.map((r) => ({ organisation_id: r.organisation_id, hours: Number(r.enquiry_wait_hours) }));
}

/** New, unassigned cases of an organisation created in the window (from, to]. */
export async function unassignedEnquiries(
  db: Db,
  orgId: string,
  from: number,
  to: number,
): Promise<{ id: string; team_id: string; created_at: number }[]> {
  const rows = await db
    .selectFrom("cases")
    .select(["id", "team_id", "created_at"])
    .where("organisation_id", "=", orgId)
    .where("state", "=", "new")
    .where("assignee_id", "is", null)
    .where("created_at", ">", from)
    .where("created_at", "<=", to)
    .execute();
  return rows.map((r) => ({ ...r, created_at: Number(r.created_at) }));
}

/** Document drafts waiting for approval, created since then. */
export async function draftsSince(
  db: Db,
  since: number,
): Promise<{ id: string; organisation_id: string; created_by: string }[]> {
  return db
    .selectFrom("org_documents")
    .select(["id", "organisation_id", "created_by"])
    .where("state", "=", "draft")
    .where("created_at", ">", since)
    .execute();
}

/** Active staff of an organisation with one role. */
export async function organisationStaff(db: Db, orgId: string, role: string): Promise<string[]> {
  const rows = await db
    .selectFrom("accounts")
    .select("id")
    .where("organisation_id", "=", orgId)
    .where("role", "=", role)
    .where("disabled_at", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

export async function allOrganisations(db: Db): Promise<string[]> {
  return (await db.selectFrom("organisations").select("id").execute()).map((r) => r.id);
}

/** Notice jobs that gave up since then: the organisation (from the payload's ids) and when. */
export async function failedNoticeJobsSince(
  db: Db,
  jobs: readonly string[],
  since: number,
): Promise<{ payload: string; done_at: number }[]> {
  const rows = await db
    .selectFrom("job_queue")
    .select(["payload", "done_at"])
    .where("job", "in", jobs)
    .where("done_at", ">", since)
    .where("last_error", "is not", null)
    .execute();
  return rows.map((r) => ({ payload: r.payload, done_at: Number(r.done_at) }));
}
