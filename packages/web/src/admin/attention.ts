// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AttentionCountsView, InvitationView, StaffAccountView } from "@obhut/protocol";

/**
 * What needs an administrator's attention, from what the console already
 * loads (accounts, invitations, the verified org log) and the counts only the
 * server knows (`GetAttentionCounts`: drafts awaiting approval, overdue
 * data-subject requests, failed background jobs) — issue #16, "the admin's
 * landing page … with what needs attention". Each item names where it is
 * resolved. Most urgent first: keys before people before paperwork.
 */
export type AttentionKind =
  | "keysOwed"
  | "oneAdmin"
  | "adminUnconfirmed"
  | "noSecondFactor"
  | "noTeam"
  | "noDisplayName"
  | "pendingInvitations"
  | "overdueDsr"
  | "documentsAwaitingApproval"
  | "processorReviewsDue"
  | "failedJobs";

export interface AttentionItem {
  kind: AttentionKind;
  count: number;
  /** The page where it is resolved; null: none in the web app (failed jobs are the operator's, in the logs). */
  to: "/admin/users" | "/admin/teams" | "/admin/processors" | "/staff/dsr" | "/staff/documents" | null;
  /** Failed jobs: over how many days they are counted. */
  days?: number;
}

export interface AttentionInput {
  accounts: readonly StaffAccountView[];
  invitations: readonly InvitationView[];
  /** From the verified org log: the confirmed administrators' accounts, and what is owed. */
  log: { admins: ReadonlySet<string>; rootRotationOwed: boolean; archiveRotationOwed: boolean };
  /** The server's counts; null when they could not be loaded (the rest is still shown). */
  server: AttentionCountsView | null;
  now: number;
}

export function attentionItems(input: AttentionInput): AttentionItem[] {
  const active = input.accounts.filter((a) => a.disabledAt === null);
  const items: AttentionItem[] = [];
  const add = (kind: AttentionKind, count: number, to: AttentionItem["to"] = "/admin/users") => {
    if (count > 0) items.push({ kind, count, to });
  };
  add("keysOwed", input.log.rootRotationOwed || input.log.archiveRotationOwed ? 1 : 0);
  add("oneAdmin", input.log.admins.size === 1 ? 1 : 0);
  // Invited as administrators, but no confirmed administrator has certified their keys yet (ADR 0026).
  add("adminUnconfirmed", active.filter((a) => a.role === "org_admin" && !input.log.admins.has(a.id)).length);
  add("noSecondFactor", active.filter((a) => !a.secondFactor.totp && a.secondFactor.passkeys === 0).length);
  // DPOs and admins need no team; counsellors without one see no cases.
  add("noTeam", active.filter((a) => a.role === "counsellor" && a.teams.length === 0).length, "/admin/teams");
  add("noDisplayName", active.filter((a) => a.displayName === null).length);
  add("pendingInvitations", input.invitations.filter((i) => i.status === "pending" && i.expiresAt > input.now).length);
  const server = input.server;
  if (server) {
    // A deadline of the law before the four eyes on a draft; failed jobs last: no one here can mend them.
    add("overdueDsr", server.overdueDataSubjectRequests, "/staff/dsr");
    add("documentsAwaitingApproval", server.documentsAwaitingApproval, "/staff/documents");
    add("processorReviewsDue", server.processorReviewsDue, "/admin/processors");
    if (server.failedJobs > 0)
      items.push({ kind: "failedJobs", count: server.failedJobs, to: null, days: server.failedJobsDays });
  }
  return items;
}
