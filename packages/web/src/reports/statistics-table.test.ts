// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StatisticsReport, StatisticsRow } from "@obhut/protocol";
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { createI18n } from "../i18n";
import { statisticsTable, toCsv } from "./statistics-table";

const dist = (median: number | null, p90: number | null, suppressed = false) => ({ median, p90, suppressed });
const row = (period: string, group: StatisticsRow["group"], newEnquiries: number | null): StatisticsRow => ({
  period,
  group,
  newEnquiries,
  casesOpened: 6,
  casesClosed: 0,
  messagesPerCase: dist(3.5, 7),
  firstAnswerMinutes: dist(null, null, true),
  waitingMinutes: dist(12, 40),
  durationDays: dist(null, null),
  channels: [{ channel: "web", enquiries: newEnquiries }],
  languages: [
    { language: "de", enquiries: null },
    { language: "en", enquiries: 0 },
    { language: "not_recorded", enquiries: null },
  ],
  ageBands: [],
  genders: [],
});
const report: StatisticsReport = {
  year: 2025,
  period: "month",
  by: "agency",
  minCellSize: 5,
  channelsOffered: ["web"],
  notRecorded: ["age_band", "gender"],
  rows: [
    row("2025-03", { id: null, name: "" }, 1234),
    row("2025-03", { id: "agy-1", name: 'Stelle "Nord"; Mitte' }, null),
  ],
};
const t = (language: "de" | "en") => createI18n(language).getFixedT(language) as unknown as TFunction;

describe("statistics table", () => {
  it("reads suppressed cells as such, empty medians as –, numbers as the language writes them", () => {
    const table = statisticsTable(report, t("de"), "de");
    expect(table.headers).toHaveLength(17);
    expect(table.rows[0]).toEqual([
      "März 2025",
      "Alle",
      "1.234",
      "6",
      "0",
      "3,5",
      "7",
      "ausgeblendet",
      "ausgeblendet",
      "12",
      "40",
      "–",
      "–",
      "1.234",
      "ausgeblendet",
      "0",
      "ausgeblendet",
    ]);
    expect(statisticsTable(report, t("en"), "en").rows[1]!.slice(0, 3)).toEqual([
      "Mar 2025",
      'Stelle "Nord"; Mitte',
      "suppressed",
    ]);
  });

  it("writes the same cells as CSV, quoting what needs it", () => {
    const table = statisticsTable(report, t("de"), "de");
    const csv = toCsv(table);
    const lines = csv.split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("");
    expect(lines[1]!.split(";")).toEqual(table.rows[0]);
    expect(lines[2]!.startsWith('März 2025;"Stelle ""Nord""; Mitte";ausgeblendet;')).toBe(true);
  });

  it("adds a column per age band and gender only for the questions the organisation asks (ADR 0050)", () => {
    const asked: StatisticsReport = {
      ...report,
      notRecorded: ["gender"],
      rows: [
        {
          ...row("2025", { id: null, name: "" }, 12),
          ageBands: [
            { ageBand: "under_14", enquiries: 0 },
            { ageBand: "14_17", enquiries: 0 },
            { ageBand: "18_26", enquiries: 7 },
            { ageBand: "27_49", enquiries: null },
            { ageBand: "50_64", enquiries: 0 },
            { ageBand: "65_plus", enquiries: 0 },
            { ageBand: "not_stated", enquiries: null },
          ],
        },
      ],
    };
    const table = statisticsTable(asked, t("de"), "de");
    expect(table.headers).toHaveLength(17 + 7);
    expect(table.headers.slice(17)).toEqual([
      "Alter unter 14",
      "Alter 14–17",
      "Alter 18–26",
      "Alter 27–49",
      "Alter 50–64",
      "Alter 65+",
      "Alter keine Angabe",
    ]);
    expect(table.rows[0]!.slice(17)).toEqual(["0", "0", "7", "ausgeblendet", "0", "0", "ausgeblendet"]);
  });
});
