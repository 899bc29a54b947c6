// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  trainingStanding,
  type MyTraining,
  type TrainingInput,
  type TrainingOverview,
  type TrainingParticipant,
} from "@obhut/protocol";
import type { Kysely } from "kysely";
import type { AppContext } from "../../core/context";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import { AppError, NotFoundError } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Database } from "../../infra/db/schema";
import { authorize } from "../../policies";
import { noticeTrainingDue } from "../notifications";
import {
  activeStaff,
  allTrainings,
  claimTrainingReminder,
  insertConfirmation,
  insertTraining,
  latestAttendance,
  listTrainingRows,
  sentTrainingReminders,
  staffMember,
  trainingRow,
  type StaffMember,
  type TrainingRow,
} from "./store-trainings";

/**
 * Training records (issue #21, ADR 0048). The DPO or an admin sets up a
 * training for all staff or one role; each staff member it is meant for
 * confirms their own participation with its day; the overview shows per
 * training who is confirmed until when, due or overdue (one rule,
 * `trainingStanding` in the protocol package). Days are calendar days in
 * the organisation's legal time zone, like the DSR deadlines.
 */

const TIME_ZONE = "Europe/Berlin";

/** The calendar day of instant `now` in the legal time zone (en-CA formats as YYYY-MM-DD). */
export function calendarDay(now: number): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(now));
}

/** Whether a training is meant for a staff member: everyone, or the one role (a team lead is a counsellor). */
export function meantFor(t: Pick<TrainingRow, "audience">, s: Pick<StaffMember, "role">): boolean {
  return t.audience === "all" || t.audience === s.role;
}

/** One person's standing with one training on `today`. */
export function standing(t: TrainingRow, s: StaffMember, attendedOn: string | null, today: string) {
  const assignedOn = calendarDay(Math.max(Number(t.created_at), s.created_at));
  return { assignedOn, ...trainingStanding({ today, intervalMonths: t.interval_months, assignedOn, attendedOn }) };
}

function fields(t: TrainingRow) {
  return {
    id: t.id,
    title: t.title,
    content: t.content,
    link: t.link,
    intervalMonths: t.interval_months === null ? null : Number(t.interval_months),
    audience: t.audience,
    createdAt: Number(t.created_at),
  };
}

function overview(t: TrainingRow, staff: StaffMember[], attended: Map<string, string>, today: string) {
  const participants: TrainingParticipant[] = staff
    .filter((s) => meantFor(t, s))
    .map((s) => {
      const attendedOn = attended.get(`${t.id}|${s.id}`) ?? null;
      const { status, validUntil, dueOn } = standing(t, s, attendedOn, today);
      return { accountId: s.id, name: s.name, role: s.role, status, attendedOn, validUntil, dueOn };
    });
  const count = (status: TrainingParticipant["status"]) => participants.filter((p) => p.status === status).length;
  return {
    ...fields(t),
    participants,
    counts: { confirmed: count("confirmed"), due: count("due"), overdue: count("overdue") },
  } satisfies TrainingOverview;
}

export async function listTrainings(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<{ trainings: TrainingOverview[] }> {
  authorize(props.actor, "training.manage", { type: "organisation", organisationId: props.orgId });
  const db = ctx.db.db;
  const [rows, staff, attended] = await Promise.all([
    listTrainingRows(db, props.orgId),
    activeStaff(db, props.orgId),
    latestAttendance(db, props.orgId),
  ]);
  const today = calendarDay(ctx.clock.now());
  return { trainings: rows.map((t) => overview(t, staff, attended, today)) };
}

export async function createTraining(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; input: TrainingInput },
): Promise<TrainingOverview> {
  const { actor, orgId, input } = props;
  authorize(actor, "training.manage", { type: "organisation", organisationId: orgId });
  const now = ctx.clock.now();
  const row: TrainingRow = {
    id: newId(),
    organisation_id: orgId,
    title: input.title,
    content: input.content,
    link: input.link,
    interval_months: input.intervalMonths,
    audience: input.audience,
    created_by: actor.accountId,
    created_at: now,
  };
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertTraining(trx, row);
    // The audience and interval, never the title or content.
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: actor.accountId,
      action: "training.create",
      target: { type: "training", id: row.id },
      data: { audience: row.audience, intervalMonths: row.interval_months },
    });
  });
  // A new training is due for its audience at once: the reminder job may announce it.
  ctx.jobs.wake();
  return overview(row, await activeStaff(ctx.db.db, orgId), new Map(), calendarDay(now));
}

