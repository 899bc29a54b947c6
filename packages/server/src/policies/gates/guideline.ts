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
