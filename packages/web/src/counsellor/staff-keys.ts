// SPDX-License-Identifier: AGPL-3.0-or-later
import { fromBase64Url } from "@obhut/crypto";
import type { CaseView } from "@obhut/protocol";
import { listEpochs, type MessagingSession } from "../messaging";
import { type CaseKeyContext, StaffKeyring } from "../messaging/team-keys";
import { caseClientKeys, caseTeamWraps, keyWraps } from "./endpoints";

/**
 * One `StaffKeyring` per messaging session (that is, per login): it holds
 * unwrapped team keys and must go when the session goes. The org log comes
 * from the session's `OrgLogCache`, which verifies the chain and refuses a
 * rollback for the rest of the session.
 */
const rings = new WeakMap<MessagingSession, StaffKeyring>();

export function staffKeyringFor(messaging: MessagingSession): StaffKeyring {
  let ring = rings.get(messaging);
  if (ring) return ring;
  const { api, account } = messaging;
  const orgId = account.organisationId;
  ring = new StaffKeyring(
    { accountId: account.id, keys: messaging.keys },
    {
      orgState: () => {
        if (!orgId) return Promise.reject(new Error("staff account without organisation"));
        return messaging.orgLogs.load(orgId);
      },
      keyWraps: async () => (await api.request(keyWraps, { query: {} })).wraps,
      caseTeamWraps: async (caseId) => (await api.request(caseTeamWraps, { params: { caseId } })).wraps,
      epochs: (conversationId) => api.request(listEpochs, { params: { id: conversationId } }),
      // Clients belong to no organisation, so the organisation's key directory never lists them (it
      // answered 404 on every case opened). Null is the documented answer: the client's key is pinned
      // from the signer of the case's first epoch record, or from a staff-vouched re-binding.
      clientSigningKey: () => Promise.resolve(null),
      caseClientKeys: async (caseId) => {
        const keys = await api.request(caseClientKeys, { params: { caseId } });
        return {
          signingKey: fromBase64Url(keys.signingPublicKey),
          encryptionKey: fromBase64Url(keys.encryptionPublicKey),
        };
      },
    },
  );
  rings.set(messaging, ring);
  return ring;
}

export function caseKeyContext(c: CaseView): CaseKeyContext {
  return {
    caseId: c.id,
    teamId: c.teamId,
    clientId: c.clientId,
    conversationId: c.conversationId,
    notesConversationId: c.notesConversationId,
  };
}
