// SPDX-License-Identifier: AGPL-3.0-or-later
import { toBase64Url } from "@obhut/crypto";
import type { OrgLogEntryView } from "@obhut/protocol";

export function presentOrgLogEntry(row: { seq: number; hash: string; entry: string }): OrgLogEntryView {
  return { seq: Number(row.seq), hash: row.hash, entry: row.entry };
}

/** Only the public key: no archive key, no timestamp of the set-up. */
export function presentOrgRootKey(rootSigningKey: Uint8Array): { rootSigningKey: string } {
  return { rootSigningKey: toBase64Url(rootSigningKey) };
}
