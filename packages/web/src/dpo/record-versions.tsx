// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ProcessingRecordVersionView } from "@obhut/protocol";
import { formatDateTime } from "../staff/format";
import { useT } from "../i18n/use-t";

/** The stored versions of the record, each with its time and hash; a button downloads one as JSON. */
export function RecordVersions({
  versions,
  onDownload,
}: {
  versions: ProcessingRecordVersionView[];
  onDownload: (version: number) => void;
}) {
  const { t, i18n } = useT();
  return (
    <section className="section" aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t("dpoRecord.versions")}</h2>
      {versions.length === 0 ? (
        <p>{t("dpoRecord.noVersions")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="versions-heading">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("dpoRecord.colVersion")}</th>
                <th scope="col">{t("dpoRecord.colAt")}</th>
                <th scope="col">{t("dpoRecord.colHash")}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} data-testid="record-version">
                  <td>
                    <button type="button" className="button" onClick={() => onDownload(v.version)}>
                      {t("dpoRecord.show", { version: v.version })}
                    </button>
                  </td>
                  <td>{formatDateTime(i18n.language, v.createdAt)}</td>
                  <td className="record-hash">{v.sha256}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
