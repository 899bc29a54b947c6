// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DsrReport, ResponseOf } from "@obhut/protocol";
import { useT } from "../i18n/use-t";

/** How many requests are open, extended, due soon, overdue and were closed late; null while loading. */
export function DsrSummary({ report }: { report: ResponseOf<typeof DsrReport> | null }) {
  const { t } = useT();
  return (
    <section aria-labelledby="dsr-summary-heading">
      <h2 id="dsr-summary-heading">{t("dsr.summaryHeading")}</h2>
      {report ? (
        <p>
          {t("dsr.summary", {
            open: report.byStatus.open ?? 0,
            extended: report.byStatus.extended ?? 0,
            dueSoon: report.dueSoon,
            overdue: report.overdue,
            closedLate: report.closedLate,
          })}
        </p>
      ) : (
        <p role="status">{t("common.loading")}</p>
      )}
    </section>
  );
}
