// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SessionView } from "@obhut/protocol";

/** The only fields of a session that leave the server: times, never the token hash. */
export function presentSession(row: {
  id: string;
  created_at: number;
  last_seen_at: number;
  mfa_pending: number;
  expiresAt: number;
  current: boolean;
}): SessionView {
  return {
    id: row.id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expiresAt,
    current: row.current,
    mfaPending: row.mfa_pending === 1,
  };
}
