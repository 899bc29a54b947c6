// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AccountView } from "@obhut/protocol";

/** The only fields of an account that ever leave the server. */
export function presentAccount(row: {
  id: string;
  username: string;
  kind: "client" | "staff";
  role: string;
  organisation_id: string | null;
}): AccountView {
  return { id: row.id, username: row.username, kind: row.kind, role: row.role, organisationId: row.organisation_id };
}
