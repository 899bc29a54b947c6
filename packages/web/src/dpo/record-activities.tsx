// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Localised, ProcessingRecordView } from "@obhut/protocol";
import { formatDateTime } from "../staff/format";
import { useT } from "../i18n/use-t";
import { processorLine } from "./record-processors";

/** The organisation's facts (hosting, processors) and its processing activities, in one language. */
export function RecordActivities({ record, lang }: { record: ProcessingRecordView; lang: keyof Localised }) {
  const { t, i18n } = useT();
  return (
    <>
      <section className="section record-block" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("dpoRecord.organisation")}</h2>
        <dl>
          <dt>{t("dpoRecord.organisation")}</dt>
          <dd>{record.organisation.name}</dd>
          <dt>{t("dpoRecord.generatedAt")}</dt>
          <dd>{formatDateTime(i18n.language, record.generatedAt)}</dd>
          <dt>{t("dpoRecord.hosting")}</dt>
          <dd>{record.hostingLocation ?? t("dpoRecord.notStated")}</dd>
          <dt>{t("dpoRecord.processors")}</dt>
          <dd>
            {record.processors.length === 0 ? (
              t("dpoRecord.noProcessors")
            ) : (
              <ul>
                {record.processors.map((p, i) => (
                  <li key={i}>{processorLine(p, t)}</li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </section>
      <section className="section record-block" aria-labelledby="activities-heading">
        <h2 id="activities-heading">{t("dpoRecord.activities")}</h2>
        {record.activities.map((a) => (
          <article key={a.id} aria-labelledby={`activity-${a.id}`}>
            <h3 id={`activity-${a.id}`}>{a.name[lang]}</h3>
            <dl>
              <dt>{t("dpoRecord.purposes")}</dt>
              <dd>{a.purposes[lang]}</dd>
              <dt>{t("dpoRecord.legalBasis")}</dt>
              <dd>{a.legalBasis[lang]}</dd>
              <dt>{t("dpoRecord.subjects")}</dt>
              <dd>{a.dataSubjects.map((s) => s[lang]).join("; ")}</dd>
              <dt>{t("dpoRecord.categories")}</dt>
              <dd>{a.dataCategories.map((s) => s[lang]).join("; ")}</dd>
              <dt>{t("dpoRecord.recipients")}</dt>
              <dd>{a.recipients.map((s) => s[lang]).join("; ")}</dd>
              <dt>{t("dpoRecord.transfers")}</dt>
              <dd>{a.thirdCountryTransfers[lang]}</dd>
            </dl>
          </article>
        ))}
      </section>
    </>
  );
}