function mine(t: TrainingRow, s: StaffMember, attendedOn: string | null, today: string): MyTraining {
  const { status, validUntil, dueOn } = standing(t, s, attendedOn, today);
  return { ...fields(t), status, attendedOn, validUntil, dueOn };
}

export async function listMyTrainings(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<{ trainings: MyTraining[] }> {
  const { actor, orgId } = props;
  authorize(actor, "training.confirm", { type: "organisation", organisationId: orgId });
  const db = ctx.db.db;
  const me = await staffMember(db, orgId, actor.accountId);
  if (!me) return { trainings: [] };
  const [rows, attended] = await Promise.all([listTrainingRows(db, orgId), latestAttendance(db, orgId, me.id)]);
  const today = calendarDay(ctx.clock.now());
  return {
    trainings: rows
      .filter((t) => meantFor(t, me))
      .map((t) => mine(t, me, attended.get(`${t.id}|${me.id}`) ?? null, today)),
  };
}

/**
 * The signed-in staff member confirms their own participation: there is no
 * account in the request, so nobody confirms for someone else. A training not
 * meant for them is "not found", like one of another organisation.
 */
export async function confirmTraining(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; trainingId: string; attendedOn: string },
): Promise<MyTraining> {
  const { actor, orgId } = props;
  authorize(actor, "training.confirm", { type: "organisation", organisationId: orgId });
  const now = ctx.clock.now();
  const today = calendarDay(now);
  if (props.attendedOn > today)
    throw new AppError("training_date_in_future", "The day of participation has not come yet", {
      issues: [{ path: "attendedOn", message: "must not be in the future" }],
    });
  const db = ctx.db.db;
  return db.transaction().execute(async (trx) => {
    const [t, me] = await Promise.all([
      trainingRow(trx, orgId, props.trainingId),
      staffMember(trx, orgId, actor.accountId),
    ]);
    if (!t || !me || !meantFor(t, me)) throw new NotFoundError("No such training");
    await insertConfirmation(trx, {
      id: newId(),
      organisation_id: orgId,
      training_id: t.id,
      account_id: me.id,
      attended_on: props.attendedOn,
      confirmed_at: now,
    });
    await recordAudit(trx, now, {
      organisationId: orgId,
      actorId: me.id,
      action: "training.confirmed",
      target: { type: "training", id: t.id },
      data: { attendedOn: props.attendedOn },
    });
    const attended = await latestAttendance(trx, orgId, me.id);
    return mine(t, me, attended.get(`${t.id}|${me.id}`) ?? null, today);
  });
}

/**
 * The staff's reminders (ADR 0048): every staff member for whom a training is
 * due or overdue hears it once per due period (from the day it was set up for
 * them, or from the end of their last participation's validity) — claimed in
 * `training_reminders` in the transaction that enqueues the notice (bell,
 * push, e-mail as their rules say; the kind only). Returns how many were sent.
 */
export async function runTrainingReminders(db: Kysely<Database>, now: number): Promise<number> {
  const today = calendarDay(now);
  const byOrg = new Map<string, TrainingRow[]>();
  for (const t of await allTrainings(db)) byOrg.set(t.organisation_id, [...(byOrg.get(t.organisation_id) ?? []), t]);
  let sent = 0;
  for (const [orgId, rows] of byOrg) {
    const [staff, attended, sentBefore] = await Promise.all([
      activeStaff(db, orgId),
      latestAttendance(db, orgId),
      sentTrainingReminders(db, orgId),
    ]);
    for (const t of rows)
      for (const s of staff.filter((m) => meantFor(t, m))) {
        const { status, validUntil, assignedOn } = standing(t, s, attended.get(`${t.id}|${s.id}`) ?? null, today);
        if (status === "confirmed") continue;
        const dueSince = validUntil ?? assignedOn;
        // Most due people heard it before: no transaction for them (the claim below still decides between nodes).
        if (sentBefore.has(`${t.id}|${s.id}|${dueSince}`)) continue;
        await db.transaction().execute(async (trx) => {
          if (!(await claimTrainingReminder(trx, { trainingId: t.id, accountId: s.id, dueSince, now }))) return;
          await noticeTrainingDue(trx, now, { organisationId: orgId, trainingId: t.id, accountId: s.id, dueSince });
          sent++;
        });
      }
  }
  return sent;
}
