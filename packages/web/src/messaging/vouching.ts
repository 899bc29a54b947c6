// SPDX-License-Identifier: AGPL-3.0-or-later
import { type EpochRecord, constantTimeEqual, epochRecordHash, toBase64Url, verifyEpochRecord } from "@obhut/crypto";

/**
 * Case re-binding (docs/CRYPTO.md, "Case re-binding"): epoch 1 of a case is
 * signed by the key of the client who opened it. When a counsellor re-binds
 * the case to the client's new account, that old key is no longer anyone's
 * current key, yet the new client (and staff) must still accept epoch 1 and
 * the old account's messages.
 *
 * Rule: an epoch record whose signer is not trusted directly is accepted if a
 * later record that *is* signed by a directly trusted key (a certified staff
 * key; for a client also its own key) commits to it through the unbroken
 * `prevEpochHash` chain. Signing record n, the counsellor vouches for records
 * 1..n-1 byte for byte — the server can neither add a signer nor swap a
 * record, because every record is pinned by hash. The signers of vouched
 * records are the case's former participants; their messages are attributed
 * to the account the server names for the vouched epoch (`createdBy`), never
 * to an account of certified staff.
 */
export function vouchedRecords(
  records: readonly EpochRecord[],
  isTrusted: (signingKey: Uint8Array, record: EpochRecord) => boolean,
): Set<number> {
  const sorted = [...records].sort((a, b) => a.epoch - b.epoch);
  const vouched = new Set<number>();
  // The newest directly trusted record whose signature holds anchors the chain below it.
  let anchor = -1;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const r = sorted[i]!;
    if (!isTrusted(r.signerKeyId, r)) continue;
    try {
      verifyEpochRecord(r, (k) => isTrusted(k, r));
    } catch {
      continue;
    }
    anchor = i;
    break;
  }
  for (let i = anchor - 1; i >= 0; i--) {
    const r = sorted[i]!;
    const next = sorted[i + 1]!;
    if (r.epoch !== next.epoch - 1 || !constantTimeEqual(epochRecordHash(r), next.prevEpochHash)) break;
    vouched.add(r.epoch);
  }
  return vouched;
}

/**
 * Signing keys of vouched records that are not directly trusted, mapped to
 * the account that published the record; staff accounts are never taken from
 * the server's word, so a former client's message cannot pose as a counsellor's.
 */
export function formerSigners(
  records: readonly { record: EpochRecord; createdBy: string }[],
  vouched: ReadonlySet<number>,
  isTrusted: (signingKey: Uint8Array, record: EpochRecord) => boolean,
  isStaffAccount: (accountId: string) => boolean,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const { record, createdBy } of records) {
    if (!vouched.has(record.epoch) || isTrusted(record.signerKeyId, record) || isStaffAccount(createdBy)) continue;
    out.set(toBase64Url(record.signerKeyId), createdBy);
  }
  return out;
}
