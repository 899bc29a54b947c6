// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { defineRoute } from "../route";
import { OrganisationIdParams } from "./admin";

/**
 * What needs an administrator's attention that only the server knows (issue #16, the console overview): counts
 * only — no titles, names or subjects — so the overview says "two drafts wait for approval" and links to where
 * they are handled. The rest of the overview (invitations, second factors, keys) comes from what the console
 * loads anyway (web admin/attention.ts).
 */
export const AttentionCountsView = z
  .object({
    /** Drafts of the privacy notice or the communication guideline that no second person has approved yet. */
    documentsAwaitingApproval: z.number().int().min(0),
    /** Data-subject requests still open (or extended) after their due date. */
    overdueDataSubjectRequests: z.number().int().min(0),
    /**
     * Background jobs of this installation that failed in the last `failedJobsDays` days (scheduled runs that
     * ended in an error, and queued jobs given up after their last attempt) — an operator's matter; counted only.
     */
    failedJobs: z.number().int().min(0),
    failedJobsDays: z.number().int().min(1),
    /** Active processors whose review date has passed (Art. 28, ADR 0049). */
    processorReviewsDue: z.number().int().min(0),
  })
  .strict()
  .meta({ id: "AttentionCounts" });
export type AttentionCountsView = z.infer<typeof AttentionCountsView>;

export const GetAttentionCounts = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/attention",
  summary:
    "Administrators: how many documents wait for approval, data-subject requests are overdue and background jobs failed (counts only)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: AttentionCountsView },
});
