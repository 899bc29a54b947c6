// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  BookAppointment,
  CalendarFeed,
  CancelAppointment,
  CreateCalendarFeed,
  GetCaseAppointments,
  GetMyAvailability,
  PutMyAvailability,
  RevokeCalendarFeed,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { RouteTable } from "../../core/route-table";
import {
  bookAppointment,
  cancelAppointment,
  getCaseAppointments,
  getMyAvailability,
  setMyAvailability,
} from "./appointments";
import { calendarFeedText, createCalendarFeed, revokeCalendarFeed } from "./feed";

/** Appointments (ADR 0052): availability, a case's bookings, the staff calendar feed. */
export function registerAppointmentRoutes(routes: RouteTable, ctx: AppContext): void {
  routes.add(GetMyAvailability, async ({ actor }) => ({ status: 200, body: await getMyAvailability(ctx, { actor }) }));

  routes.add(PutMyAvailability, async ({ actor, body }) => ({
    status: 200,
    body: await setMyAvailability(ctx, { actor, input: body }),
  }));

  routes.add(GetCaseAppointments, async ({ actor, params }) => ({
    status: 200,
    body: await getCaseAppointments(ctx, { actor, caseId: params.caseId }),
  }));

  routes.add(BookAppointment, async ({ actor, params, body }) => ({
    status: 201,
    body: {
      appointment: await bookAppointment(ctx, {
        actor,
        caseId: params.caseId,
        startsAt: body.startsAt,
        kind: body.kind,
      }),
    },
  }));

  routes.add(CancelAppointment, async ({ actor, params }) => {
    await cancelAppointment(ctx, { actor, appointmentId: params.appointmentId });
    return { status: 204, body: null };
  });

  routes.add(CreateCalendarFeed, async ({ actor }) => ({
    status: 201,
    body: await createCalendarFeed(ctx, { actor }),
  }));

  routes.add(RevokeCalendarFeed, async ({ actor }) => {
    await revokeCalendarFeed(ctx, { actor });
    return { status: 204, body: null };
  });

  routes.add(CalendarFeed, async ({ params, reply }) => {
    const text = await calendarFeedText(ctx, { token: params.token });
    reply
      .status(200)
      .header("content-type", "text/calendar; charset=utf-8")
      .header("cache-control", "private, no-store")
      .header("referrer-policy", "no-referrer");
    void reply.send(text);
    return { raw: true };
  });
}
