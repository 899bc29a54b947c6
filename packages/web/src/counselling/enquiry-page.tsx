// SPDX-License-Identifier: AGPL-3.0-or-later
import { api } from "../api/client";
import { publishedDocuments } from "../compliance/endpoints";
import { useLoad } from "../api/use-action";
import { Page } from "../components/page";
import { useFlowAddressForm } from "../account/client-address-form";
import { useOrganisationExitTarget } from "../components/organisation-exit-target";
import { AddressFormContext, useT as useBaseT } from "../i18n/use-t";
import { useTFor } from "./use-t-for";
import { useSession } from "../keys/use-session";
import { getAgency } from "../messaging/endpoints";
import { Link } from "../router/router";
import { EnquiryForm } from "./enquiry-form";
import { EnquiryPrivacy } from "./enquiry-privacy";
import { idParam, useQueryParams } from "./query";
import { documentsToShow } from "./shown-documents";

/**
 * The first enquiry. Without a session: the privacy notice and the
 * communication guidelines must be confirmed, then sign-up (anonymous:
 * pseudonym and password) or login, which both come back here. With a
 * session: the client writes the first message, which is encrypted for the
 * agency's intake team and sent; the case page then shows the greeting.
 */
export function EnquiryPage() {
  const session = useSession();
  const params = useQueryParams();
  const agencyId = idParam(params, "agency");
  const counsellorId = idParam(params, "counsellor");
  const wantedTopic = idParam(params, "topic");
  const load = useLoad(
    async (signal) => {
      if (!agencyId) return null;
      const answer = await api.request(getAgency, { params: { agencyId }, query: {}, signal });
      return {
        agency: answer.agency,
        topic: answer.topics.find((item) => item.id === wantedTopic) ?? answer.topics[0] ?? null,
      };
    },
    [agencyId, wantedTopic],
  );
  const agency = load.kind === "ready" ? (load.value?.agency ?? null) : null;
  const topic = load.kind === "ready" ? (load.value?.topic ?? null) : null;
  const { t } = useTFor(topic?.addressForm);
  const { i18n } = useBaseT();
  const orgId = agency?.organisationId ?? null;
  useOrganisationExitTarget(orgId);
  useFlowAddressForm(topic?.addressForm);
  // The organisation's published notice and rules, shown in the flow (issue #15, item 8).
  const docs = useLoad(
    async (signal) => (orgId ? (await api.request(publishedDocuments, { params: { orgId }, signal })).documents : null),
    [orgId],
  );
  const shown = docs.kind === "ready" && docs.value ? documentsToShow(docs.value, i18n.language) : null;
  const missing = agencyId === null || load.kind === "failed" || docs.kind === "failed";

  if (missing) {
    return (
      <Page title={t("enquiry.title")}>
        <p className="notice">{t("enquiry.missing")}</p>
        <p>
          <Link to="/" className="button button--primary">
            {t("agency.toFinder")}
          </Link>
        </p>
      </Page>
    );
  }
  if (!agency || !topic || !shown) {
    return (
      <Page title={t("enquiry.title")}>
        <p role="status">{t("common.loading")}</p>
      </Page>
    );
  }

  return (
    <AddressFormContext.Provider value={topic.addressForm}>
      <Page title={t("enquiry.title")} lead={t("enquiry.lead")}>
        <p>
          <strong>{t("enquiry.to", { agency: agency.name })}</strong> – {topic.name}
        </p>
        {!session ? (
          <EnquiryPrivacy documents={shown} organisationName={agency.organisationName} />
        ) : (
          <EnquiryForm
            session={session}
            agency={agency}
            topic={topic}
            counsellorId={counsellorId}
            documents={shown}
            seen={params.get("seen") ?? ""}
            reloadDocuments={() => void docs.reload().catch(() => {})}
          />
        )}
      </Page>
    </AddressFormContext.Provider>
  );
}
