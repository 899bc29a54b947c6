// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ArchiveAccessView } from "@obhut/protocol";
import type { ArchiveAccessListRow } from "./store";

/** The fields that leave the server; the conversation id only for the requester while their access runs. */
export function presentArchiveAccess(r: ArchiveAccessListRow, viewerId: string, now: number): ArchiveAccessView {
  const expiresAt = r.expires_at === null ? null : Number(r.expires_at);
  const state =
    r.decision === null
      ? "pending"
      : r.decision === "refused"
        ? "refused"
        : expiresAt !== null && expiresAt > now
          ? "approved"
          : "expired";
  return {
    id: r.id,
    caseId: r.case_id,
    teamId: r.team_id,
    teamName: r.team_name,
    requestedBy: r.requested_by,
    requesterName: r.requester_name,
    reason: r.reason,
    requestedAt: Number(r.requested_at),
    state,
    decidedBy: r.decided_by,
    deciderName: r.decider_name,
    decidedAt: r.decided_at === null ? null : Number(r.decided_at),
    expiresAt,
    conversationId: state === "approved" && r.requested_by === viewerId ? r.conversation_id : null,
  };
}
