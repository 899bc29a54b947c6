// SPDX-License-Identifier: AGPL-3.0-or-later
import { useMemo, useRef } from "react";
import { useClientAddressForm } from "../account/client-address-form";
import { useOrganisationExitTarget } from "../components/organisation-exit-target";
import { Page } from "../components/page";
import { AddressFormContext, useT } from "../i18n/use-t";
import { useTFor } from "./use-t-for";
import { useSession } from "../keys/use-session";
import { type MessagingSession, messagingFor } from "../messaging/session";
import { useConversation } from "../messaging/use-conversation";
import { useMarkRead } from "../messaging/use-mark-read";
import { usePresence } from "../messaging/use-presence";
import { Link } from "../router/router";
import { CaseAppointments } from "../appointments/case-appointments";
import { Composer } from "./case-composer";
import { CaseStatus } from "./case-status";
import { CaseHistory } from "./case-history";
import { UNREAD_MARKER_ID } from "./case-timeline";
import { idParam, useQueryParams } from "./query";
import { useClientCase } from "./use-client-case";
import { useEnquiryFiles } from "./use-enquiry-files";
import { useFollowNewest } from "./use-follow-newest";

/**
 * The client's conversation with the agency (lazy-loaded: it brings the
 * messaging library). History comes over HTTP and is decrypted here with
 * the epoch keys unwrapped from the client's own wraps; new messages arrive
 * over the WebSocket; case events (greeting, accepted, handed over, closed)
 * are interleaved by time.
 */
export default function CasePage() {
  const { t } = useT();
  const session = useSession();
  const params = useQueryParams();
  const caseId = idParam(params, "id");
  const here = `${window.location.pathname}${window.location.search}`;

  if (!session) {
    return (
      <Page title={t("clientCase.title")}>
        <p className="notice">{t("clientCase.loggedOut")}</p>
        <p>
          <Link to={`/login?next=${encodeURIComponent(here)}`} className="button button--primary">
            {t("cases.login")}
          </Link>
        </p>
      </Page>
    );
  }
  if (!caseId) {
    return (
      <Page title={t("clientCase.title")}>
        <p className="notice notice--error">{t("clientCase.loadFailed")}</p>
      </Page>
    );
  }
  return <CaseConversation messaging={messagingFor(session)} caseId={caseId} />;
}

function CaseConversation({ messaging, caseId }: { messaging: MessagingSession; caseId: string }) {
  const { view, trust, rotator, restrictions } = useClientCase(messaging, caseId);
  const loaded = view.kind === "ready" ? view.value : null;
  // The client's own choice wins over the agency's for this topic (issue #15, item 7).
  const chosenForm = useClientAddressForm()?.chosen ?? null;
  const form = chosenForm ?? loaded?.case.addressForm;
  const { t } = useTFor(form);
  useOrganisationExitTarget(loaded?.case.organisationId);

  // Both arrive with the case (the verified log, then the case's ids): the store is made once.
  const setup = useMemo(() => (trust && rotator ? { trust, rotator } : null), [trust, rotator]);
  const conversation = useConversation(messaging, loaded?.case.conversationId ?? null, setup);
  const { snapshot } = conversation;
  // Sent by the server only when the organisation shares presence with clients (off by default).
  const presence = usePresence(messaging.realtime);
  const enquiryRefusal = useEnquiryFiles(caseId, conversation);
  const endRef = useRef<HTMLDivElement>(null);
  // With unread messages the conversation opens at "Neue Nachrichten", else at the newest message.
  useFollowNewest(endRef, snapshot.status === "ready", snapshot.messages.length + snapshot.outbox.length, () =>
    document.getElementById(UNREAD_MARKER_ID),
  );
  useMarkRead(conversation);

  if (view.kind === "failed" || snapshot.status === "error") {
    // The organisation's log does not start with the root this client pinned: no conversation, no composer.
    const changed = view.kind === "failed" && view.error === "org_changed";
    return (
      <Page title={t("clientCase.title")}>
        <p className="notice notice--error" role="alert">
          {changed ? t("orgFingerprint.changed") : t("clientCase.loadFailed")}
        </p>
        <p>
          <Link to="/cases">{t("clientCase.back")}</Link>
        </p>
      </Page>
    );
  }
  if (!loaded) {
    return (
      <Page title={t("clientCase.title")}>
        <p role="status">{t("common.loading")}</p>
      </Page>
    );
  }

  const item = loaded.case;
  const restriction = restrictions.find(
    (r) => r.organisationId === item.organisationId && (r.caseId === null || r.caseId === item.id),
  );
  const names = new Map<string, string>();
  for (const event of loaded.events) {
    if (event.actorId && event.actorName) names.set(event.actorId, event.actorName);
    if (event.assigneeId && event.assigneeName) names.set(event.assigneeId, event.assigneeName);
  }
  if (item.assigneeId && item.assigneeName) names.set(item.assigneeId, item.assigneeName);
  // The server sends staff without a display name unnamed (never by login name); they are "your counsellor".
  const assigneeName = item.assigneeName ?? t("clientCase.unnamedCounsellor");

  return (
    <AddressFormContext.Provider value={form ?? item.addressForm}>
      <Page title={t("clientCase.with", { agency: item.agencyName })}>
        <p>
          <Link to="/cases">{t("clientCase.back")}</Link>
        </p>
        <CaseStatus
          item={item}
          assigneeName={assigneeName}
          online={item.assigneeId !== null && presence.get(item.assigneeId) === "online"}
          restriction={restriction}
          live={snapshot.live}
        />
        {item.state === "new" || item.state === "active" ? (
          <CaseAppointments
            api={messaging.api}
            caseId={caseId}
            bookLink={`/case/appointment?id=${encodeURIComponent(caseId)}`}
          />
        ) : null}
        <CaseHistory events={loaded.events} names={names} conversation={conversation} />
        {enquiryRefusal ? (
          <p className="notice notice--error" role="alert">
            {enquiryRefusal}
          </p>
        ) : null}
        {item.state !== "archived" ? (
          <Composer
            send={conversation.send}
            attachments={conversation.attachments}
            ready={snapshot.status === "ready"}
            draftKey={`${messaging.account.id}/${caseId}`}
          />
        ) : null}
        <div ref={endRef} />
      </Page>
    </AddressFormContext.Provider>
  );
}
