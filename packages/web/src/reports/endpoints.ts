// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetStatistics, GetStatisticsSettings, PutStatisticsSettings } from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Statistics for funders (ADR 0045).
export const statistics: Endpoint<typeof GetStatistics> = {
  method: "GET",
  path: "/api/organisations/:orgId/statistics",
};
export const statisticsSettings: Endpoint<typeof GetStatisticsSettings> = {
  method: "GET",
  path: "/api/organisations/:orgId/statistics/settings",
};
export const putStatisticsSettings: Endpoint<typeof PutStatisticsSettings> = {
  method: "PUT",
  path: "/api/organisations/:orgId/statistics/settings",
};
