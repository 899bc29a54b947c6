// SPDX-License-Identifier: AGPL-3.0-or-later
import { useT } from "../i18n/use-t";

export type Report = { unconfirmed: { accountId: string; username: string; lastConfirmedVersion: number | null }[] };

/** Who has not confirmed the current guideline yet, with the version they last confirmed; nothing while loading. */
export function DocumentsReport({ report, hasGuideline }: { report: Report | null; hasGuideline: boolean }) {
  const { t } = useT();
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">{t("documents.reportHeading")}</h2>
      {report === null ? null : report.unconfirmed.length === 0 ? (
        <p>{hasGuideline ? t("documents.reportEmpty") : t("documents.noGuideline")}</p>
      ) : (
        <ul>
          {report.unconfirmed.map((u) => (
            <li key={u.accountId}>
              {u.lastConfirmedVersion === null
                ? u.username
                : t("documents.reportLast", { name: u.username, version: u.lastConfirmedVersion })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
