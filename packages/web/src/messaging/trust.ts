// SPDX-License-Identifier: AGPL-3.0-or-later
import { type OrgLogState, constantTimeEqual, toBase64Url } from "@obhut/crypto";
import type { ConversationTrust } from "./epochs";

/**
 * The client's view of a case conversation: it trusts its own key and every
 * staff key certified in the verified organisation log — never a key the
 * server merely names. Epoch 1 is signed by the client itself; later epochs
 * (team key rotation) by certified staff. In a case re-bound to this
 * account, epoch 1 was signed by the client's former key: the keyring
 * accepts it because a later staff-signed record chains to it
 * (messaging/vouching.ts).
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
    isStaffAccount: (accountId) => [...orgLog.staff.values()].some((k) => k.accountId === accountId),
  };
}
