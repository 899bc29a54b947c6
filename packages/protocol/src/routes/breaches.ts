// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { multiLineText } from "../text";
import { OrganisationIdParams } from "./admin";

/**
 * The breach register (Art. 33/34 GDPR, issue #21, ADR 0047): the DPO records
 * a personal-data breach, the 72-hour clock runs from when the organisation
 * became aware of it, the assessment of the risk to persons decides whether
 * the supervisory authority (Art. 33) and the persons affected (Art. 34) must
 * be told. DPO and organisation admins; every change audited without its text.
 */

/** Art. 33(1): the authority is to be notified within 72 hours of becoming aware. */
export const BREACH_DEADLINE_MS = 72 * 60 * 60 * 1000;
/** Reminders to the DPO before the deadline (and one when it has passed). */
export const BREACH_REMINDER_HOURS = [24, 4] as const;

export const BreachRisk = z.enum(["unassessed", "none", "risk", "high"]);
export type BreachRisk = z.infer<typeof BreachRisk>;
export const BreachStatus = z.enum(["open", "closed"]);
export type BreachStatus = z.infer<typeof BreachStatus>;

/** Art. 33(1): not notifiable when the breach is unlikely to result in a risk to persons. */
export function authorityMustBeNotified(risk: BreachRisk): boolean {
  return risk === "risk" || risk === "high";
}
/** Art. 34(1): the persons affected are told when the risk is high. */
export function personsMustBeTold(risk: BreachRisk): boolean {
  return risk === "high";
}
/** Art. 33(1): a notification after 72 hours comes with the reasons for the delay. */
export function notifiedLate(awareAt: number, notifiedAt: number | null): boolean {
  return notifiedAt !== null && notifiedAt > awareAt + BREACH_DEADLINE_MS;
}

const Time = z.number().int().min(0);
const Description = multiLineText({ max: 10_000, min: 1 });
const LongText = multiLineText({ max: 10_000 });

/** What the DPO records first: what happened (kept as written), when the organisation became aware, whom it concerns. */
export const BreachRecord = z
  .object({
    description: Description,
    awareAt: Time,
    dataCategories: multiLineText({ max: 2_000, min: 1 }),
    /** Approximate number of persons affected; null while unknown. */
    personsAffected: z.number().int().min(0).max(100_000_000).nullable(),
  })
  .strict();

/** The whole record with the assessment and the notifications. */
export const BreachUpdate = BreachRecord.extend({
  status: BreachStatus,
  risk: BreachRisk,
  consequences: LongText,
  measures: LongText,
  authorityNotifiedAt: Time.nullable(),
  /** Required when the authority was notified more than 72 hours after awareness (Art. 33(1)). */
  delayReason: multiLineText({ max: 5_000 }).nullable(),
  personsNotifiedAt: Time.nullable(),
}).strict();
export type BreachUpdate = z.infer<typeof BreachUpdate>;

export const BreachView = BreachUpdate.extend({
  id: Id,
  /** awareAt + 72 hours. */
  deadlineAt: Time,
  notifyAuthority: z.boolean(),
  notifyPersons: z.boolean(),
  createdAt: Time,
  updatedAt: Time,
})
  .strict()
  .meta({ id: "Breach" });
export type BreachView = z.infer<typeof BreachView>;

const BreachParams = z.object({ orgId: Id, breachId: Id }).strict();

export const ListBreaches = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/breaches",
  summary:
    "The breach register, newest awareness first, with the DPO contact of the latest processing record for the drafts (DPO, admins)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: {
    200: z.object({ breaches: z.array(BreachView), dpoContact: z.string() }).strict(),
  },
});

export const CreateBreach = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/breaches",
  summary: "Record a personal-data breach; the 72-hour clock runs from awareAt (DPO, admins; audited without its text)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: BreachRecord,
  responses: { 201: z.object({ breach: BreachView }).strict() },
});

export const UpdateBreach = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/breaches/:breachId",
  summary:
    "Change a breach: record, assessment, when the authority and the persons were told; a notification after 72 hours needs the reason for the delay (breach_delay_reason_required) (DPO, admins; audited without its text)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: BreachParams,
  body: BreachUpdate,
  responses: { 200: z.object({ breach: BreachView }).strict() },
});
