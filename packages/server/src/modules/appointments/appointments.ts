// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  APPOINTMENT_TIME_ZONE,
  type AvailabilityInput,
  type AppointmentKind,
  type CaseAppointments,
  type MyAvailability,
  type StaffAppointment,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import { AppError, NotFoundError } from "../../core/errors";
import { newId } from "../../core/ids";
import { isUniqueViolation } from "../../infra/db/unique-violation";
import { authorize, authorizeCase } from "../../policies";
import { freeSlots, kindsOf } from "./slots";
import {
  appointmentRow,
  appointmentsOfCase,
  appointmentsOfCounsellor,
  daysOffOf,
  deleteAppointment,
  feedOf,
  insertAppointment,
  replaceAvailability,
  slotsOf,
  type AppointmentRow,
} from "./store";

/**
 * Appointments (issue #20, ADR 0052): a counsellor's weekly slots, a case's
 * bookings and cancellations. The server keeps times, kind and ids — never
 * anything about the topic; audit entries carry the kind at most.
 */

function present(a: AppointmentRow): StaffAppointment {
  return { id: a.id, caseId: a.case_id, startsAt: a.starts_at, endsAt: a.ends_at, kind: a.kind };
}

function ownResource(actor: Actor) {
  return { type: "own" as const, ownerId: actor.accountId };
}

export async function getMyAvailability(ctx: AppContext, props: { actor: Actor }): Promise<MyAvailability> {
  const { actor } = props;
  authorize(actor, "appointment.availability", ownResource(actor));
  const db = ctx.db.db;
  const [slots, daysOff, appointments, feed] = await Promise.all([
    slotsOf(db, actor.accountId),
    daysOffOf(db, actor.accountId),
    appointmentsOfCounsellor(db, actor.accountId, ctx.clock.now()),
    feedOf(db, actor.accountId),
  ]);
  return {
    timeZone: APPOINTMENT_TIME_ZONE,
    slots: slots.map((s) => ({
      weekday: s.weekday,
      startMinute: s.start_minute,
      endMinute: s.end_minute,
      slotMinutes: s.slot_minutes as 30 | 45 | 60,
      kinds: kindsOf(s.kinds),
    })),
    daysOff,
    appointments: appointments.map(present),
    feedCreatedAt: feed?.created_at ?? null,
  };
}

export async function setMyAvailability(
  ctx: AppContext,
  props: { actor: Actor; input: AvailabilityInput },
): Promise<MyAvailability> {
  const { actor, input } = props;
  authorize(actor, "appointment.availability", ownResource(actor));
  const orgId = actor.organisationId;
  if (orgId === null) throw new NotFoundError("No organisation");
  const now = ctx.clock.now();
  const slots = input.slots.map((s) => ({
    id: newId(),
    organisation_id: orgId,
    counsellor_id: actor.accountId,
    weekday: s.weekday,
    start_minute: s.startMinute,
    end_minute: s.endMinute,
    slot_minutes: s.slotMinutes,
    kinds: [...new Set(s.kinds)].join(","),
    time_zone: APPOINTMENT_TIME_ZONE,
    created_at: now,
  }));
  const daysOff = [...new Set(input.daysOff)].map((day) => ({
    organisation_id: orgId,
    counsellor_id: actor.accountId,
    day,
  }));
  await ctx.db.db.transaction().execute(async (trx) => {
    await replaceAvailability(trx, actor.accountId, slots, daysOff);
    // How many rules and days off, never the times (they would show a person's working pattern to auditors only).
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: actor.accountId,
      action: "appointment.availability_set",
      target: { type: "account", id: actor.accountId },
      data: { slots: slots.length, daysOff: daysOff.length },
    });
  });
  return getMyAvailability(ctx, { actor });
}

/** The counsellor whose slots a case offers: its assignee while the case is open. */
function counsellorOf(c: { assignee_id: string | null; state: string }): string | null {
  return c.state === "new" || c.state === "active" ? c.assignee_id : null;
}

async function freeOf(ctx: AppContext, counsellorId: string, now: number) {
  const db = ctx.db.db;
  const [rules, daysOff, booked] = await Promise.all([
    slotsOf(db, counsellorId),
    daysOffOf(db, counsellorId),
    appointmentsOfCounsellor(db, counsellorId, now),
  ]);
  return { free: freeSlots({ now, timeZone: APPOINTMENT_TIME_ZONE, rules, daysOff, booked }), booked };
}

export async function getCaseAppointments(
  ctx: AppContext,
  props: { actor: Actor; caseId: string },
): Promise<CaseAppointments> {
  const { c } = await authorizeCase(ctx, props.actor, props.caseId, "appointment.book");
  const now = ctx.clock.now();
  const counsellorId = counsellorOf(c);
  const appointments = (await appointmentsOfCase(ctx.db.db, c.id, now)).map(present);
  const free = counsellorId === null ? [] : (await freeOf(ctx, counsellorId, now)).free;
  return { bookable: counsellorId !== null, timeZone: APPOINTMENT_TIME_ZONE, appointments, free };
}

export async function bookAppointment(
  ctx: AppContext,
  props: { actor: Actor; caseId: string; startsAt: number; kind: AppointmentKind },
): Promise<StaffAppointment> {
  const { actor, startsAt, kind } = props;
  const { c } = await authorizeCase(ctx, actor, props.caseId, "appointment.book");
  const now = ctx.clock.now();
  if (startsAt <= now) throw new AppError("appointment_in_past", "This time has already passed");
  const counsellorId = counsellorOf(c);
  if (counsellorId === null) throw new AppError("appointment_slot_unavailable", "The case has no counsellor yet");
  const { free, booked } = await freeOf(ctx, counsellorId, now);
  if (booked.some((b) => b.starts_at === startsAt)) throw slotTaken();
  const slot = free.find((s) => s.startsAt === startsAt);
  if (!slot || !slot.kinds.includes(kind))
    throw new AppError("appointment_slot_unavailable", "Not a slot the counsellor offers");
  const row: AppointmentRow = {
    id: newId(),
    organisation_id: c.organisation_id,
    counsellor_id: counsellorId,
    case_id: c.id,
    starts_at: slot.startsAt,
    ends_at: slot.endsAt,
    kind,
    booked_by: actor.accountId,
    created_at: now,
  };
  try {
    await ctx.db.db.transaction().execute(async (trx) => {
      // The unique index (counsellor, start) lets exactly one of concurrent bookings of this slot through.
      await insertAppointment(trx, row);
      await recordAudit(trx, now, {
        organisationId: c.organisation_id,
        actorId: actor.accountId,
        action: "appointment.booked",
        target: { type: "case", id: c.id },
        data: { appointment: row.id, kind },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slotTaken();
    throw err;
  }
  return present(row);
}

function slotTaken(): AppError {
  return new AppError("appointment_slot_taken", "Someone else has just booked this slot");
}

export async function cancelAppointment(
  ctx: AppContext,
  props: { actor: Actor; appointmentId: string },
): Promise<void> {
  const { actor } = props;
  const row = await appointmentRow(ctx.db.db, props.appointmentId);
  if (!row) throw new NotFoundError("No such appointment");
  // Whoever may book for the case may cancel; others learn nothing (authorizeCase answers not found).
  const { c } = await authorizeCase(ctx, actor, row.case_id, "appointment.book");
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await deleteAppointment(trx, row.id);
    await recordAudit(trx, now, {
      organisationId: c.organisation_id,
      actorId: actor.accountId,
      action: "appointment.cancelled",
      target: { type: "case", id: c.id },
      data: { appointment: row.id },
    });
  });
}
