// SPDX-License-Identifier: AGPL-3.0-or-later
import type { InvitationView, StaffRole } from "@obhut/protocol";

/** Never the token hash: it would let anyone with database read access check guessed links offline. */
export function presentInvitation(
  row: {
    id: string;
    organisation_id: string;
    role: string;
    team_id: string | null;
    created_by: string | null;
    created_at: number;
    expires_at: number;
    used_at: number | null;
    revoked_at: number | null;
  },
  now: number,
): InvitationView {
  const status =
    row.used_at !== null ? "used" : row.revoked_at !== null ? "revoked" : row.expires_at <= now ? "expired" : "pending";
  return {
    id: row.id,
    organisationId: row.organisation_id,
    role: row.role as StaffRole,
    teamId: row.team_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    status,
  };
}
