// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AuditEntryView } from "@obhut/protocol";
import { formatDateTime } from "../staff/format";
import { useT } from "../i18n/use-t";

/** The audit entries of the current filter; "loading" while there are none to show yet. */
export function AuditEntries({ entries }: { entries: AuditEntryView[] | null }) {
  const { t, i18n } = useT();
  return (
    <>
      {entries === null ? (
        <p role="status">{t("common.loading")}</p>
      ) : entries.length === 0 ? (
        <p>{t("dpoAudit.none")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="entries-heading">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("dpoAudit.colSeq")}</th>
                <th scope="col">{t("dpoAudit.colAt")}</th>
                <th scope="col">{t("dpoAudit.colActor")}</th>
                <th scope="col">{t("dpoAudit.colAction")}</th>
                <th scope="col">{t("dpoAudit.colTarget")}</th>
                <th scope="col">{t("dpoAudit.colData")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq} data-testid="audit-entry" data-action={e.action}>
                  <td>{e.seq}</td>
                  <td>{formatDateTime(i18n.language, e.at)}</td>
                  <td>{e.actorName ?? e.actorId ?? t("dpoAudit.system")}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</td>
                  <td className="data-table__data">
                    {Object.entries(e.data)
                      .map(([k, v]) => `${k}: ${String(v)}`)
                      .join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
