// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OrgLogEntryView } from "@obhut/protocol";

export function presentOrgLogEntry(row: { seq: number; hash: string; entry: string }): OrgLogEntryView {
  return { seq: Number(row.seq), hash: row.hash, entry: row.entry };
}
