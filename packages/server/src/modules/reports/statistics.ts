// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  STATISTICS_MIN_CELL_SIZE,
  type StatisticsGrouping,
  type StatisticsPeriod,
  type StatisticsReport,
  type StatisticsSettings,
} from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { recordAudit } from "../../core/audit";
import { authorize } from "../../policies";
import { buildRows } from "./aggregate";
import { questionsOf } from "./store-client-details";
import { caseFacts, groupsOf, minCellSizeOf, storeMinCellSize } from "./store";

/**
 * Statistics for funders (issue #22, ADR 0045): for the organisation's
 * administrators and DPO, computed on request from case and message
 * metadata. Nothing about a person leaves: no ids, no pseudonyms, and every
 * count of fewer than k people is suppressed together with the cells that
 * would give it away.
 */

export interface GetStatisticsProps {
  actor: Actor;
  orgId: string;
  year: number;
  period: StatisticsPeriod;
  by: StatisticsGrouping;
}

export async function getStatistics(ctx: AppContext, props: GetStatisticsProps): Promise<StatisticsReport> {
  authorize(props.actor, "statistics.read", { type: "organisation", organisationId: props.orgId });
  const db = ctx.db.db;
  const k = (await minCellSizeOf(db, props.orgId)) ?? STATISTICS_MIN_CELL_SIZE;
  const from = Date.UTC(props.year, 0, 1);
  const to = Date.UTC(props.year + 1, 0, 1);
  const facts = await caseFacts(db, props.orgId, from, to);
  const groups = props.by === "none" ? [] : await groupsOf(db, props.orgId, props.by);
  // A question the organisation does not ask (any more) is not counted, whatever was answered before.
  const questions = await questionsOf(db, props.orgId);
  const notRecorded = [
    ...(questions.ageBand ? [] : (["age_band"] as const)),
    ...(questions.gender ? [] : (["gender"] as const)),
  ];
  return {
    year: props.year,
    period: props.period,
    by: props.by,
    minCellSize: k,
    channelsOffered: ["web"],
    notRecorded,
    rows: buildRows({ year: props.year, period: props.period, by: props.by, k, facts, groups, questions }),
  };
}

export async function getStatisticsSettings(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<StatisticsSettings> {
  authorize(props.actor, "statistics.read", { type: "organisation", organisationId: props.orgId });
  return { minCellSize: (await minCellSizeOf(ctx.db.db, props.orgId)) ?? STATISTICS_MIN_CELL_SIZE };
}

export async function setStatisticsSettings(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; minCellSize: number },
): Promise<StatisticsSettings> {
  authorize(props.actor, "statistics.settings", { type: "organisation", organisationId: props.orgId });
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await storeMinCellSize(trx, props.orgId, props.minCellSize, now);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "statistics.settings_updated",
      target: { type: "organisation", id: props.orgId },
      data: { minCellSize: props.minCellSize },
    });
  });
  return { minCellSize: props.minCellSize };
}
