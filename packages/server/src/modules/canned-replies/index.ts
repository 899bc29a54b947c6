// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the canned-replies module: other modules, app/ and cli/ import only from here. */
export { registerCannedReplyRoutes } from "./routes";
