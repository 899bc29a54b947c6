// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the cases module: other modules, app/ and cli/ import only from here. */
export { caseConversationKind } from "./messages";
export { CASES_TOPIC, publishCaseUpdate } from "./notify";
export { registerCaseRoutes } from "./routes";
export { openCaseUpdatesOfAssignee, loadCaseEvents, loadCaseViews, type CaseRow } from "./store";
export { oweRotationAfterAdminRemoval, syncTeamCases } from "./teams";
