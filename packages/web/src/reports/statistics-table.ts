// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  StatisticsAgeBand,
  StatisticsGender,
  type StatisticsCell,
  type StatisticsDistribution,
  type StatisticsReport,
  type StatisticsRow,
} from "@obhut/protocol";
import type { TFunction } from "i18next";

/**
 * The one table of a statistics report as text: the page renders it, the
 * CSV writes it and the PDF lists it, so all three say exactly the same.
 * A suppressed cell reads "ausgeblendet"/"suppressed", an empty median "–".
 */
export interface StatisticsTable {
  headers: string[];
  rows: string[][];
}

const COLUMNS = [
  "period",
  "group",
  "newEnquiries",
  "casesOpened",
  "casesClosed",
  "messagesMedian",
  "messagesP90",
  "firstAnswerMedian",
  "firstAnswerP90",
  "waitingMedian",
  "waitingP90",
  "durationMedian",
  "durationP90",
  "channelWeb",
  "languageDe",
  "languageEn",
  "languageNotRecorded",
] as const;

export function periodLabel(period: string, language: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month)
    return new Intl.DateTimeFormat(language, { month: "short", year: "numeric", timeZone: "UTC" }).format(
      Date.UTC(Number(month[1]), Number(month[2]) - 1, 1),
    );
  return period.replace("-", " ");
}

export function statisticsTable(report: StatisticsReport, t: TFunction, language: string): StatisticsTable {
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const cell = (c: StatisticsCell) => (c === null ? t("statistics.suppressed") : number.format(c));
  const stat = (d: StatisticsDistribution, which: "median" | "p90") =>
    d.suppressed ? t("statistics.suppressed") : d[which] === null ? "–" : number.format(d[which]);
  const lang = (r: StatisticsRow, l: string) => r.languages.find((x) => x.language === l)?.enquiries ?? null;
  const web = (r: StatisticsRow) => r.channels.find((c) => c.channel === "web")?.enquiries ?? null;
  // Voluntary details (ADR 0050): a column per band or gender, only for the questions the organisation asks.
  const ages = report.notRecorded.includes("age_band") ? [] : StatisticsAgeBand.options;
  const genders = report.notRecorded.includes("gender") ? [] : StatisticsGender.options;
  const age = (r: StatisticsRow, a: string) => r.ageBands.find((x) => x.ageBand === a)?.enquiries ?? null;
  const gender = (r: StatisticsRow, g: string) => r.genders.find((x) => x.gender === g)?.enquiries ?? null;
  return {
    headers: [
      ...COLUMNS.map((c) => t(`statistics.col.${c}`)),
      ...ages.map((a) => t(`statistics.col.age.${a}`)),
      ...genders.map((g) => t(`statistics.col.gender.${g}`)),
    ],
    rows: report.rows.map((r) => [
      periodLabel(r.period, language),
      r.group.id === null ? t("statistics.all") : r.group.name,
      cell(r.newEnquiries),
      cell(r.casesOpened),
      cell(r.casesClosed),
      stat(r.messagesPerCase, "median"),
      stat(r.messagesPerCase, "p90"),
      stat(r.firstAnswerMinutes, "median"),
      stat(r.firstAnswerMinutes, "p90"),
      stat(r.waitingMinutes, "median"),
      stat(r.waitingMinutes, "p90"),
      stat(r.durationDays, "median"),
      stat(r.durationDays, "p90"),
      cell(web(r)),
      cell(lang(r, "de")),
      cell(lang(r, "en")),
      cell(lang(r, "not_recorded")),
      ...ages.map((a) => cell(age(r, a))),
      ...genders.map((g) => cell(gender(r, g))),
    ]),
  };
}

/** What the page and the PDF say about the voluntary details (ADR 0050): which are not asked, or that they are voluntary. */
export function detailsNote(report: StatisticsReport, t: TFunction): string {
  return report.notRecorded.length > 0
    ? t("statistics.notAsked", { details: report.notRecorded.map((d) => t(`statistics.detailNames.${d}`)).join(", ") })
    : t("statistics.detailsAsked");
}

/** RFC 4180 with ";" (what spreadsheet programs in German expect, and numbers keep their decimal comma). */
export function toCsv(table: StatisticsTable): string {
  const quote = (s: string) => (/[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [table.headers, ...table.rows].map((row) => row.map(quote).join(";")).join("\r\n") + "\r\n";
}
