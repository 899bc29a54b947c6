// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { useLoad } from "../api/use-action";
import { Page, Section } from "../components/page";
import { useTFor } from "../counselling/use-t-for";
import type { AddressForm } from "../i18n";
import { useSession } from "../keys/use-session";
import { listCases } from "../messaging/endpoints";
import { type MessagingSession, messagingFor } from "../messaging/session";
import { Link } from "../router/router";
import { deletionCheck, myRestrictions } from "./endpoints";
import { DeleteAccount } from "./my-data-delete";
import { DetailsSection } from "./my-data-details";
import { ExportSection } from "./my-data-export";
import "./dsr.css";

/**
 * "My data" (issue 7.5): the client downloads everything Obhut holds about
 * them — decrypted here, as JSON and as a readable PDF — and can delete the
 * account after typing the password again and the account name. Nothing
 * heavy loads until a button is pressed (messaging, pdf-lib).
 */
export function MyDataPage() {
  const session = useSession();
  const [deleted, setDeleted] = useState(false);
  const { t } = useTFor(undefined);
  if (deleted) {
    return (
      <Page title={t("myData.title")}>
        <p className="notice notice--success" role="status">
          {t("myData.deleted")}
        </p>
        <p>
          <Link to="/" className="button button--primary">
            {t("myData.home")}
          </Link>
        </p>
      </Page>
    );
  }
  if (!session) {
    return (
      <Page title={t("myData.title")}>
        <p className="notice">{t("myData.loggedOut")}</p>
        <p>
          <Link to={`/login?next=${encodeURIComponent("/account/data")}`} className="button button--primary">
            {t("myData.login")}
          </Link>
        </p>
      </Page>
    );
  }
  return <MyData messaging={messagingFor(session)} onDeleted={() => setDeleted(true)} />;
}

function MyData({ messaging, onDeleted }: { messaging: MessagingSession; onDeleted: () => void }) {
  const data = useLoad(
    async (signal) => {
      const api = messaging.api;
      const [list, check, mine] = await Promise.all([
        api.request(listCases, { query: {}, signal }),
        api.request(deletionCheck, { signal }),
        api.request(myRestrictions, { signal }),
      ]);
      return { cases: list.cases, check, restrictions: mine.restrictions };
    },
    [messaging],
  );
  const cases = data.kind === "ready" ? data.value.cases : [];
  const restrictions = data.kind === "ready" ? data.value.restrictions : [];
  // Youth services say "du": if any enquiry is informal, so is this page.
  const form: AddressForm | undefined = cases.some((c) => c.addressForm === "informal") ? "informal" : undefined;
  const { t, i18n } = useTFor(form);
  const date = (ms: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date(ms));
  const agencyOf = (caseId: string | null) => cases.find((c) => c.id === caseId);

  return (
    <Page title={t("myData.title")} lead={t("myData.lead")}>
      {restrictions.length > 0 ? (
        <Section title={t("myData.restrictionsHeading")}>
          <ul>
            {restrictions.map((r) => (
              <li key={`${r.organisationId}-${r.caseId ?? "all"}`}>
                {r.caseId === null
                  ? t("myData.restrictedAll", { date: date(r.since) })
                  : t("myData.restrictedCase", { date: date(agencyOf(r.caseId)?.createdAt ?? r.since) })}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <DetailsSection messaging={messaging} t={t} />
      <ExportSection
        messaging={messaging}
        cases={cases.length}
        loadError={data.kind === "failed" ? data.error : null}
        t={t}
        language={i18n.language}
      />
      <DeleteAccount
        messaging={messaging}
        check={data.kind === "ready" ? data.value.check : null}
        t={t}
        onDeleted={onDeleted}
      />
    </Page>
  );
}
