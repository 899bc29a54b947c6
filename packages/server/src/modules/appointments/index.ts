// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the appointments module (ADR 0052): other modules, app/ and cli/ import only from here. */
export { registerAppointmentRoutes } from "./routes";
