// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StatisticsReport } from "@obhut/protocol";
import { useT } from "../i18n/use-t";
import { periodLabel } from "./statistics-table";

const ROW = 24;
const LABEL = 88;
const WIDTH = 320;

/**
 * New enquiries per period as horizontal bars (they fit 360 px and keep
 * their labels readable). The SVG is one image with a title and a
 * description that lists every value; the table below holds all figures.
 * A suppressed period has no bar, only the word.
 */
export function StatisticsChart({ report }: { report: StatisticsReport }) {
  const { t, i18n } = useT();
  const language = i18n.language;
  const totals = report.rows.filter((r) => r.group.id === null);
  const max = Math.max(1, ...totals.map((r) => r.newEnquiries ?? 0));
  const number = new Intl.NumberFormat(language);
  const shown = (v: number | null) => (v === null ? t("statistics.suppressed") : number.format(v));
  const summary = totals
    .map((r) => t("statistics.chartBar", { period: periodLabel(r.period, language), value: shown(r.newEnquiries) }))
    .join("; ");
  const title = t("statistics.chartTitle", { period: t(`statistics.periods.${report.period}`), year: report.year });
  const height = totals.length * ROW + 8;
  const barSpace = WIDTH - LABEL - 72;
  return (
    <figure className="statistics-chart">
      <svg
        role="img"
        aria-labelledby="statistics-chart-title"
        aria-describedby="statistics-chart-desc"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id="statistics-chart-title">{title}</title>
        <desc id="statistics-chart-desc">{t("statistics.chartDesc", { summary })}</desc>
        {totals.map((r, i) => {
          const y = 4 + i * ROW;
          const v = r.newEnquiries;
          const w = v === null ? 0 : Math.max(v > 0 ? 2 : 0, (v / max) * barSpace);
          return (
            <g key={r.period} aria-hidden="true">
              <text x={0} y={y + 15} className="statistics-chart__label">
                {periodLabel(r.period, language)}
              </text>
              {w > 0 ? <rect x={LABEL} y={y + 3} width={w} height={ROW - 8} className="statistics-chart__bar" /> : null}
              <text x={LABEL + w + 4} y={y + 15} className="statistics-chart__value">
                {shown(v)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
