// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { Database } from "../../infra/db/schema";
import { decide } from "../authorize";

/**
 * Archive access (ADR 0032): the one rule for reading a case conversation
 * with the organisation's archive key. An admin who is not a member of the
 * conversation may read its history and epochs (with the archive wraps) only
 * while a request *they* made for that case was approved by a DPO and has
 * not expired, and only while they still hold the admin role. Everything
 * else a member may do (members, receipts, attachments, sending, live
 * subscription) stays refused: the conversation is "not found" for them.
 */

export interface ArchiveGrant {
  requestId: string;
  caseId: string;
  organisationId: string;
}

/** The approved, running archive access that lets `actor` read `conversationId`, or undefined. */
export async function activeArchiveAccess(
  db: Kysely<Database>,
  actor: { accountId: string; kind: "client" | "staff"; organisationId: string | null; role?: string },
  conversationId: string,
  now: number,
): Promise<ArchiveGrant | undefined> {
  if (actor.kind !== "staff" || actor.organisationId === null || actor.role === undefined) return undefined;
  // Only someone who may ask for archive access may use one (an admin demoted since then may not).
  const mayRequest = decide({ ...actor, role: actor.role }, "archive_access.request", {
    type: "organisation",
    organisationId: actor.organisationId,
  });
  if (mayRequest !== "allow") return undefined;
  const row = await db
    .selectFrom("archive_access_requests as r")
    .innerJoin("cases as c", (j) =>
      j.onRef("c.id", "=", "r.case_id").onRef("c.conversation_id", "=", "r.conversation_id"),
    )
    .select(["r.id", "r.case_id", "r.organisation_id"])
    .where("r.conversation_id", "=", conversationId)
    .where("r.requested_by", "=", actor.accountId)
    .where("r.organisation_id", "=", actor.organisationId)
    .where("r.decision", "=", "approved")
    .where("r.expires_at", ">", now)
    .orderBy("r.expires_at", "desc")
    .executeTakeFirst();
  return row ? { requestId: row.id, caseId: row.case_id, organisationId: row.organisation_id } : undefined;
}
