// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import type { ArchiveAccessView } from "@obhut/protocol";
import { useAction, useLoad } from "../api/use-action";
import { ArchiveAccessList } from "../archive-access/archive-access-list";
import { type ArchivedMessage, readWithArchiveKey } from "../archive-access/archive-reader";
import { requestArchiveAccess } from "../archive-access/endpoints";
import { listEpochs, listMessages } from "../messaging/endpoints";
import { formatDateTime } from "../staff/format";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { AdminPage } from "./admin-shell";

/**
 * "Archivzugriff" (ADR 0032): an admin asks to read a case with the
 * organisation's archive key, giving the case number and a reason; once the
 * DPO approved, "Fall lesen" decrypts the case conversation in this browser,
 * read-only, for as long as the approval runs.
 */
export function ArchivePage() {
  const { t } = useT();
  return (
    <AdminPage title={t("archiveAccess.pageTitle")} lead={t("archiveAccess.pageLead")}>
      {(admin) => <ArchiveAccess admin={admin} />}
    </AdminPage>
  );
}

function ArchiveAccess({ admin }: { admin: AdminContext }) {
  const [version, setVersion] = useState(0);
  const [reading, setReading] = useState<ArchiveAccessView | null>(null);
  return (
    <>
      <RequestForm admin={admin} onRequested={() => setVersion((v) => v + 1)} />
      <ArchiveAccessList api={admin.api} orgId={admin.orgId} version={version} onRead={setReading} />
      {reading?.conversationId ? (
        <Reader
          key={reading.id}
          admin={admin}
          caseId={reading.caseId}
          conversationId={reading.conversationId}
          onClose={() => setReading(null)}
        />
      ) : null}
    </>
  );
}

function RequestForm({ admin, onRequested }: { admin: AdminContext; onRequested: () => void }) {
  const { t } = useT();
  const [caseId, setCaseId] = useState("");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const ask = useAction(async (id: string, text: string) => {
    await admin.api.request(requestArchiveAccess, { params: { caseId: id }, body: { reason: text } });
    setCaseId("");
    setReason("");
    onRequested();
    return true;
  });
  const shown =
    problem ??
    (ask.error === "not_found" || ask.error === "invalid_params"
      ? t("archiveAccess.notFound")
      : ask.error
        ? t("archiveAccess.failed", { code: ask.error })
        : null);
  return (
    <form
      className="staff-form section archive-access-form"
      aria-labelledby="archive-access-form-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (ask.pending) return;
        const id = caseId.trim();
        const text = reason.trim();
        const next =
          id === "" ? t("archiveAccess.caseIdMissing") : text.length < 20 ? t("archiveAccess.reasonTooShort") : null;
        setProblem(next);
        if (next) return;
        void ask.run(id, text);
      }}
    >
      <h2 id="archive-access-form-heading">{t("archiveAccess.formHeading")}</h2>
      <div className="field">
        <label htmlFor="archive-access-case">{t("archiveAccess.caseId")}</label>
        <input
          id="archive-access-case"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="archive-access-case-hint"
          value={caseId}
          onChange={(e) => setCaseId(e.target.value)}
        />
        <p id="archive-access-case-hint" className="field__hint">
          {t("archiveAccess.caseIdHint")}
        </p>
      </div>
      <div className="field">
        <label htmlFor="archive-access-reason">{t("archiveAccess.reason")}</label>
        <textarea
          id="archive-access-reason"
          rows={3}
          maxLength={500}
          aria-describedby="archive-access-reason-hint"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <p id="archive-access-reason-hint" className="field__hint">
          {t("archiveAccess.reasonHint")}
        </p>
      </div>
      {shown ? (
        <p className="notice notice--error" role="alert">
          {shown}
        </p>
      ) : ask.result ? (
        <p className="notice notice--success" role="status">
          {t("archiveAccess.requested")}
        </p>
      ) : null}
      <p>
        <button type="submit" className="button button--primary" aria-disabled={ask.pending}>
          {t("archiveAccess.submit")}
        </button>
      </p>
    </form>
  );
}

function Reader(props: { admin: AdminContext; caseId: string; conversationId: string; onClose: () => void }) {
  const { admin, caseId, conversationId } = props;
  const { t, i18n } = useT();
  const messages = useLoad(
    (signal) =>
      readWithArchiveKey(
        {
          orgState: () => admin.ring.orgState(),
          myArchiveWraps: () => admin.ops.myOrgWraps("archive"),
          mySecretKey: () => admin.ops.mySecretKey(),
          epochs: () => admin.api.request(listEpochs, { params: { id: conversationId }, signal }),
          messages: (after) =>
            admin.api.request(listMessages, { params: { id: conversationId }, query: { after, limit: 100 }, signal }),
        },
        conversationId,
      ),
    [admin, conversationId],
  );
  return (
    <section className="section archive-reader" aria-labelledby="archive-reader-heading">
      <h2 id="archive-reader-heading">{t("archiveAccess.readerHeading", { ref: caseId.slice(0, 8) })}</h2>
      <p>{t("archiveAccess.readerLead")}</p>
      {messages.kind === "loading" ? (
        <p role="status">{t("archiveAccess.readerLoading")}</p>
      ) : messages.kind === "failed" ? (
        <p className="notice notice--error" role="alert">
          {t("archiveAccess.readerFailed", { code: messages.error })}
        </p>
      ) : messages.value.length === 0 ? (
        <p>{t("archiveAccess.readerNone")}</p>
      ) : (
        <ol className="archive-reader__messages" aria-labelledby="archive-reader-heading">
          {messages.value.map((m) => (
            <Message key={m.seq} message={m} at={formatDateTime(i18n.language, m.createdAt)} />
          ))}
        </ol>
      )}
      <p>
        <button type="button" className="button" onClick={props.onClose}>
          {t("archiveAccess.close")}
        </button>
      </p>
    </section>
  );
}

function Message({ message, at }: { message: ArchivedMessage; at: string }) {
  const { t } = useT();
  return (
    <li className="archive-reader__message">
      <p className="archive-reader__meta">
        <strong>{message.from === "client" ? t("archiveAccess.fromClient") : t("archiveAccess.fromStaff")}</strong> ·{" "}
        {at}
      </p>
      {message.text === null ? (
        <p className="notice">{t("archiveAccess.unreadable")}</p>
      ) : (
        <p className="archive-reader__text">{message.text}</p>
      )}
      {message.attachments > 0 ? <p>{t("archiveAccess.attachments", { count: message.attachments })}</p> : null}
    </li>
  );
}
