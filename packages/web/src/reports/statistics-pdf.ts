// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StatisticsReport } from "@obhut/protocol";
import type { TFunction } from "i18next";
import type { CaseFile } from "../staff/export-pdf";
import { detailsNote, type StatisticsTable } from "./statistics-table";

/**
 * A statistics report as the layout the app's PDF writer draws (pdf/, ADR
 * 0043): the settings as facts, then one entry per table row listing each
 * column with its value — the same texts as the page's table and the CSV.
 */
export function statisticsToPdfFile(
  report: StatisticsReport,
  table: StatisticsTable,
  t: TFunction,
  language: string,
  madeAt: Date,
): CaseFile {
  return {
    title: t("statistics.title"),
    lang: language,
    facts: [
      [t("statistics.pdfFacts.year"), String(report.year)],
      [t("statistics.pdfFacts.period"), t(`statistics.periods.${report.period}`)],
      [t("statistics.pdfFacts.by"), t(`statistics.groupings.${report.by}`)],
      [t("statistics.pdfFacts.k"), String(report.minCellSize)],
      [t("statistics.pdfFacts.madeAt"), madeAt.toLocaleString(language)],
    ],
    sections: [
      {
        title: t("statistics.tableTitle"),
        empty: "—",
        entries: table.rows.map((row) => ({
          at: row[0]!,
          author: row[1]!,
          text: row
            .slice(2)
            .map((value, i) => `${table.headers[i + 2]}: ${value}`)
            .join("\n"),
          attachments: [],
        })),
      },
      {
        title: t("statistics.settings"),
        empty: "—",
        entries: [
          {
            at: "",
            author: "",
            text: [
              t("statistics.suppressionNote", { k: report.minCellSize }),
              t("statistics.channelsNote"),
              t("statistics.notRecorded"),
              detailsNote(report, t),
            ].join("\n"),
            attachments: [],
          },
        ],
      },
    ],
    attachmentLabel: "",
    pageLabel: (page, pages) => t("statistics.page", { page, pages }),
  };
}
