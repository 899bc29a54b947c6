// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AttentionCountsView } from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { countFailedJobs } from "../../infra/jobs";
import { authorize } from "../../policies";
import { countDraftsAwaitingApproval, processorReviewsDue } from "../compliance";
import { countOverdueDsrRequests } from "../dsr";

/** How far back failed background jobs are counted. */
export const FAILED_JOBS_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What needs the administrator's attention that only the server knows (issue #16, the console overview): counts,
 * each read where its domain keeps it — document drafts (compliance), overdue data-subject requests (dsr), failed
 * background jobs (infra/jobs; the installation's), processors whose review is due (compliance, ADR 0049). Administrators only (`organisation.attention.read`).
 */
export async function attentionCounts(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<AttentionCountsView> {
  authorize(props.actor, "organisation.attention.read", { type: "organisation", organisationId: props.orgId });
  const db = ctx.db.db;
  const now = ctx.clock.now();
  const [documentsAwaitingApproval, overdueDataSubjectRequests, failedJobs, processorReviews] = await Promise.all([
    countDraftsAwaitingApproval(db, props.orgId),
    countOverdueDsrRequests(db, props.orgId, now),
    countFailedJobs(db, now - FAILED_JOBS_DAYS * DAY_MS),
    processorReviewsDue(ctx, props.orgId),
  ]);
  return {
    documentsAwaitingApproval,
    overdueDataSubjectRequests,
    failedJobs,
    failedJobsDays: FAILED_JOBS_DAYS,
    processorReviewsDue: processorReviews,
  };
}
