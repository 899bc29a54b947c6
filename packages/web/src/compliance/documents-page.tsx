// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DocumentKind, DocumentLanguage, OrgDocumentView, PublishedDocumentView } from "@obhut/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Page } from "../components/page";
import { StaffGate } from "../staff/staff-gate";
import { type StaffState, errorCode } from "../staff/use-staff";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import {
  approveDocument,
  confirmDocument,
  createDocument,
  guidelineReport,
  myAcceptances,
  orgDocuments,
  publishDocument,
  publishedDocuments,
} from "./endpoints";
import "./compliance.css";

/**
 * Privacy notice and communication guideline (issue 7.1). Every staff member
 * reads and confirms the current guideline here (case work is refused until
 * then); admins and the DPO write drafts, approve colleagues' drafts (never
 * their own) and publish approved ones.
 */
export function DocumentsPage() {
  const { t } = useT();
  return <StaffGate title={t("documents.title")}>{(staff) => <Documents staff={staff} />}</StaffGate>;
}

type Ready = Extract<StaffState, { kind: "ready" }>;
type Report = { unconfirmed: { accountId: string; username: string; lastConfirmedVersion: number | null }[] };
type Status = { kind: "error" | "success"; text: string } | null;

function Documents({ staff }: { staff: Ready }) {
  const { t } = useT();
  const session = useSession();
  const role = session?.account.role;
  const manages = role === "org_admin" || role === "dpo";
  const { api } = staff.messaging;
  const orgId = staff.orgId;
  const [published, setPublished] = useState<PublishedDocumentView[] | null>(null);
  const [required, setRequired] = useState(false);
  const [docs, setDocs] = useState<OrgDocumentView[]>([]);
  const [report, setReport] = useState<Report | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const [pub, mine] = await Promise.all([
      api.request(publishedDocuments, { params: { orgId } }),
      api.request(myAcceptances, {}),
    ]);
    setPublished(pub.documents);
    setRequired(mine.guidelineConfirmationRequired);
    if (manages) {
      const [all, rep] = await Promise.all([
        api.request(orgDocuments, { params: { orgId } }),
        api.request(guidelineReport, { params: { orgId } }),
      ]);
      setDocs(all.documents);
      setReport(rep);
    }
  }, [api, orgId, manages]);

  useEffect(() => {
    load().catch((error: unknown) =>
      setStatus({ kind: "error", text: t("documents.failed", { code: errorCode(error) }) }),
    );
  }, [load, t]);

  const act = async (work: () => Promise<unknown>, success: string) => {
    if (busy) return;
    setBusy(true);
    setStatus(null);
    try {
      await work();
      await load();
      setStatus({ kind: "success", text: success });
    } catch (error) {
      const code = errorCode(error);
      setStatus({
        kind: "error",
        text: code === "document_not_approved" ? t("documents.notApproved") : t("documents.failed", { code }),
      });
    } finally {
      setBusy(false);
    }
  };

  const guidelines = (published ?? []).filter((d) => d.kind === "communication_guideline");
  return (
    <Page title={t("documents.title")} lead={t("documents.lead")}>
      <p className={!status ? "visually-hidden" : `notice notice--${status.kind}`} role="status">
        {status?.text ?? ""}
      </p>
      <section aria-labelledby="guideline-heading">
        <h2 id="guideline-heading">{t("documents.guidelineHeading")}</h2>
        {published === null ? (
          <p role="status">{t("common.loading")}</p>
        ) : guidelines.length === 0 ? (
          <p>{t("documents.noGuideline")}</p>
        ) : (
          <>
            {guidelines.map((d) => (
              <article key={d.id} className="document">
                <h3>
                  {t("documents.versionLine", { language: t(`documents.language.${d.language}`), version: d.version })}
                </h3>
                <div className="document__text" tabIndex={0} role="region" aria-label={t("documents.textLabel")}>
                  {d.text}
                </div>
                {required ? (
                  <p>
                    <button
                      type="button"
                      className="button button--primary"
                      aria-disabled={busy}
                      onClick={() =>
                        void act(
                          () =>
                            api.request(confirmDocument, {
                              params: { orgId, documentId: d.id },
                              body: { sha256: d.sha256 },
                            }),
                          t("documents.confirmed"),
                        )
                      }
                    >
                      {t("documents.confirm")}
                    </button>
                  </p>
                ) : null}
              </article>
            ))}
            {!required ? <p className="notice notice--success">{t("documents.alreadyConfirmed")}</p> : null}
          </>
        )}
      </section>
      {manages ? (
        <>
          <VersionsTable
            docs={docs}
            me={staff.accountId}
            busy={busy}
            onApprove={(d) =>
              void act(
                () => api.request(approveDocument, { params: { orgId, documentId: d.id }, body: { sha256: d.sha256 } }),
                t("documents.approved"),
              )
            }
            onPublish={(d) =>
              void act(
                () => api.request(publishDocument, { params: { orgId, documentId: d.id } }),
                t("documents.published"),
              )
            }
          />
          <DraftForm
            busy={busy}
            onSubmit={(body) =>
              act(() => api.request(createDocument, { params: { orgId }, body }), t("documents.drafted"))
            }
          />
          <section aria-labelledby="report-heading">
            <h2 id="report-heading">{t("documents.reportHeading")}</h2>
            {report === null ? null : report.unconfirmed.length === 0 ? (
              <p>{guidelines.length === 0 ? t("documents.noGuideline") : t("documents.reportEmpty")}</p>
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
        </>
      ) : null}
    </Page>
  );
}

function VersionsTable(props: {
  docs: OrgDocumentView[];
  me: string;
  busy: boolean;
  onApprove: (d: OrgDocumentView) => void;
  onPublish: (d: OrgDocumentView) => void;
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

function DraftForm(props: {
  busy: boolean;
  onSubmit: (body: { kind: DocumentKind; language: DocumentLanguage; text: string }) => Promise<void>;
}) {
  const { t } = useT();
  const [kind, setKind] = useState<DocumentKind>("communication_guideline");
  const [language, setLanguage] = useState<DocumentLanguage>("de");
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === "") {
      setMissing(true);
      document.getElementById("draft-text")?.focus();
      return;
    }
    setMissing(false);
    await props.onSubmit({ kind, language, text });
    setText("");
  };
  return (
    <section aria-labelledby="draft-heading">
      <h2 id="draft-heading">{t("documents.draftHeading")}</h2>
      <form className="staff-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="draft-kind">{t("documents.kindLabel")}</label>
          <select id="draft-kind" value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
            <option value="communication_guideline">{t("documents.kind.communication_guideline")}</option>
            <option value="privacy_notice">{t("documents.kind.privacy_notice")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="draft-language">{t("documents.languageLabel")}</label>
          <select
            id="draft-language"
            value={language}
            onChange={(e) => setLanguage(e.target.value as DocumentLanguage)}
          >
            <option value="de">{t("documents.language.de")}</option>
            <option value="en">{t("documents.language.en")}</option>
          </select>
        </div>
        <div className={missing ? "field field--invalid" : "field"}>
          <label htmlFor="draft-text">{t("documents.textLabel")}</label>
          {missing ? (
            <p id="draft-text-error" className="field__error">
              {t("common.required")}
            </p>
          ) : null}
          <textarea
            id="draft-text"
            rows={10}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? "draft-text-error" : "draft-text-hint"}
          />
          <p id="draft-text-hint" className="field__hint">
            {t("documents.textHint")}
          </p>
        </div>
        <p>
          <button type="submit" className="button button--primary" aria-disabled={props.busy}>
            {t("documents.saveDraft")}
          </button>
        </p>
      </form>
    </section>
  );
}
