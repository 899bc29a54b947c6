// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { CalendarDate } from "./dsr";

/**
 * Appointments (issue #20, ADR 0052): a counsellor publishes weekly slots
 * (local times in an IANA time zone) and days off; a client books a free
 * slot of their case's counsellor for the next APPOINTMENT_HORIZON_DAYS days
 * and may cancel it. The server keeps times, kind and the case and
 * counsellor ids only. Staff may subscribe to a content-free ICS feed.
 */

export const APPOINTMENT_HORIZON_DAYS = 14;
export const APPOINTMENT_TIME_ZONE = "Europe/Berlin";
export const APPOINTMENT_LIMITS = { slots: 50, daysOff: 100 } as const;

export const AppointmentKind = z.enum(["video", "phone", "on_site"]);
export type AppointmentKind = z.infer<typeof AppointmentKind>;

/** Minutes after local midnight. */
const LocalMinute = z.number().int().min(0).max(1440);

/** One weekly availability rule: on `weekday` (0 = Sunday) from `startMinute` to `endMinute`, in slots of `slotMinutes`. */
export const WeeklySlot = z
  .object({
    weekday: z.number().int().min(0).max(6),
    startMinute: LocalMinute,
    endMinute: LocalMinute,
    slotMinutes: z.union([z.literal(30), z.literal(45), z.literal(60)]),
    kinds: z.array(AppointmentKind).min(1).max(3),
  })
  .strict()
  .refine((s) => s.endMinute - s.startMinute >= s.slotMinutes, {
    message: "the window must hold at least one slot",
    path: ["endMinute"],
  });
export type WeeklySlot = z.infer<typeof WeeklySlot>;

export const AvailabilityInput = z
  .object({
    slots: z.array(WeeklySlot).max(APPOINTMENT_LIMITS.slots),
    /** Local days on which no slot is offered. */
    daysOff: z.array(CalendarDate).max(APPOINTMENT_LIMITS.daysOff),
  })
  .strict();
export type AvailabilityInput = z.infer<typeof AvailabilityInput>;

/** An appointment as the counsellor sees it: times, kind and the case it belongs to — nothing about the topic. */
export const StaffAppointment = z
  .object({
    id: Id,
    caseId: Id,
    startsAt: z.number().int(),
    endsAt: z.number().int(),
    kind: AppointmentKind,
  })
  .strict();
export type StaffAppointment = z.infer<typeof StaffAppointment>;

export const MyAvailability = z
  .object({
    timeZone: z.string(),
    slots: z.array(WeeklySlot),
    daysOff: z.array(CalendarDate),
    /** Upcoming appointments with the signed-in counsellor. */
    appointments: z.array(StaffAppointment),
    /** Since when a calendar feed exists (its address is shown once, when made); null: none. */
    feedCreatedAt: z.number().int().nullable(),
  })
  .strict()
  .meta({ id: "MyAvailability" });
export type MyAvailability = z.infer<typeof MyAvailability>;

export const FreeSlot = z
  .object({ startsAt: z.number().int(), endsAt: z.number().int(), kinds: z.array(AppointmentKind) })
  .strict();
export type FreeSlot = z.infer<typeof FreeSlot>;

export const CaseAppointments = z
  .object({
    /** The case has a counsellor whose slots can be booked. */
    bookable: z.boolean(),
    timeZone: z.string(),
    appointments: z.array(StaffAppointment),
    free: z.array(FreeSlot),
  })
  .strict()
  .meta({ id: "CaseAppointments" });
export type CaseAppointments = z.infer<typeof CaseAppointments>;

export const BookAppointmentBody = z.object({ startsAt: z.number().int(), kind: AppointmentKind }).strict();

const CaseParams = z.object({ caseId: Id }).strict();
const AppointmentParams = z.object({ appointmentId: Id }).strict();
/** The feed token: 43 base64url characters (32 random bytes). */
export const CalendarFeedParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/) }).strict();

export const GetMyAvailability = defineRoute({
  method: "GET",
  path: "/api/appointments/availability",
  summary: "One's weekly slots, days off, upcoming appointments and whether a calendar feed exists (counsellors)",
  tag: "appointments",
  auth: "session",
  rate: "api",
  responses: { 200: MyAvailability },
});

export const PutMyAvailability = defineRoute({
  method: "PUT",
  path: "/api/appointments/availability",
  summary: "Replace one's weekly slots and days off (counsellors; audited without times)",
  tag: "appointments",
  auth: "session",
  rate: "api",
  body: AvailabilityInput,
  responses: { 200: MyAvailability },
});

export const GetCaseAppointments = defineRoute({
  method: "GET",
  path: "/api/cases/:caseId/appointments",
  summary: "The case's appointments and the free slots of its counsellor for the next 14 days (client, case staff)",
  tag: "appointments",
  auth: "session",
  rate: "api",
  params: CaseParams,
  responses: { 200: CaseAppointments },
});

export const BookAppointment = defineRoute({
  method: "POST",
  path: "/api/cases/:caseId/appointments",
  summary:
    "Book a free slot of the case's counsellor (appointment_slot_taken, appointment_in_past, appointment_slot_unavailable; audited)",
  tag: "appointments",
  auth: "session",
  rate: "api",
  params: CaseParams,
  body: BookAppointmentBody,
  responses: { 201: z.object({ appointment: StaffAppointment }).strict() },
});

export const CancelAppointment = defineRoute({
  method: "DELETE",
  path: "/api/appointments/:appointmentId",
  summary: "Cancel an appointment; its slot is free again (client of the case, case staff; audited)",
  tag: "appointments",
  auth: "session",
  rate: "api",
  params: AppointmentParams,
  responses: { 204: z.null() },
});

export const CreateCalendarFeed = defineRoute({
  method: "POST",
  path: "/api/appointments/feed",
  summary: "Make (or remake, revoking the old) one's secret ICS feed address; shown once (counsellors; audited)",
  tag: "appointments",
  auth: "session",
  rate: "api",
  responses: { 201: z.object({ path: z.string(), createdAt: z.number().int() }).strict() },
});

export const RevokeCalendarFeed = defineRoute({
  method: "DELETE",
  path: "/api/appointments/feed",
  summary: "Revoke one's ICS feed address (counsellors; audited)",
  tag: "appointments",
  auth: "session",
  rate: "api",
  responses: { 204: z.null() },
});

// machine-only: calendar programs subscribe to it
export const CalendarFeed = defineRoute({
  method: "GET",
  path: "/api/calendar/:token",
  summary: "A staff member's appointments as ICS: each event only 'Obhut-Termin' and a link, by secret token",
  tag: "appointments",
  auth: "none",
  rate: "public",
  params: CalendarFeedParams,
  produces: "text/calendar",
  responses: { 200: z.string() },
});
