// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { defineRoute } from "../route";
import { singleLineText } from "../text";
import { OrganisationIdParams } from "./admin";
import { TimeOfDay, TimeZoneName } from "./quiet-hours";

/**
 * Content-free e-mail notices (issue #17, ADR 0034). A person enters their own
 * address; it is used only after they opened the link in the confirmation mail
 * (double opt-in), is shown to no one but its owner, and can be deleted at any
 * time. Staff may also ask for a notice of new enquiries for their teams.
 */
export const NotifyEmailView = z
  .object({
    /** The owner's own address; null: none. */
    address: z.string().nullable(),
    /** True once the link in the confirmation mail was opened. */
    confirmed: z.boolean(),
    language: z.enum(["de", "en"]).nullable(),
    /** Staff: also a notice of each new enquiry for one of their teams. */
    newEnquiry: z.boolean(),
    /** False when the operator has configured no SMTP server: nothing can be sent. */
    available: z.boolean(),
  })
  .strict()
  .meta({ id: "NotifyEmail" });
export type NotifyEmailView = z.infer<typeof NotifyEmailView>;

export const GetMyNotifyEmail = defineRoute({
  method: "GET",
  path: "/api/account/notify-email",
  summary: "My address for e-mail notices (only its owner sees it)",
  tag: "account",
  auth: "session",
  rate: "api",
  responses: { 200: NotifyEmailView },
});

export const SetMyNotifyEmail = defineRoute({
  method: "PUT",
  path: "/api/account/notify-email",
  summary: "Enter an address for e-mail notices; a confirmation mail is sent, the address works once confirmed",
  tag: "account",
  auth: "session",
  rate: "auth",
  body: z
    .object({
      address: z.email().max(254),
      language: z.enum(["de", "en"]),
      newEnquiry: z.boolean().optional(),
    })
    .strict(),
  responses: { 200: NotifyEmailView },
});

export const SetMyNewEnquiryNotice = defineRoute({
  method: "PUT",
  path: "/api/account/notify-email/new-enquiry",
  summary: "Staff: a notice of each new enquiry for one of my teams, on or off",
  tag: "account",
  auth: "session",
  rate: "api",
  body: z.object({ newEnquiry: z.boolean() }).strict(),
  responses: { 200: NotifyEmailView },
});

export const DeleteMyNotifyEmail = defineRoute({
  method: "DELETE",
  path: "/api/account/notify-email",
  summary: "Delete my address for e-mail notices; no mail is sent after this",
  tag: "account",
  auth: "session",
  rate: "api",
  responses: { 200: NotifyEmailView },
});

export const ConfirmNotifyEmail = defineRoute({
  method: "POST",
  path: "/api/notify-email/confirm",
  summary: "Confirm an address with the token from the confirmation mail's link (no login needed)",
  tag: "account",
  auth: "none",
  rate: "auth",
  body: z
    .object({
      token: z
        .string()
        .min(20)
        .max(100)
        .regex(/^[A-Za-z0-9_-]+$/, "must be a confirmation token"),
    })
    .strict(),
  responses: { 204: z.null() },
});

/**
 * The organisation's office hours (ADR 0051): the weekdays (0 Sunday … 6 Saturday) and the local times the
 * organisation answers. Outside them, notices of case work to staff (new enquiry, new message, a case handed
 * over, an enquiry waiting) wait by e-mail and push until the next opening and come then as one digest; the
 * bell shows them at once, and the DPO's and admins' duties are never held.
 */
export const OfficeHours = z
  .object({
    days: z
      .array(z.number().int().min(0).max(6))
      .min(1)
      .max(7)
      .refine((days) => new Set(days).size === days.length, "each weekday once"),
    start: TimeOfDay,
    end: TimeOfDay,
    timeZone: TimeZoneName,
  })
  .strict()
  .refine((o) => o.start < o.end, { message: "the office opens before it closes on the same day", path: ["end"] });
export type OfficeHours = z.infer<typeof OfficeHours>;

/**
 * The organisation's rules for notices (ADR 0034, ADR 0044, ADR 0051): the neutral sender name — the only organisation text
 * a notice carries (never an agency or topic name) —, which channels exist at all, whether clients may use e-mail
 * notices, and after how many hours an unassigned enquiry is reported to the team's leads (null: never). A channel
 * switched off sends nothing, to anyone, and is not offered on account pages.
 */
export const NotificationSettingsView = z
  .object({
    senderName: singleLineText({ min: 1, max: 80, trim: true }),
    emailEnabled: z.boolean(),
    pushEnabled: z.boolean(),
    clientEmail: z.boolean(),
    enquiryWaitHours: z.number().int().min(1).max(720).nullable(),
    /** Null: no office hours; notices go out whenever the person's own rules allow. */
    officeHours: OfficeHours.nullable(),
  })
  .strict()
  .meta({ id: "NotificationSettings" });
export type NotificationSettingsView = z.infer<typeof NotificationSettingsView>;

/** What an admin sends: the sender name, and any of the rules to change (absent: unchanged). */
export const NotificationSettingsBody = NotificationSettingsView.partial({
  emailEnabled: true,
  pushEnabled: true,
  clientEmail: true,
  enquiryWaitHours: true,
  officeHours: true,
});
export type NotificationSettingsBody = z.infer<typeof NotificationSettingsBody>;

export const GetNotificationSettings = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/notification-settings",
  summary: "The neutral sender name of the organisation's notices and its rules (channels, clients' e-mail)",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: NotificationSettingsView },
});

export const PutNotificationSettings = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/notification-settings",
  summary: "Admin: set the neutral sender name of notices (e.g. 'Ihre Beratungsstelle') and the organisation's rules",
  tag: "admin",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: NotificationSettingsBody,
  responses: { 200: NotificationSettingsView },
});
