// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useMemo, useRef, useState } from "react";
import { useLoad } from "../api/use-action";
import { myRestrictions } from "../dsr/endpoints";
import type { ConversationTrust } from "../messaging/epochs";
import { getCase } from "../messaging/endpoints";
import type { MessagingSession } from "../messaging/session";
import { clientCaseTrust, followingTrust } from "../messaging/trust";
import { clientCaseRotator, type EpochRotator } from "../messaging/epoch-rotation";

/**
 * The client's case with its timeline, reloaded on the case's live events;
 * the trust to check its conversation with (from the organisation's verified
 * log, loaded again when an unknown key turns up); the rotator that makes an
 * owed epoch of the client's own case conversation (ADR 0029: the client may,
 * so their message need not wait for staff); and the client's restrictions of
 * processing.
 */
export function useClientCase(messaging: MessagingSession, caseId: string) {
  const [trust, setTrust] = useState<ConversationTrust | null>(null);
  const view = useLoad(
    async (signal) => {
      const answer = await messaging.api.request(getCase, { params: { caseId }, signal });
      // `trust` is only read to skip a second verification.
      if (!messaging.orgLogs.peek(answer.case.organisationId) || !trust) {
        const orgId = answer.case.organisationId;
        const orgLog = await messaging.orgLogs.load(orgId);
        if (signal.aborted) return answer;
        const self = { accountId: messaging.account.id, signingKey: messaging.keys.signing.publicKey };
        // Follows the log: a counsellor certified while this page is open is trusted once the log shows it.
        setTrust(
          (current) =>
            current ??
            followingTrust({
              orgLog,
              load: () => messaging.orgLogs.load(orgId),
              build: (state) => clientCaseTrust({ orgLog: state, self }),
            }),
        );
      }
      return answer;
    },
    [messaging, caseId],
  );
  // A restriction of processing (Art. 18 GDPR) on this case or on all of the client's cases with the organisation.
  // Without the answer the page works as before; "My data" lists restrictions too.
  const mine = useLoad(() => messaging.api.request(myRestrictions), [messaging]);
  const restrictions = mine.kind === "ready" ? mine.value.restrictions : [];

  const loaded = view.kind === "ready" ? view.value.case : null;
  // Read when rotating: a handover changes the team the new key is wrapped to.
  const teamId = useRef("");
  teamId.current = loaded?.teamId ?? "";
  const conversationId = loaded?.conversationId ?? null;
  const organisationId = loaded?.organisationId ?? null;
  const rotator = useMemo<EpochRotator | null>(
    () =>
      conversationId && organisationId
        ? clientCaseRotator({
            api: messaging.api,
            orgLogs: messaging.orgLogs,
            organisationId,
            conversationId,
            teamId: () => teamId.current,
            self: { accountId: messaging.account.id, keys: messaging.keys },
          })
        : null,
    [messaging, conversationId, organisationId],
  );

  const { reload } = view;
  useEffect(
    () =>
      messaging.realtime.onCase((frame) => {
        // A colleague accepted, handed over or closed the case: read the new state and timeline.
        if (frame.caseId === caseId) reload().catch(() => {});
      }),
    [messaging, caseId, reload],
  );

  return { view, trust, rotator, restrictions };
}
