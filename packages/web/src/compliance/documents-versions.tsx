// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OrgDocumentView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";

/** Every version with its state; a draft is approved by someone other than its author, then published. */
export function VersionsTable(props: {
  docs: OrgDocumentView[];
  me: string;
  busy: boolean;
  onApprove: (d: OrgDocumentView) => void;
  onPublish: (d: OrgDocumentView) => void;
  onEdit: (d: OrgDocumentView) => void;
}) {
  const { t } = useT();
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t("documents.versionsHeading")}</h2>
      {props.docs.length === 0 ? (
        <p>{t("documents.none")}</p>
      ) : (
        <table className="document-table">
          <thead>
            <tr>
              <th scope="col">{t("documents.kindLabel")}</th>
              <th scope="col">{t("documents.languageLabel")}</th>
              <th scope="col">{t("documents.stateLabel")}</th>
              <th scope="col">{t("documents.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {props.docs.map((d) => (
              <tr key={d.id}>
                <td>{t(`documents.kind.${d.kind}`)}</td>
                <td>{t(`documents.language.${d.language}`)}</td>
                <td>
                  {t(`documents.state.${d.state}`)}
                  {d.version !== null ? ` (${t("documents.version", { version: d.version })})` : ""}
                </td>
                <td>
                  {d.state === "draft" ? (
                    <button
                      type="button"
                      className="button"
                      aria-label={t("documents.editLabel", {
                        kind: t(`documents.kind.${d.kind}`),
                        language: t(`documents.language.${d.language}`),
                      })}
                      aria-disabled={props.busy}
                      onClick={() => props.onEdit(d)}
                    >
                      {t("documents.edit")}
                    </button>
                  ) : null}
                  {d.state === "draft" && d.createdBy === props.me ? <span>{t("documents.needsOther")}</span> : null}
                  {d.state === "draft" && d.createdBy !== props.me ? (
                    <button
                      type="button"
                      className="button"
                      aria-disabled={props.busy}
                      onClick={() => props.onApprove(d)}
                    >
                      {t("documents.approve")}
                    </button>
                  ) : null}
                  {d.state === "draft" || d.state === "approved" ? (
                    <button
                      type="button"
                      className="button"
                      aria-disabled={props.busy}
                      onClick={() => props.onPublish(d)}
                    >
                      {t("documents.publish")}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
