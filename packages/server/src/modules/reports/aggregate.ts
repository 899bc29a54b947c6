// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  StatisticsAgeBand,
  StatisticsGender,
  type ClientDetailQuestions,
  type StatisticsDistribution,
  type StatisticsGrouping,
  type StatisticsLanguage,
  type StatisticsPeriod,
  type StatisticsRow,
} from "@obhut/protocol";
import type { CaseFacts, NamedGroup } from "./store";
import { suppress, type Constraint } from "./suppress";

/**
 * Turns case metadata into the rows of a statistics report (ADR 0045). The
 * whole hierarchy of a year — twelve months, four quarters, the year — is
 * counted and suppressed at once, whatever view is asked for, so that the
 * views agree and cannot be subtracted from each other.
 */

const ALL = "*";
const LANGUAGES: readonly StatisticsLanguage[] = ["de", "en", "not_recorded"];
const AGE_BANDS = StatisticsAgeBand.options;
const GENDERS = StatisticsGender.options;
/**
 * The published counts; each is suppressed over the year's hierarchy and the
 * groups. A voluntary detail (ADR 0050) the organisation does not ask adds no
 * cells and no equations, so it cannot hide anything elsewhere.
 */
function measuresFor(questions: ClientDetailQuestions): string[] {
  return [
    "enquiries",
    "opened",
    "closed",
    ...LANGUAGES.map((l) => `lang:${l}`),
    ...(questions.ageBand ? AGE_BANDS.map((a) => `age:${a}`) : []),
    ...(questions.gender ? GENDERS.map((g) => `gender:${g}`) : []),
  ];
}

export function periodsOf(year: number): { year: string; quarters: string[]; months: string[] } {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
  return { year: String(year), quarters: [1, 2, 3, 4].map((q) => `${year}-Q${q}`), months };
}

/** The month, quarter and year (UTC) a time falls in, or nothing outside the year. */
function periodKeys(year: number, at: number | null): string[] {
  if (at === null) return [];
  const d = new Date(at);
  if (d.getUTCFullYear() !== year) return [];
  const m = d.getUTCMonth();
  return [`${year}-${String(m + 1).padStart(2, "0")}`, `${year}-Q${Math.floor(m / 3) + 1}`, String(year)];
}

/** Median (mean of the middle two for an even count) and 90th percentile (nearest rank), rounded to 0.1. */
export function distribution(values: readonly number[]): { median: number; p90: number } {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length / 2;
  const median = s.length % 2 === 1 ? s[Math.floor(mid)]! : (s[mid - 1]! + s[mid]!) / 2;
  const p90 = s[Math.ceil(0.9 * s.length) - 1]!;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { median: round(median), p90: round(p90) };
}

export interface BuildReportProps {
  year: number;
  period: StatisticsPeriod;
  by: StatisticsGrouping;
  k: number;
  facts: readonly CaseFacts[];
  groups: readonly NamedGroup[];
  /** Which voluntary details the organisation asks; the others are counted as not stated and not shown. */
  questions: ClientDetailQuestions;
}

