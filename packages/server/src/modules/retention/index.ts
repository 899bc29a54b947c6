// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the retention module: other modules, app/ and cli/ import only from here. */
export { auditPrunePoint, pruneMessage } from "./audit-pruning";
export { registerRetentionRoutes } from "./routes";
export { INSTANCE_SCOPE, effectiveRules, storeRules } from "./rules";
export { deleteCase, flushPendingBlobs, removeCredentials, runRetention, type RetentionReport } from "./run";
