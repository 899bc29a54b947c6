// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type EpochRecord,
  type OrgLogState,
  constantTimeEqual,
  formerStaffKeyDuring,
  toBase64Url,
} from "@obhut/crypto";
import type { ConversationTrust } from "./epochs";

/**
 * A key that is no longer certified (offboarding, or an access reset that
 * replaced it) keeps what it signed while it was (ADR 0031): the account of a
 * former staff key if `record` — the epoch record it signed, or the epoch a
 * message of it is sealed under — names a team key generation that was current
 * while the key was certified, per the verified log. A record naming a
 * generation published after the revocation cannot be that person's: null.
 */
export function formerStaffAccount(orgLog: OrgLogState) {
  return (signingKey: Uint8Array, record: EpochRecord): string | null =>
    formerStaffKeyDuring(orgLog, signingKey, record.teamId, record.teamKeyGeneration)?.accountId ?? null;
}

/**
 * Whether an account is or was staff by the verified log: a former counsellor's key is never taken for a former
 * client's on the server's word (vouching.ts); it counts only under `formerStaffAccount`'s bound.
 */
export function staffAccountOf(orgLog: OrgLogState) {
  return (accountId: string): boolean =>
    [...orgLog.staff.values(), ...orgLog.formerStaff.values()].some((k) => k.accountId === accountId);
}

/**
 * The client's view of a case conversation: it trusts its own key and every
 * staff key certified in the verified organisation log — never a key the
 * server merely names. Epoch 1 is signed by the client itself; later epochs
 * (team key rotation) by certified staff. In a case re-bound to this
 * account, epoch 1 was signed by the client's former key: the keyring
 * accepts it because a later staff-signed record chains to it
 * (messaging/vouching.ts). Keys of former staff count for what they signed
 * while certified (`formerStaffAccount`).
 */
export function clientCaseTrust(props: {
  orgLog: OrgLogState;
  self: { accountId: string; signingKey: Uint8Array };
}): ConversationTrust {
  const { orgLog, self } = props;
  const staffAccount = (key: Uint8Array): string | null => orgLog.staff.get(toBase64Url(key))?.accountId ?? null;
  return {
    isEpochSigner: (key) => constantTimeEqual(key, self.signingKey) || staffAccount(key) !== null,
    senderAccountId: (key) => (constantTimeEqual(key, self.signingKey) ? self.accountId : staffAccount(key)),
    isStaffAccount: staffAccountOf(orgLog),
    formerStaffAccount: formerStaffAccount(orgLog),
  };
}

/**
 * A conversation's trust that follows the organisation's log while the page is open: built from the log verified
 * at load, and built again when a key it does not know turns up and a fresh load (`OrgLogCache.load` is
 * incremental: only the entries after the verified head, the whole chain checked again) shows the log moved on —
 * a colleague an administrator certified after the page opened. Fail closed: only a key in the verified log is
 * ever trusted; each unknown key causes at most one load (keys that turn up together share it), a failed load
 * changes nothing.
 */
export function followingTrust(props: {
  orgLog: OrgLogState;
  load: () => Promise<OrgLogState>;
  build: (orgLog: OrgLogState) => ConversationTrust;
}): ConversationTrust {
  let head = props.orgLog.head.seq;
  let trust = props.build(props.orgLog);
  const asked = new Set<string>();
  let loading: Promise<boolean> | null = null;
  let version = 0;
  const reload = async (): Promise<boolean> => {
    try {
      const state = await props.load();
      if (state.head.seq <= head) return false;
      head = state.head.seq;
      trust = props.build(state);
      version += 1;
      return true;
    } catch {
      return false;
    } finally {
      loading = null;
    }
  };
  return {
    isEpochSigner: (key, record) => trust.isEpochSigner(key, record),
    senderAccountId: (key) => trust.senderAccountId(key),
    isStaffAccount: (accountId) => trust.isStaffAccount?.(accountId) ?? true,
    formerStaffAccount: (key, record) => trust.formerStaffAccount?.(key, record) ?? null,
    learn: (key) => {
      const id = toBase64Url(key);
      // Asked before: wait for that load if it still runs (the same key in one batch of frames), else no news.
      if (asked.has(id)) return loading ?? Promise.resolve(false);
      asked.add(id);
      loading ??= reload();
      return loading;
    },
    version: () => version,
  };
}
