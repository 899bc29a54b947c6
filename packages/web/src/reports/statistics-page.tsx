// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  STATISTICS_MAX_CELL_SIZE,
  STATISTICS_MIN_CELL_SIZE,
  type StatisticsGrouping,
  type StatisticsPeriod,
} from "@obhut/protocol";
import { useEffect, useState, type FormEvent } from "react";
import { useAction, useLoad } from "../api/use-action";
import { Page } from "../components/page";
import { DpoPage, type Ready, download } from "../dpo/dpo-shell";
import { useT } from "../i18n/use-t";
import { putStatisticsSettings, statistics } from "./endpoints";
import { StatisticsChart } from "./statistics-chart";
import { statisticsToPdfFile } from "./statistics-pdf";
import { detailsNote, statisticsTable, toCsv } from "./statistics-table";
import "./statistics.css";

const PERIODS: readonly StatisticsPeriod[] = ["month", "quarter", "year"];
const GROUPINGS: readonly StatisticsGrouping[] = ["none", "agency", "team", "topic"];

/**
 * Statistik (issue #22, ADR 0045): the figures for funders, for the
 * administration and the DPO — a bar chart with a text alternative, the
 * table, and downloads as CSV and PDF made from that same table.
 */
export function StatisticsPage() {
  const { t } = useT();
  return <DpoPage title={t("statistics.title")}>{(staff) => <Statistics staff={staff} />}</DpoPage>;
}

function Statistics({ staff }: { staff: Ready }) {
  const { t, i18n } = useT();
  const { api } = staff.messaging;
  const orgId = staff.orgId;
  const isAdmin = staff.messaging.account.role === "org_admin";
  const thisYear = new Date().getUTCFullYear();
  const [year, setYear] = useState(thisYear);
  const [period, setPeriod] = useState<StatisticsPeriod>("month");
  const [by, setBy] = useState<StatisticsGrouping>("none");
  const data = useLoad(
    (signal) => api.request(statistics, { params: { orgId }, query: { year, period, by }, signal }),
    [api, orgId, year, period, by],
  );
  const report = data.kind === "ready" ? data.value : null;
  const table = report ? statisticsTable(report, t, i18n.language) : null;
  const action = useAction((work: () => Promise<string | null>) => work());
  const fileName = (suffix: string) => `statistik-${year}-${period}-${by}${suffix}`;

  const downloadCsv = () => {
    if (table) download("\uFEFF" + toCsv(table), "text/csv;charset=utf-8", fileName(".csv"));
  };
  const downloadPdf = () =>
    action.run(async () => {
      if (!report || !table) return null;
      const { renderCaseFilePdf } = await import("../staff/export-pdf");
      const pdf = await renderCaseFilePdf(statisticsToPdfFile(report, table, t, i18n.language, new Date()));
      download(pdf as BlobPart, "application/pdf", fileName(".pdf"));
      return t("statistics.pdfMade");
    });

  const status = action.error
    ? { kind: "error", text: t("statistics.failed", { code: action.error }) }
    : action.result
      ? { kind: "success", text: action.result }
      : data.kind === "failed"
        ? { kind: "error", text: t("statistics.failed", { code: data.error }) }
        : null;

  return (
    <Page title={t("statistics.title")} lead={t("statistics.lead")}>
      <form className="statistics-controls" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="statistics-year">{t("statistics.year")}</label>
          <select id="statistics-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[0, 1, 2, 3, 4].map((back) => (
              <option key={back} value={thisYear - back}>
                {thisYear - back}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="statistics-period">{t("statistics.period")}</label>
          <select id="statistics-period" value={period} onChange={(e) => setPeriod(e.target.value as StatisticsPeriod)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`statistics.periods.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="statistics-by">{t("statistics.by")}</label>
          <select id="statistics-by" value={by} onChange={(e) => setBy(e.target.value as StatisticsGrouping)}>
            {GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {t(`statistics.groupings.${g}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p className={status ? `notice notice--${status.kind}` : "visually-hidden"} role="status">
        {status?.text ?? (data.kind === "loading" ? t("statistics.loading") : "")}
      </p>
      {report && table ? (
        <>
          <p>{t("statistics.suppressionNote", { k: report.minCellSize })}</p>
          <StatisticsChart report={report} />
          <div className="button-row">
            <button type="button" className="button" onClick={downloadCsv}>
              {t("statistics.csv")}
            </button>
            <button type="button" className="button" disabled={action.pending} onClick={() => void downloadPdf()}>
              {t("statistics.pdf")}
            </button>
          </div>
          <h2 id="statistics-table-heading">{t("statistics.tableTitle")}</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="statistics-table-heading">
            <table className="data-table statistics-table">
              <thead>
                <tr>
                  {table.headers.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((value, j) =>
                      j === 0 ? (
                        <th key={j} scope="row">
                          {value}
                        </th>
                      ) : (
                        <td key={j} {...(value === t("statistics.suppressed") ? { "data-suppressed": "" } : {})}>
                          {value}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>{t("statistics.channelsNote")}</p>
          <p>{t("statistics.notRecorded")}</p>
          <p>{detailsNote(report, t)}</p>
          {isAdmin ? (
            <CellSizeForm staff={staff} current={report.minCellSize} onSaved={() => void data.reload()} />
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function CellSizeForm({ staff, current, onSaved }: { staff: Ready; current: number; onSaved: () => void }) {
  const { t } = useT();
  const [value, setValue] = useState(String(current));
  useEffect(() => setValue(String(current)), [current]);
  const action = useAction(async (k: number) => {
    await staff.messaging.api.request(putStatisticsSettings, {
      params: { orgId: staff.orgId },
      body: { minCellSize: k },
    });
    onSaved();
    return k;
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(Number(value));
  };
  return (
    <section className="section" aria-labelledby="statistics-settings-heading">
      <h2 id="statistics-settings-heading">{t("statistics.settings")}</h2>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="statistics-k">{t("statistics.minCellSize")}</label>
          <input
            id="statistics-k"
            type="number"
            inputMode="numeric"
            min={STATISTICS_MIN_CELL_SIZE}
            max={STATISTICS_MAX_CELL_SIZE}
            required
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={action.pending}>
          {t("statistics.save")}
        </button>
      </form>
      <p className={action.result || action.error ? "notice" : "visually-hidden"} role="status">
        {action.error
          ? t("statistics.failed", { code: action.error })
          : action.result
            ? t("statistics.saved", { k: action.result })
            : ""}
      </p>
    </section>
  );
}
