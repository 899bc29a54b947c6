// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the dsr module: other modules, app/ and cli/ import only from here. */
export { runDsrReminders, type DsrReminderSink } from "./requests";
export { registerDsrRoutes } from "./routes";
export { countOverdueDsrRequests } from "./store-overdue";
