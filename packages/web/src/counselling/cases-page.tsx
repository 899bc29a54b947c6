// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect } from "react";
import { noteClientCases } from "../account/client-address-form";
import { useLoad } from "../api/use-action";
import { ClientChannelsSection } from "../channels/client-channels";
import { useOrganisationExitTarget } from "../components/organisation-exit-target";
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import { listCases } from "../messaging/endpoints";
import { messagingFor } from "../messaging/session";
import { Link } from "../router/router";
import { RebindCodeSection } from "./rebind-code";

/** The client's cases, newest first, with unread counts; updates when a case frame arrives. */
export function CasesPage() {
  const { t } = useT();
  const session = useSession();
  const messaging = session ? messagingFor(session) : null;
  const list = useLoad(
    async (signal) => {
      if (!messaging) return [];
      const answer = await messaging.api.request(listCases, { query: {}, signal });
      return [...answer.cases].sort((a, b) => b.createdAt - a.createdAt);
    },
    [messaging],
  );
  const { reload } = list;
  // A case changed (accepted, answered, closed): read the list again; a failed refresh keeps the list.
  useEffect(() => messaging?.realtime.onCase(() => void reload().catch(() => {})), [messaging, reload]);
  const cases = list.kind === "ready" ? list.value : null;
  useEffect(() => {
    if (cases) noteClientCases(cases);
  }, [cases]);
  // The newest case's organisation decides where quick exit leads.
  useOrganisationExitTarget(cases?.[0]?.organisationId);
  const failed = list.kind === "failed";

  if (!session) {
    return (
      <Page title={t("cases.title")}>
        <p className="notice">{t("cases.loggedOut")}</p>
        <p>
          <Link to="/login?next=%2Fcases" className="button button--primary">
            {t("cases.login")}
          </Link>
        </p>
      </Page>
    );
  }

  return (
    <Page title={t("cases.title")} lead={t("cases.lead")}>
      {failed ? (
        <p className="notice notice--error" role="alert">
          {t("cases.failed")}
        </p>
      ) : null}
      {cases === null && !failed ? <p role="status">{t("common.loading")}</p> : null}
      {cases !== null && cases.length === 0 ? <p>{t("cases.none")}</p> : null}
      {cases !== null && cases.length > 0 ? (
        <ul className="case-list">
          {cases.map((item) => (
            <li key={item.id} className="case-card">
              <Link
                to={`/case?id=${encodeURIComponent(item.id)}`}
                aria-label={t("cases.open", { agency: item.agencyName })}
              >
                {item.agencyName}
              </Link>
              <span className="case-card__state">{t(`cases.states.${item.state}`)}</span>
              {item.unread > 0 ? (
                <span className="case-card__unread">{t("cases.unread", { count: item.unread })}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link to="/" className="button">
          {t("cases.find")}
        </Link>
      </p>
      {messaging ? <ClientChannelsSection messaging={messaging} /> : null}
      <RebindCodeSection session={session} />
    </Page>
  );
}
