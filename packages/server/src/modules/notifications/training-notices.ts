// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { Database } from "../../infra/db/schema";
import { noticeStaffEvent } from "./bell";

/**
 * A training is due for a staff member (ADR 0048): set up for them, or its
 * refresh period ended. One entry in their bell, a push and an e-mail as
 * their rules say — the kind only ("Eine Schulung ist für Sie fällig"),
 * never the training's title. Called inside the transaction that claims the
 * reminder (modules/dpo/trainings.ts), so it is sent once per due period.
 */
export async function noticeTrainingDue(
  db: Kysely<Database>,
  now: number,
  r: { organisationId: string; trainingId: string; accountId: string; dueSince: string },
): Promise<string[]> {
  return noticeStaffEvent(db, now, {
    eventId: `training:${r.trainingId}:${r.accountId}:${r.dueSince}`,
    kind: "training_due",
    organisationId: r.organisationId,
    caseId: null,
    recipients: [r.accountId],
  });
}
