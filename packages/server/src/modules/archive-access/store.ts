// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";

/**
 * The queries of archive access (ADR 0032). No authorisation here: the
 * services decide first. The case lookup reads only the ids a request
 * records (organisation, team, conversation), never content.
 */
type Db = Kysely<Database> | Transaction<Database>;

export type ArchiveAccessRow = Database["archive_access_requests"];

export async function findCaseIds(
  db: Db,
  caseId: string,
): Promise<Pick<Database["cases"], "id" | "organisation_id" | "team_id" | "conversation_id"> | undefined> {
  return db
    .selectFrom("cases")
    .select(["id", "organisation_id", "team_id", "conversation_id"])
    .where("id", "=", caseId)
    .executeTakeFirst();
}

export async function insertArchiveAccessRequest(db: Db, row: ArchiveAccessRow): Promise<void> {
  await db.insertInto("archive_access_requests").values(row).execute();
}

export async function findArchiveAccessRequest(
  db: Db,
  orgId: string,
  id: string,
): Promise<ArchiveAccessRow | undefined> {
  return db
    .selectFrom("archive_access_requests")
    .selectAll()
    .where("id", "=", id)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
}

/** Records the decision once: true when the request was still pending (a concurrent decision loses). */
export async function decideRequest(
  db: Db,
  props: {
    id: string;
    decision: "approved" | "refused";
    decidedBy: string;
    decidedAt: number;
    expiresAt: number | null;
  },
): Promise<boolean> {
  const res = await db
    .updateTable("archive_access_requests")
    .set({
      decision: props.decision,
      decided_by: props.decidedBy,
      decided_at: props.decidedAt,
      expires_at: props.expiresAt,
    })
    .where("id", "=", props.id)
    .where("decision", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * The organisation's requests since `since` (or one by id), newest first (at most 200), with team and account
 * names; with `ledBy`, only those to teams that account leads.
 */
export async function listArchiveAccessRequests(
  db: Db,
  props: { orgId: string; since: number; ledBy?: string | undefined; id?: string },
) {
  let query = db
    .selectFrom("archive_access_requests as r")
    .leftJoin("teams as t", "t.id", "r.team_id")
    .leftJoin("accounts as a", "a.id", "r.requested_by")
    .leftJoin("accounts as d", "d.id", "r.decided_by")
    .selectAll("r")
    .select(["t.name as team_name", "a.username as requester_name", "d.username as decider_name"])
    .where("r.organisation_id", "=", props.orgId)
    .where("r.requested_at", ">=", props.since);
  if (props.id !== undefined) query = query.where("r.id", "=", props.id);
  if (props.ledBy !== undefined) {
    const led = db
      .selectFrom("team_members")
      .select("team_id")
      .where("account_id", "=", props.ledBy)
      .where("role", "=", "lead");
    query = query.where("r.team_id", "in", led);
  }
  return query.orderBy("r.requested_at", "desc").orderBy("r.id").limit(200).execute();
}

export type ArchiveAccessListRow = Awaited<ReturnType<typeof listArchiveAccessRequests>>[number];
