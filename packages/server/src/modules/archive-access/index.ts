// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the archive-access module (ADR 0032): other modules, app/ and cli/ import only from here. */
export { registerArchiveAccessRoutes } from "./routes";
