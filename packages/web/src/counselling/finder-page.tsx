// SPDX-License-Identifier: AGPL-3.0-or-later
import { Page } from "../components/page";
import { useT } from "../i18n/use-t";
import { FinderSearch } from "./finder-search";

/** The finder on its own page, for links and QR codes made before the start page carried it. */
export function FinderPage() {
  const { t } = useT();
  return (
    <Page title={t("finder.title")} lead={t("finder.lead")}>
      <FinderSearch />
    </Page>
  );
}

/** The start page's lazy chunk. */
export default FinderSearch;