export function buildRows(props: BuildReportProps): StatisticsRow[] {
  const { year, by, k, facts } = props;
  const groupIds = by === "none" ? [] : props.groups.map((g) => g.id);
  const names = new Map(props.groups.map((g) => [g.id, g.name]));
  const p = periodsOf(year);
  const allPeriods = [p.year, ...p.quarters, ...p.months];
  const measures = measuresFor(props.questions);

  const counts = new Map<string, number>();
  const samples = new Map<string, number[]>();
  const key = (m: string, g: string, per: string) => `${m}|${g}|${per}`;
  const groupOf = (f: CaseFacts) =>
    by === "agency" ? f.agencyId : by === "team" ? f.teamId : by === "topic" ? f.topicId : undefined;
  const add = (measure: string, f: CaseFacts, at: number | null, sample?: number) => {
    const gs = [ALL, groupOf(f)].filter((g): g is string => g !== undefined);
    for (const per of periodKeys(year, at))
      for (const g of gs) {
        const k2 = key(measure, g, per);
        counts.set(k2, (counts.get(k2) ?? 0) + 1);
        if (sample === undefined) continue;
        const list = samples.get(k2);
        if (list) list.push(sample);
        else samples.set(k2, [sample]);
      }
  };
  for (const f of facts) {
    add("enquiries", f, f.createdAt, f.messages);
    // Samples only (their counts are never published, see StatisticsDistribution).
    if (f.firstStaffMessageAt !== null) add("answered", f, f.createdAt, (f.firstStaffMessageAt - f.createdAt) / 60_000);
    if (f.acceptedAt !== null) add("accepted", f, f.createdAt, (f.acceptedAt - f.createdAt) / 60_000);
    add(`lang:${f.language === "de" || f.language === "en" ? f.language : "not_recorded"}`, f, f.createdAt);
    if (props.questions.ageBand) add(`age:${f.ageBand ?? "not_stated"}`, f, f.createdAt);
    if (props.questions.gender) add(`gender:${f.gender ?? "not_stated"}`, f, f.createdAt);
    add("opened", f, f.acceptedAt);
    if (f.closedAt !== null) add("closed", f, f.closedAt, (f.closedAt - f.createdAt) / 86_400_000);
  }

  const constraints: Constraint[] = [];
  for (const m of measures) {
    for (const g of [ALL, ...groupIds]) {
      constraints.push({ total: key(m, g, p.year), parts: p.quarters.map((q) => key(m, g, q)) });
      p.quarters.forEach((q, i) =>
        constraints.push({ total: key(m, g, q), parts: p.months.slice(i * 3, i * 3 + 3).map((mo) => key(m, g, mo)) }),
      );
    }
    if (groupIds.length > 0)
      for (const per of allPeriods)
        constraints.push({ total: key(m, ALL, per), parts: groupIds.map((g) => key(m, g, per)) });
  }
  for (const g of [ALL, ...groupIds])
    for (const per of allPeriods) {
      const e = key("enquiries", g, per);
      constraints.push({ total: e, parts: LANGUAGES.map((l) => key(`lang:${l}`, g, per)) });
      if (props.questions.ageBand) constraints.push({ total: e, parts: AGE_BANDS.map((a) => key(`age:${a}`, g, per)) });
      if (props.questions.gender) constraints.push({ total: e, parts: GENDERS.map((x) => key(`gender:${x}`, g, per)) });
    }
  const published = new Map([...counts].filter(([k2]) => measures.some((m) => k2.startsWith(`${m}|`))));
  const hidden = suppress(published, constraints, k);

  const cell = (k2: string) => (hidden.has(k2) ? null : (counts.get(k2) ?? 0));
  const dist = (k2: string): StatisticsDistribution => {
    const values = samples.get(k2) ?? [];
    if (values.length === 0) return { median: null, p90: null, suppressed: false };
    if (values.length < k) return { median: null, p90: null, suppressed: true };
    return { ...distribution(values), suppressed: false };
  };

  const shown = props.period === "year" ? [p.year] : props.period === "quarter" ? p.quarters : p.months;
  const rows: StatisticsRow[] = [];
  for (const per of shown)
    for (const g of [ALL, ...groupIds]) {
      const enquiries = cell(key("enquiries", g, per));
      rows.push({
        period: per,
        group: g === ALL ? { id: null, name: "" } : { id: g, name: names.get(g) ?? "" },
        newEnquiries: enquiries,
        casesOpened: cell(key("opened", g, per)),
        casesClosed: cell(key("closed", g, per)),
        messagesPerCase: dist(key("enquiries", g, per)),
        firstAnswerMinutes: dist(key("answered", g, per)),
        waitingMinutes: dist(key("accepted", g, per)),
        durationDays: dist(key("closed", g, per)),
        // Every enquiry today comes through the web; the other channels join here when they exist.
        channels: [{ channel: "web", enquiries }],
        languages: LANGUAGES.map((language) => ({ language, enquiries: cell(key(`lang:${language}`, g, per)) })),
        ageBands: props.questions.ageBand
          ? AGE_BANDS.map((ageBand) => ({ ageBand, enquiries: cell(key(`age:${ageBand}`, g, per)) }))
          : [],
        genders: props.questions.gender
          ? GENDERS.map((gender) => ({ gender, enquiries: cell(key(`gender:${gender}`, g, per)) }))
          : [],
      });
    }
  return rows;
}
