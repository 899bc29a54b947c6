// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the cases module: other modules, app/ and cli/ import only from here. */
export { caseConversationKind } from "./messages";
export { CASES_TOPIC, publishCaseUpdate, type CaseUpdate } from "./notify";
export { registerCaseRoutes } from "./routes";
export {
  openCaseUpdatesOfAssignee,
  currentArchiveGeneration,
  currentTeamGeneration,
  loadCaseEvents,
  loadCaseViews,
  type CaseRow,
} from "./store";
export { syncTeamCases } from "./teams";
