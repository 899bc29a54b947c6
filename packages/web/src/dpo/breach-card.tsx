// SPDX-License-Identifier: AGPL-3.0-or-later
import { BREACH_DEADLINE_MS, type BreachRisk, type BreachStatus, type BreachView } from "@obhut/protocol";
import { useState } from "react";
import { useAction } from "../api/use-action";
import { useT } from "../i18n/use-t";
import { fromLocalInput, toLocalInput } from "../counsellor/absence-page";
import { formatDateTime } from "../staff/format";
import { authorityDraft, draftText, draftToCaseFile, personsDraft, type Draft } from "./breach-drafts";
import { download, type Ready } from "./dpo-shell";
import { BreachRecordFields, breachRecordBody, breachRecordInput } from "./breach-record-fields";
import { updateBreach } from "./endpoints";
import { Outcome } from "../components/outcome";

const RISKS: BreachRisk[] = ["unassessed", "none", "risk", "high"];

/** Hours and minutes between two times (never negative). */
function span(ms: number): { hours: number; minutes: number } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/** One breach: its 72-hour clock, the record, the assessment form and, as the assessment says, the drafts. */
export function BreachCard({
  breach: b,
  now,
  dpoContact,
  staff,
  onSaved,
}: {
  breach: BreachView;
  now: number;
  dpoContact: string;
  staff: Ready;
  onSaved: () => void;
}) {
  const { t, i18n } = useT();
  const language = i18n.language;
  const { api } = staff.messaging;
  const id = (name: string) => `breach-${b.id}-${name}`;
  const [record, setRecord] = useState(() => breachRecordInput(b));
  const [risk, setRisk] = useState<BreachRisk>(b.risk);
  const [status, setStatus] = useState<BreachStatus>(b.status);
  const [consequences, setConsequences] = useState(b.consequences);
  const [measures, setMeasures] = useState(b.measures);
  const [authorityAt, setAuthorityAt] = useState(toLocalInput(b.authorityNotifiedAt));
  const [delayReason, setDelayReason] = useState(b.delayReason ?? "");
  const [personsAt, setPersonsAt] = useState(toLocalInput(b.personsNotifiedAt));
  const authorityNotifiedAt = fromLocalInput(authorityAt);
  const recordBody = breachRecordBody(record, b.awareAt);
  const awareAtValue = recordBody.awareAt;
  const late = authorityNotifiedAt !== null && authorityNotifiedAt > awareAtValue + BREACH_DEADLINE_MS;

  const save = useAction(async () => {
    await api.request(updateBreach, {
      params: { orgId: staff.orgId, breachId: b.id },
      body: {
        ...recordBody,
        status,
        risk,
        consequences,
        measures,
        authorityNotifiedAt,
        delayReason: delayReason.trim() === "" ? null : delayReason,
        personsNotifiedAt: fromLocalInput(personsAt),
      },
    });
    onSaved();
    return t("breaches.saved");
  });
  const pdf = useAction(async (d: Draft) => {
    const { renderCaseFilePdf } = await import("../staff/export-pdf");
    const bytes = await renderCaseFilePdf(draftToCaseFile(d, t, language));
    download(bytes as BlobPart, "application/pdf", `${fileName(d)}.pdf`);
    return t("breaches.pdfMade");
  });
  const fileName = (d: Draft) =>
    `${d === drafts.persons ? "art34" : "art33"}-${new Date(b.awareAt).toISOString().slice(0, 10)}`;

  const drafts = {
    authority: b.notifyAuthority ? authorityDraft(b, dpoContact, t, language) : null,
    persons: b.notifyPersons ? personsDraft(b, dpoContact, t) : null,
  };

  const clock =
    b.authorityNotifiedAt !== null
      ? { kind: "done", text: t("breaches.notifiedAt", { at: formatDateTime(language, b.authorityNotifiedAt) }) }
      : b.risk === "none"
        ? { kind: "done", text: t("breaches.notRequired") }
        : now >= b.deadlineAt
          ? { kind: "overdue", text: t("breaches.overdue", span(now - b.deadlineAt)) }
          : { kind: "running", text: t("breaches.timeLeft", span(b.deadlineAt - now)) };

  const errorText =
    save.error === "breach_delay_reason_required"
      ? t("breaches.delayReasonRequired")
      : save.error
        ? t("dpo.failed", { code: save.error })
        : null;

  return (
    <article className="breach" aria-labelledby={id("heading")}>
      <h3 id={id("heading")}>{t("breaches.itemHeading", { date: formatDateTime(language, b.awareAt) })}</h3>
      <p className={`breach__clock breach__clock--${clock.kind}`} data-testid="breach-clock">
        <strong>{clock.text}</strong>
        <br />
        {t("breaches.deadline", { at: formatDateTime(language, b.deadlineAt) })}
      </p>
      <dl className="record-block">
        <dt>{t("breaches.statusLabel")}</dt>
        <dd>
          {t(`breaches.status.${b.status}`)} · {t(`breaches.risks.${b.risk}`)}
        </dd>
        <dt>{t("breaches.description")}</dt>
        <dd className="breach__text">{b.description}</dd>
        <dt>{t("breaches.dataCategories")}</dt>
        <dd className="breach__text">{b.dataCategories}</dd>
        <dt>{t("breaches.personsAffected")}</dt>
        <dd>{b.personsAffected ?? t("breaches.draft.unknown")}</dd>
      </dl>

      <form
        className="staff-form"
        aria-labelledby={id("assess")}
        onSubmit={(event) => {
          event.preventDefault();
          if (!save.pending) void save.run();
        }}
      >
        <h4 id={id("assess")}>{t("breaches.assessHeading")}</h4>
        <details className="breach__record">
          <summary>{t("breaches.editRecord")}</summary>
          <BreachRecordFields idPrefix={`breach-${b.id}`} value={record} onChange={setRecord} />
        </details>
        <fieldset className="fieldset">
          <legend>{t("breaches.risk")}</legend>
          {RISKS.map((r) => (
            <div className="checkbox-field" key={r}>
              <input
                type="radio"
                id={id(`risk-${r}`)}
                name={id("risk")}
                value={r}
                checked={risk === r}
                onChange={() => setRisk(r)}
              />
              <label htmlFor={id(`risk-${r}`)}>{t(`breaches.risks.${r}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={id("consequences")}>{t("breaches.consequences")}</label>
          <textarea
            id={id("consequences")}
            rows={3}
            maxLength={10_000}
            value={consequences}
            onChange={(e) => setConsequences(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={id("measures")}>{t("breaches.measures")}</label>
          <textarea
            id={id("measures")}
            rows={3}
            maxLength={10_000}
            value={measures}
            onChange={(e) => setMeasures(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={id("authority")}>{t("breaches.authorityNotifiedAt")}</label>
          <input
            id={id("authority")}
            type="datetime-local"
            value={authorityAt}
            onChange={(e) => setAuthorityAt(e.target.value)}
          />
        </div>
        {late || b.delayReason ? (
          <div className="field">
            <label htmlFor={id("delay")}>{t("breaches.delayReason")}</label>
            <textarea
              id={id("delay")}
              rows={3}
              maxLength={5_000}
              required={late}
              value={delayReason}
              onChange={(e) => setDelayReason(e.target.value)}
            />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={id("persons")}>{t("breaches.personsNotifiedAt")}</label>
          <input
            id={id("persons")}
            type="datetime-local"
            value={personsAt}
            onChange={(e) => setPersonsAt(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={id("status")}>{t("breaches.statusLabel")}</label>
          <select id={id("status")} value={status} onChange={(e) => setStatus(e.target.value as BreachStatus)}>
            <option value="open">{t("breaches.status.open")}</option>
            <option value="closed">{t("breaches.status.closed")}</option>
          </select>
        </div>
        <p className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={save.pending}>
            {t("breaches.save")}
          </button>
        </p>
        <Outcome error={errorText} success={save.result} />
      </form>

      {b.risk === "unassessed" ? (
        <p className="notice">{t("breaches.unassessedHint")}</p>
      ) : (
        <ul className="breach__duties">
          <li>{b.notifyAuthority ? t("breaches.mustNotifyAuthority") : t("breaches.noAuthority")}</li>
          {b.notifyPersons ? <li>{t("breaches.mustTellPersons")}</li> : null}
        </ul>
      )}
      {[
        { draft: drafts.authority, heading: t("breaches.authorityDraft"), key: "authority" },
        { draft: drafts.persons, heading: t("breaches.personsDraft"), key: "persons" },
      ].map(({ draft, heading, key }) =>
        draft ? (
          <section className="breach__draft" key={key} aria-labelledby={id(`draft-${key}`)}>
            <h4 id={id(`draft-${key}`)}>{heading}</h4>
            <p>
              <strong>{draft.title}</strong>
            </p>
            <dl className="record-block">
              {draft.parts.map(([label, value], i) => (
                <div key={i}>
                  {label ? <dt>{label}</dt> : null}
                  <dd className="breach__text">{value}</dd>
                </div>
              ))}
            </dl>
            <p className="button-row">
              <button type="button" className="button" aria-disabled={pdf.pending} onClick={() => void pdf.run(draft)}>
                {t("breaches.downloadPdf")}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => download(draftText(draft) + "\n", "text/plain;charset=utf-8", `${fileName(draft)}.txt`)}
              >
                {t("breaches.downloadText")}
              </button>
            </p>
          </section>
        ) : null,
      )}
      <p className={pdf.error ? "notice notice--error" : "visually-hidden"} role="status">
        {pdf.error ? t("dpo.failed", { code: pdf.error }) : (pdf.result ?? "")}
      </p>
    </article>
  );
}
