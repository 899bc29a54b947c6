// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the dpo module: other modules, app/ and cli/ import only from here. */
export { anchorAuditChains, verifyAuditLog } from "./audit-verify";
export { runBreachReminders } from "./breaches";
export { runTrainingReminders } from "./trainings";
export { registerDpoRoutes } from "./routes";
