// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Localised, ProcessingRecordView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";

/** Retention periods, the cryptography in use and the technical and organisational measures (TOM). */
export function RecordMeasures({ record, lang }: { record: ProcessingRecordView; lang: keyof Localised }) {
  const { t } = useT();
  return (
    <>
      <section className="section record-block" aria-labelledby="retention-heading">
        <h2 id="retention-heading">{t("dpoRecord.retention")}</h2>
        <ul>
          {record.retention.map((r) => (
            <li key={r.dataClass}>
              <code>{r.dataClass}</code>: {t("dpoRecord.retentionLine", { period: r.periodDays, start: r.startEvent })}{" "}
              {r.enforced ? "" : t("dpoRecord.notEnforced")}
            </li>
          ))}
        </ul>
      </section>
      <section className="section record-block" aria-labelledby="crypto-heading">
        <h2 id="crypto-heading">{t("dpoRecord.crypto")}</h2>
        <dl>
          {record.crypto.map((c) => (
            <div key={c.suite}>
              <dt>{c.purpose[lang]}</dt>
              <dd>{c.suite}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="section record-block" aria-labelledby="measures-heading">
        <h2 id="measures-heading">{t("dpoRecord.measures")}</h2>
        {record.measures.map((m) => (
          <article key={m.id} aria-labelledby={`measure-${m.id}`}>
            <h3 id={`measure-${m.id}`}>{m.title[lang]}</h3>
            <p>{m.description[lang]}</p>
            <dl>
              <dt>{t("dpoRecord.status")}</dt>
              <dd>{m.status[lang]}</dd>
              <dt>{t("dpoRecord.evidence")}</dt>
              <dd>
                <code>{m.evidence}</code>
              </dd>
            </dl>
          </article>
        ))}
      </section>
    </>
  );
}
