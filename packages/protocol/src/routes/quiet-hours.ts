// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { OrganisationIdParams } from "./admin";

/**
 * Quiet hours and the digest (issue #17, ADR 0041): a person chooses hours in
 * their own time zone in which no notice reaches them; what happens then is
 * held back and, when the quiet hours end, merged into one content-free notice
 * per channel ("3 neue Benachrichtigungen").
 */

/** "HH:MM", 24 hours. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day (HH:MM)");

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone the runtime knows, e.g. "Europe/Berlin". */
export const TimeZoneName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/, "must be a time zone name")
  .refine(isTimeZone, "must be a known time zone");

export const QuietHours = z
  .object({
    start: TimeOfDay,
    end: TimeOfDay,
    timeZone: TimeZoneName,
    /** Also all of Saturday and Sunday on the person's clock (ADR 0044); absent: false. */
    weekends: z.boolean().optional(),
  })
  .strict()
  .refine((q) => q.start !== q.end, { message: "start and end must differ", path: ["end"] });
export type QuietHours = z.infer<typeof QuietHours>;

export const QuietHoursView = z
  .object({ quietHours: QuietHours.nullable() })
  .strict()
  .meta({ id: "QuietHoursSetting" });
export type QuietHoursView = z.infer<typeof QuietHoursView>;

export const GetMyQuietHours = defineRoute({
  method: "GET",
  path: "/api/account/quiet-hours",
  summary: "My quiet hours: no notice then; a digest when they end (null: none)",
  tag: "account",
  auth: "session",
  rate: "api",
  responses: { 200: QuietHoursView },
});

export const PutMyQuietHours = defineRoute({
  method: "PUT",
  path: "/api/account/quiet-hours",
  summary: "Set my quiet hours (local times in my time zone), or null to switch them off",
  tag: "account",
  auth: "session",
  rate: "api",
  body: QuietHoursView,
  responses: { 200: QuietHoursView },
});

/**
 * Dead letters: notices that failed for good after every retry. Only the
 * kind, the channel, when, how often it was tried and a reason from a fixed
 * list: never the recipient, the address, the device or the case.
 */
export const DeadLetterReason = z.enum(["mail_unreachable", "mail_refused", "push_failed", "lease_expired", "other"]);
export type DeadLetterReason = z.infer<typeof DeadLetterReason>;

export const DeadLetterView = z
  .object({
    /** Opaque handle for the retry, not the job's key (which names the event and recipient). */
    id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    kind: z.string().max(40),
    channel: z.enum(["email", "push"]),
    createdAt: z.number().int(),
    failedAt: z.number().int(),
    attempts: z.number().int(),
    reason: DeadLetterReason,
    /** Older than a day: a retry would be dropped (nothing is sent about events older than a day). */
    expired: z.boolean(),
  })
  .strict()
  .meta({ id: "DeadLetter" });
export type DeadLetterView = z.infer<typeof DeadLetterView>;

export const DeadLettersView = z
  .object({ items: z.array(DeadLetterView) })
  .strict()
  .meta({ id: "DeadLetters" });
export type DeadLettersView = z.infer<typeof DeadLettersView>;

export const ListDeadLetters = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/dead-letters",
  summary: "Admin: notices of the organisation that failed for good, with a content-free reason",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: DeadLettersView },
});

export const RetryDeadLetter = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/dead-letters/:letterId/retry",
  summary: "Admin: try a failed notice again (once more through the queue, with all its checks)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: z.object({ orgId: Id, letterId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }).strict(),
  responses: { 200: DeadLettersView },
});
