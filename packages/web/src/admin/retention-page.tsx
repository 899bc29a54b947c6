// SPDX-License-Identifier: AGPL-3.0-or-later
import { useT } from "../i18n/use-t";
import { AdminPage } from "./admin-shell";
import { LegalHoldsSection } from "./legal-holds-section";
import { RetentionRulesSection } from "./retention-rules-section";

/**
 * "Aufbewahrung" (issue #16): the retention periods per data class, with
 * their reason and the effect of a change shown before saving, and the
 * organisation's active legal holds. Editing follows the server: only
 * administrators (retention.update) reach the console.
 */
export function RetentionPage() {
  const { t } = useT();
  return (
    <AdminPage title={t("retention.title")} lead={t("retention.lead")}>
      {(admin) => (
        <>
          <RetentionRulesSection admin={admin} />
          <LegalHoldsSection admin={admin} />
        </>
      )}
    </AdminPage>
  );
}
