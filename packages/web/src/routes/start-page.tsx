// SPDX-License-Identifier: AGPL-3.0-or-later
import { lazy, Suspense } from "react";
import { EmergencyList } from "../components/emergency-numbers";
import { Page, Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";

// The finder is its own chunk: the start page's first paint stays small on a slow phone.
const FinderSearch = lazy(() => import("../counselling/finder-page"));

/** The start page is the finder: topic and postcode first, then what Obhut is and how it protects. */
export function StartPage() {
  const { t } = useT();
  const anonymity = t("start.anonymity.items", { returnObjects: true });
  return (
    <Page title={t("start.title")} lead={t("start.lead")}>
      <Section title={t("finder.title")}>
        <p>{t("finder.lead")}</p>
        <Suspense fallback={<p role="status">{t("common.loading")}</p>}>
          <FinderSearch />
        </Suspense>
      </Section>
      <Section title={t("start.what.title")}>
        <p>{t("start.what.body")}</p>
      </Section>
      <Section title={t("start.anonymity.title")}>
        <ul className="checklist">
          {anonymity.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </Section>
      <Section title={t("start.safety.title")}>
        <p>{t("start.safety.body")}</p>
      </Section>
      <Section title={t("start.next.title")}>
        <p>{t("start.next.body")}</p>
        <p className="actions">
          <Link to="/signup" className="button button--primary">
            {t("start.next.signup")}
          </Link>
          <Link to="/login" className="button">
            {t("start.next.login")}
          </Link>
        </p>
      </Section>
      <aside className="emergency" aria-labelledby="emergency-title">
        <h2 id="emergency-title">{t("start.emergency.title")}</h2>
        <p>{t("start.emergency.body")}</p>
        <EmergencyList />
      </aside>
    </Page>
  );
}
