// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { OrganisationIdParams } from "./admin";
import { AgeBand, Gender } from "./client-details";

/**
 * Statistics for funders (issue #22, ADR 0045): yearly figures for management
 * and the DPO, computed from metadata the server already has (case times,
 * message counts, the language of the accepted privacy notice), never from
 * content. Small cells are suppressed: a count below the organisation's
 * minimum cell size (k ≥ 5) is `null`, and so is a second cell where one
 * suppressed cell could otherwise be recovered by subtraction from a total.
 */

/** The smallest k an organisation may choose; it may only raise it. */
export const STATISTICS_MIN_CELL_SIZE = 5;
export const STATISTICS_MAX_CELL_SIZE = 100;

export const StatisticsPeriod = z.enum(["month", "quarter", "year"]);
export type StatisticsPeriod = z.infer<typeof StatisticsPeriod>;

/** How rows are broken down; `none` gives one row per period. */
export const StatisticsGrouping = z.enum(["none", "agency", "team", "topic"]);
export type StatisticsGrouping = z.infer<typeof StatisticsGrouping>;

/**
 * Ways a client reaches the organisation. Only `web` (the encrypted web
 * enquiry) exists today; the others are listed so reports keep their shape
 * when they are added.
 */
export const StatisticsChannel = z.enum(["web", "contact_form", "live_chat", "video", "appointment"]);
export type StatisticsChannel = z.infer<typeof StatisticsChannel>;

/** A language the server knows for a client (of the privacy notice they accepted), or that it knows none. */
export const StatisticsLanguage = z.enum(["de", "en", "not_recorded"]);
export type StatisticsLanguage = z.infer<typeof StatisticsLanguage>;

/** A voluntary client detail (ADR 0050) as counted: a band or gender, or "not_stated" (not asked or keine Angabe). */
export const StatisticsAgeBand = z.enum([...AgeBand.options, "not_stated"]);
export type StatisticsAgeBand = z.infer<typeof StatisticsAgeBand>;
export const StatisticsGender = z.enum([...Gender.options, "not_stated"]);
export type StatisticsGender = z.infer<typeof StatisticsGender>;

/** A count; `null` means suppressed (fewer than k people, or hidden so a suppressed cell cannot be recomputed). */
export const StatisticsCell = z.number().int().nonnegative().nullable();
export type StatisticsCell = z.infer<typeof StatisticsCell>;

/**
 * Median and 90th percentile over the cases the figure is about. `suppressed`
 * when they are fewer than k (a percentile of a few cases describes
 * individuals); both values are `null` then, and when there are none. The
 * number of cases is not given: it is not additive to the published counts
 * and would open a way to recover small cells by subtraction.
 */
export const StatisticsDistribution = z
  .object({
    median: z.number().nonnegative().nullable(),
    p90: z.number().nonnegative().nullable(),
    suppressed: z.boolean(),
  })
  .strict();
export type StatisticsDistribution = z.infer<typeof StatisticsDistribution>;

export const StatisticsGroup = z
  .object({
    /** Null for the row over all groups of the period. */
    id: Id.nullable(),
    /** The agency's, team's or topic's name (organisational, never a person's). */
    name: z.string(),
  })
  .strict();

export const StatisticsRow = z
  .object({
    /** "2026", "2026-Q1" or "2026-03" (UTC). */
    period: z.string(),
    group: StatisticsGroup,
    /** Enquiries received (cases created) in the period. */
    newEnquiries: StatisticsCell,
    /** Cases a counsellor took on (accepted) in the period. */
    casesOpened: StatisticsCell,
    casesClosed: StatisticsCell,
    /** Messages per case (counts only), over the cases of the period's enquiries. */
    messagesPerCase: StatisticsDistribution,
    /** Enquiry to the first staff message, in minutes. */
    firstAnswerMinutes: StatisticsDistribution,
    /** Enquiry until a counsellor took the case on, in minutes. */
    waitingMinutes: StatisticsDistribution,
    /** Enquiry to closing, in days, over the cases closed in the period. */
    durationDays: StatisticsDistribution,
    channels: z.array(z.object({ channel: StatisticsChannel, enquiries: StatisticsCell }).strict()),
    languages: z.array(z.object({ language: StatisticsLanguage, enquiries: StatisticsCell }).strict()),
    /** Enquiries by the client's voluntary age band / gender at this organisation (ADR 0050); empty when not asked. */
    ageBands: z.array(z.object({ ageBand: StatisticsAgeBand, enquiries: StatisticsCell }).strict()),
    genders: z.array(z.object({ gender: StatisticsGender, enquiries: StatisticsCell }).strict()),
  })
  .strict()
  .meta({ id: "StatisticsRow" });
export type StatisticsRow = z.infer<typeof StatisticsRow>;

export const StatisticsReport = z
  .object({
    year: z.number().int(),
    period: StatisticsPeriod,
    by: StatisticsGrouping,
    /** The organisation's minimum cell size k in force for this report. */
    minCellSize: z.number().int().min(STATISTICS_MIN_CELL_SIZE),
    /** Channels the organisation offers today (the others stay out of the rows' totals). */
    channelsOffered: z.array(StatisticsChannel),
    /** Voluntary client details the organisation does not ask (ADR 0050); their breakdowns are left out. */
    notRecorded: z.array(z.enum(["age_band", "gender"])),
    rows: z.array(StatisticsRow),
  })
  .strict()
  .meta({ id: "StatisticsReport" });
export type StatisticsReport = z.infer<typeof StatisticsReport>;

export const StatisticsQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    period: StatisticsPeriod.default("month"),
    by: StatisticsGrouping.default("none"),
  })
  .strict();

export const GetStatistics = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/statistics",
  summary:
    "Statistics for funders: per period and agency/team/topic, counts and times from metadata, small cells suppressed (admins, DPO)",
  tag: "statistics",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  query: StatisticsQuery,
  responses: { 200: StatisticsReport },
});

export const StatisticsSettings = z
  .object({ minCellSize: z.number().int().min(STATISTICS_MIN_CELL_SIZE).max(STATISTICS_MAX_CELL_SIZE) })
  .strict()
  .meta({ id: "StatisticsSettings" });
export type StatisticsSettings = z.infer<typeof StatisticsSettings>;

export const GetStatisticsSettings = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/statistics/settings",
  summary: "The organisation's minimum cell size k for statistics (5 unless raised)",
  tag: "statistics",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: StatisticsSettings },
});

export const PutStatisticsSettings = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/statistics/settings",
  summary: "Raise (or lower, never below 5) the minimum cell size k for statistics (admins; audited)",
  tag: "statistics",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: StatisticsSettings,
  responses: { 200: StatisticsSettings },
});
