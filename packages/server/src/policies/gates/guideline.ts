// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import type { Database } from "../../infra/db/schema";
import type { PolicyActor } from "../authorize";

type Db = Kysely<Database> | Transaction<Database>;
export type GuidelineActor = Pick<PolicyActor, "accountId" | "kind" | "organisationId">;

/**
 * Whether a staff member has confirmed one of the organisation's current
 * guideline versions (true when none is published). One indexed query, as
 * it runs on every staff send.
 */
export async function hasConfirmedGuideline(db: Db, actor: GuidelineActor): Promise<boolean> {
  if (actor.kind !== "staff" || actor.organisationId === null) return true;
  const rows = await db
    .selectFrom("org_documents as d")
    .leftJoin("document_acceptances as a", (join) =>
      join.onRef("a.document_id", "=", "d.id").on("a.account_id", "=", actor.accountId),
    )
    .select(["d.id", "a.id as acceptanceId"])
    .where("d.organisation_id", "=", actor.organisationId)
    .where("d.kind", "=", "communication_guideline")
    .where("d.state", "=", "published")
    .limit(50)
    .execute();
  return rows.length === 0 || rows.some((r) => r.acceptanceId !== null);
}

/**
 * THE check before case work (accepting, answering, handing over a case):
 * staff who have not confirmed the organisation's current communication
 * guideline get `guideline_not_confirmed`. A confirmation of any current
 * language version counts. As long as no guideline is published the check
 * passes (the guideline report shows that nothing is published). Clients
 * are never blocked by it. Called by the cases service (accept, assign,
 * hand over); every staff send passes it in the send gate (send.ts).
 */
export async function requireGuidelineConfirmed(
  ctx: Pick<AppContext, "db">,
  actor: GuidelineActor,
  db: Db = ctx.db.db,
): Promise<void> {
  if (!(await hasConfirmedGuideline(db, actor))) throw guidelineNotConfirmed();
}

export function guidelineNotConfirmed(): AppError {
  return new AppError(
    "guideline_not_confirmed",
    "Please read and confirm your organisation's current communication guideline first",
  );
}

/**
 * `hasConfirmedGuideline` for a whole send batch in two queries (the send
 * gate runs inside the write transaction, so one query per sender would hold
 * it longer): the ids of the staff senders who have not confirmed a current
 * guideline of their organisation.
 */
export async function unconfirmedGuideline(db: Db, actors: readonly GuidelineActor[]): Promise<Set<string>> {
  const staff = actors.filter((a) => a.kind === "staff" && a.organisationId !== null);
  const orgIds = [...new Set(staff.map((a) => a.organisationId!))];
  if (orgIds.length === 0) return new Set();
  const published = await db
    .selectFrom("org_documents")
    .select(["id", "organisation_id"])
    .where("organisation_id", "in", orgIds)
    .where("kind", "=", "communication_guideline")
    .where("state", "=", "published")
    .execute();
  if (published.length === 0) return new Set();
  const guidedOrgs = new Set(published.map((d) => d.organisation_id));
  const bound = staff.filter((a) => guidedOrgs.has(a.organisationId!));
  const accepted = await db
    .selectFrom("document_acceptances")
    .select("account_id")
    .where(
      "document_id",
      "in",
      published.map((d) => d.id),
    )
    .where("account_id", "in", [...new Set(bound.map((a) => a.accountId))])
    .execute();
  const confirmed = new Set(accepted.map((a) => a.account_id));
  return new Set(bound.filter((a) => !confirmed.has(a.accountId)).map((a) => a.accountId));
}
