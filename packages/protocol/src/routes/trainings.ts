// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { multiLineText, singleLineText } from "../text";
import { OrganisationIdParams } from "./admin";
import { CalendarDate } from "./dsr";

/**
 * Training records (issue #21, ADR 0048): the DPO (or an admin) sets up a
 * training — title, what it covers and/or a link to its material, how often
 * it is to be refreshed and for whom (all staff or one role); staff confirm
 * their own participation with the day they took part, like the guideline;
 * the DPO sees per training who is confirmed (until when), due or overdue.
 */

export const TRAINING_LIMITS = {
  titleChars: 200,
  contentChars: 10_000,
  linkChars: 500,
  maxIntervalMonths: 120,
} as const;
/** Days a staff member has to take part once a training is due for them, before it counts as overdue. */
export const TRAINING_GRACE_DAYS = 30;

/** Whom a training is for: everyone on the staff, or one role (a team lead is a counsellor). */
export const TrainingAudience = z.enum(["all", "counsellor", "org_admin", "dpo", "report_office"]);
export type TrainingAudience = z.infer<typeof TrainingAudience>;

export const TrainingStatus = z.enum(["confirmed", "due", "overdue"]);
export type TrainingStatus = z.infer<typeof TrainingStatus>;

/** An absolute http(s) address without credentials. */
const ContentLink = singleLineText({ min: 1, max: TRAINING_LIMITS.linkChars, trim: true }).refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}, "must be an http(s) address");

/** The day `months` calendar months after `day` (clamped to the month's last day: 31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Where one person stands with one training on `today`: confirmed while the
 * last participation is valid (forever for a one-off training, else until
 * `attendedOn` + interval); otherwise due since the training was set up (or
 * the person joined), or since the last participation expired — and overdue
 * after TRAINING_GRACE_DAYS. Server and pages read the same rule.
 */
export function trainingStanding(props: {
  today: string;
  intervalMonths: number | null;
  /** The day the training became the person's duty: max(training set up, account created). */
  assignedOn: string;
  attendedOn: string | null;
}): { status: TrainingStatus; validUntil: string | null; dueOn: string } {
  const { today, intervalMonths, assignedOn, attendedOn } = props;
  const validUntil = attendedOn === null || intervalMonths === null ? null : addMonths(attendedOn, intervalMonths);
  if (attendedOn !== null && (validUntil === null || today < validUntil))
    return { status: "confirmed", validUntil, dueOn: validUntil ?? attendedOn };
  const dueSince = validUntil ?? assignedOn;
  const dueOn = addDays(dueSince, TRAINING_GRACE_DAYS);
  return { status: today > dueOn ? "overdue" : "due", validUntil, dueOn };
}

export const TrainingInput = z
  .object({
    title: singleLineText({ min: 1, max: TRAINING_LIMITS.titleChars, trim: true }),
    /** What the training covers (may be empty when a link is given). */
    content: multiLineText({ max: TRAINING_LIMITS.contentChars }),
    link: ContentLink.nullable(),
    /** Refresh every so many months; null: once. */
    intervalMonths: z.number().int().min(1).max(TRAINING_LIMITS.maxIntervalMonths).nullable(),
    audience: TrainingAudience,
  })
  .strict()
  .refine((t) => t.content.trim() !== "" || t.link !== null, {
    message: "a training needs a description or a link",
    path: ["content"],
  });
export type TrainingInput = z.infer<typeof TrainingInput>;

const TrainingFields = z.object({
  id: Id,
  title: z.string(),
  content: z.string(),
  link: z.string().nullable(),
  intervalMonths: z.number().int().nullable(),
  audience: TrainingAudience,
  createdAt: z.number().int(),
});

/** One staff member's standing with a training, for the DPO's overview. */
export const TrainingParticipant = z
  .object({
    accountId: Id,
    /** Display name, or the login name for accounts without one. */
    name: z.string(),
    role: z.string(),
    status: TrainingStatus,
    attendedOn: CalendarDate.nullable(),
    validUntil: CalendarDate.nullable(),
    /** Confirmed: until when (or the day of a one-off); due/overdue: the last day before it counts as overdue. */
    dueOn: CalendarDate,
  })
  .strict();
export type TrainingParticipant = z.infer<typeof TrainingParticipant>;

export const TrainingOverview = TrainingFields.extend({
  participants: z.array(TrainingParticipant),
  counts: z.object({ confirmed: z.number().int(), due: z.number().int(), overdue: z.number().int() }).strict(),
})
  .strict()
  .meta({ id: "TrainingOverview" });
export type TrainingOverview = z.infer<typeof TrainingOverview>;

/** A training as the staff member it is for sees it. */
export const MyTraining = TrainingFields.extend({
  status: TrainingStatus,
  attendedOn: CalendarDate.nullable(),
  validUntil: CalendarDate.nullable(),
  dueOn: CalendarDate,
})
  .strict()
  .meta({ id: "MyTraining" });
export type MyTraining = z.infer<typeof MyTraining>;

const TrainingParams = z.object({ orgId: Id, trainingId: Id }).strict();

export const ConfirmTrainingBody = z
  .object({
    /** The day the person took part (not in the future). */
    attendedOn: CalendarDate,
  })
  .strict();

export const ListTrainings = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/trainings",
  summary:
    "The trainings with, per staff member they are for, confirmed until when, due or overdue, and the counts (DPO, admins)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ trainings: z.array(TrainingOverview) }).strict() },
});

export const CreateTraining = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/trainings",
  summary: "Set up a training: title, content and/or link, refresh interval, audience (DPO, admins; audited)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: TrainingInput,
  responses: { 201: z.object({ training: TrainingOverview }).strict() },
});

export const ListMyTrainings = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/trainings/mine",
  summary: "The trainings meant for the signed-in staff member with where they stand (staff)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ trainings: z.array(MyTraining) }).strict() },
});

export const ConfirmTraining = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/trainings/:trainingId/confirmations",
  summary:
    "Confirm one's own participation in a training meant for one, with the day (not in the future; training_date_in_future) (staff; audited)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: TrainingParams,
  body: ConfirmTrainingBody,
  responses: { 201: z.object({ training: MyTraining }).strict() },
});
