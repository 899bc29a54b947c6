// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgencyView, TopicView } from "@obhut/protocol";
import { Suspense, lazy, useState } from "react";
import { api } from "../api/client";
import { useLoad } from "../api/use-action";
import { Page, Section } from "../components/page";
import { useFlowAddressForm } from "../account/client-address-form";
import { useOrganisationExitTarget } from "../components/organisation-exit-target";
import { AddressFormContext } from "../i18n/use-t";
import { useTFor } from "./use-t-for";
import { Link } from "../router/router";
import { getAgency } from "../messaging/endpoints";
import { AgencyFacts } from "./agency-facts";
import { OrgFingerprint, useOrgIdentity } from "./org-fingerprint";
import { enquiryPath, idParam, useQueryParams } from "./query";

const QrCode = lazy(() => import("./qr-code"));

type Loaded = {
  agency: AgencyView;
  topics: TopicView[];
  /** displayName null: a counsellor without a display name (clients never see login names). */
  counsellor: { id: string; displayName: string | null } | null;
};

/**
 * One agency, reached from the finder or through a deep link / QR code
 * (`/agency?id=…&counsellor=…&topic=…`). Continues to the enquiry with the
 * agency, topic and preferred counsellor preselected. Shows the
 * organisation's fingerprint to compare with what it publishes.
 */
export function AgencyPage() {
  const params = useQueryParams();
  const agencyId = idParam(params, "id");
  const counsellorId = idParam(params, "counsellor");
  const [chosenTopic, setTopicId] = useState<string | null>(idParam(params, "topic"));
  const [showQr, setShowQr] = useState(false);
  const load = useLoad(
    async (signal): Promise<Loaded | null> =>
      agencyId
        ? api.request(getAgency, { params: { agencyId }, query: counsellorId ? { counsellorId } : {}, signal })
        : null,
    [agencyId, counsellorId],
  );
  const loaded = load.kind === "ready" ? load.value : null;
  // The organisation's fingerprint, computed here from its public root key (ADR 0030).
  const identity = useOrgIdentity(loaded?.agency.organisationId ?? null);
  const missing = agencyId === null || load.kind === "failed";
  // The topic from the link if the agency offers it, else its first.
  const topicId =
    loaded && !(chosenTopic && loaded.topics.some((topic) => topic.id === chosenTopic))
      ? (loaded.topics[0]?.id ?? null)
      : chosenTopic;
  const { t } = useTFor(loaded?.topics.find((item) => item.id === topicId)?.addressForm);
  useOrganisationExitTarget(loaded?.agency.organisationId);
  useFlowAddressForm(loaded?.topics.find((item) => item.id === topicId)?.addressForm);

  if (missing) {
    return (
      <Page title={t("agency.title")}>
        <p className="notice">{t("agency.missing")}</p>
        <p>
          <Link to="/" className="button button--primary">
            {t("agency.toFinder")}
          </Link>
        </p>
      </Page>
    );
  }
  if (!loaded || !agencyId) {
    return (
      <Page title={t("agency.title")}>
        <p role="status">{t("common.loading")}</p>
      </Page>
    );
  }

  const { agency, topics, counsellor } = loaded;
  const topic = topics.find((item) => item.id === topicId) ?? null;
  const shareUrl = new URL(
    `/agency?id=${encodeURIComponent(agency.id)}${counsellor ? `&counsellor=${encodeURIComponent(counsellor.id)}` : ""}`,
    window.location.origin,
  ).href;

  return (
    <AddressFormContext.Provider value={topic?.addressForm ?? "formal"}>
      <Page title={agency.name} lead={agency.organisationName !== agency.name ? agency.organisationName : undefined}>
        <AgencyFacts agency={agency} />
        {counsellor ? (
          <p className="notice">
            {counsellor.displayName
              ? t("agency.counsellor", { name: counsellor.displayName })
              : t("agency.counsellorUnnamed")}
          </p>
        ) : null}
        {topics.length > 1 ? (
          <div className="field">
            <label htmlFor="agency-topic">{t("agency.chooseTopic")}</label>
            <select id="agency-topic" value={topicId ?? ""} onChange={(event) => setTopicId(event.target.value)}>
              {topics.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </select>
          </div>
        ) : topic ? (
          <p>
            {t("agency.topics")}: {topic.name}
          </p>
        ) : null}
        {agency.intakeTeamId && topic ? (
          <p>
            <Link
              to={enquiryPath({ agencyId: agency.id, topicId: topic.id, counsellorId: counsellor?.id ?? null })}
              className="button button--primary"
            >
              {t("agency.start")}
            </Link>
          </p>
        ) : (
          <p className="notice notice--warn">{t("agency.noIntake")}</p>
        )}
        <Section title={t("agency.qrTitle")}>
          <p>{t("agency.qrExplain")}</p>
          <p className="share-link">
            <a href={shareUrl}>{shareUrl}</a>
          </p>
          {showQr ? (
            <Suspense fallback={<p role="status">{t("common.loading")}</p>}>
              <QrCode text={shareUrl} alt={t("agency.qrAlt")} />
            </Suspense>
          ) : (
            <button type="button" className="button" onClick={() => setShowQr(true)}>
              {t("agency.qrShow")}
            </button>
          )}
        </Section>
        <OrgFingerprint identity={identity} organisationName={agency.organisationName} />
      </Page>
    </AddressFormContext.Provider>
  );
}
