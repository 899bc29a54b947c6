// SPDX-License-Identifier: AGPL-3.0-or-later
import { type OrgLogState, constantTimeEqual, toBase64Url } from "@obhut/crypto";
import type { ConversationTrust } from "./epochs";

/**
 * The client's view of a case conversation: it trusts its own key and every
 * staff key certified in the verified organisation log — never a key the
 * server merely names. Epoch 1 is signed by the client itself; later epochs
 * (team key rotation) by certified staff.
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
  };
}
