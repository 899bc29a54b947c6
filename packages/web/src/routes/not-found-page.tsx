// SPDX-License-Identifier: AGPL-3.0-or-later
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";

/** Neutral on purpose: it does not echo the requested path back. */
export function NotFoundPage() {
  const { t } = useT();
  return (
    <Page title={t("notFound.title")}>
      <p>{t("notFound.body")}</p>
      <p>
        <Link to="/">{t("notFound.home")}</Link>
      </p>
    </Page>
  );
}
