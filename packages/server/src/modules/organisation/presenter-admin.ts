// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffAccountView } from "@obhut/protocol";
import { staffNameForClients } from "../../core/names";

/** What an admin sees of a staff member: no key material, no sessions, no addresses. */
export function presentStaffAccount(
  row: {
    id: string;
    username: string;
    display_name?: string | null | undefined;
    role: string;
    created_at: number;
    disabled_at: number | null;
  },
  extra: { teams: { team_id: string; role: "member" | "lead" }[]; totp: boolean; passkeys: number },
): StaffAccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: staffNameForClients(row),
    role: row.role,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    teams: extra.teams.map((t) => ({ teamId: t.team_id, role: t.role })),
    secondFactor: { totp: extra.totp, passkeys: extra.passkeys },
  };
}
