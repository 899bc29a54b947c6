// SPDX-License-Identifier: AGPL-3.0-or-later
/** Reports: statistics for funders (ADR 0045). */
export { registerReportRoutes } from "./routes";
