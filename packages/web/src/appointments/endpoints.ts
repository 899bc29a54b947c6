// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  BookAppointment,
  CancelAppointment,
  CreateCalendarFeed,
  GetCaseAppointments,
  GetMyAvailability,
  PutMyAvailability,
  RevokeCalendarFeed,
} from "@obhut/protocol";
import type { Endpoint } from "../api/client";

// Appointments (ADR 0052): a counsellor's availability and calendar feed; a case's bookings.
export const myAvailability: Endpoint<typeof GetMyAvailability> = {
  method: "GET",
  path: "/api/appointments/availability",
};
export const saveAvailability: Endpoint<typeof PutMyAvailability> = {
  method: "PUT",
  path: "/api/appointments/availability",
};
export const caseAppointments: Endpoint<typeof GetCaseAppointments> = {
  method: "GET",
  path: "/api/cases/:caseId/appointments",
};
export const bookAppointment: Endpoint<typeof BookAppointment> = {
  method: "POST",
  path: "/api/cases/:caseId/appointments",
};
export const cancelAppointment: Endpoint<typeof CancelAppointment> = {
  method: "DELETE",
  path: "/api/appointments/:appointmentId",
};
export const createCalendarFeed: Endpoint<typeof CreateCalendarFeed> = {
  method: "POST",
  path: "/api/appointments/feed",
};
export const revokeCalendarFeed: Endpoint<typeof RevokeCalendarFeed> = {
  method: "DELETE",
  path: "/api/appointments/feed",
};
