// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { multiLineText } from "../text";
import { OrganisationIdParams } from "./admin";

/**
 * Deletion concept (DIN 66398): every data class has one rule, a start event
 * plus a period in days, after which the scheduled retention job deletes the
 * data for real (rows, blobs and the wrapped keys). Start events are fixed
 * per class; an organisation chooses the period within bounds. A legal hold
 * on a case, with a reason, keeps the case and everything in it.
 */

export const RETENTION_CLASSES = {
  closed_cases: { startEvent: "case_closed", defaultDays: 1095, minDays: 30, scope: "organisation" },
  notes: { startEvent: "case_closed", defaultDays: 1095, minDays: 30, scope: "organisation" },
  messages: { startEvent: "message_sent", defaultDays: 365, minDays: 7, scope: "organisation" },
  attachments: { startEvent: "attachment_uploaded", defaultDays: 365, minDays: 7, scope: "organisation" },
  consents: { startEvent: "consent_ended", defaultDays: 1095, minDays: 365, scope: "organisation" },
  audit_entries: { startEvent: "entry_recorded", defaultDays: 1095, minDays: 365, scope: "organisation" },
  staff_accounts: { startEvent: "account_deactivated", defaultDays: 180, minDays: 30, scope: "organisation" },
  inactive_client_accounts: { startEvent: "last_login", defaultDays: 365, minDays: 30, scope: "instance" },
} as const;

export const RETENTION_MAX_DAYS = 36_500;

export const RetentionClass = z.enum([
  "closed_cases",
  "notes",
  "messages",
  "attachments",
  "consents",
  "audit_entries",
  "staff_accounts",
  "inactive_client_accounts",
]);
export type RetentionClass = z.infer<typeof RetentionClass>;

/** The classes an organisation sets; inactive anonymous accounts belong to no organisation (operator, CLI). */
export const OrganisationRetentionClass = RetentionClass.exclude(["inactive_client_accounts"]);
export type OrganisationRetentionClass = z.infer<typeof OrganisationRetentionClass>;

export const RetentionStartEvent = z.enum([
  "case_closed",
  "message_sent",
  "attachment_uploaded",
  "consent_ended",
  "entry_recorded",
  "account_deactivated",
  "last_login",
]);

export const RetentionRuleView = z
  .object({
    dataClass: RetentionClass,
    startEvent: RetentionStartEvent,
    periodDays: z.number().int().min(1).max(RETENTION_MAX_DAYS),
    defaultDays: z.number().int(),
    minDays: z.number().int(),
    maxDays: z.number().int(),
    /** false while Obhut holds no data of the class yet (consent records); the rule is kept for when it does. */
    enforced: z.boolean(),
    /** null: the built-in default applies. */
    updatedAt: z.number().int().nullable(),
  })
  .strict()
  .meta({ id: "RetentionRule" });
export type RetentionRuleView = z.infer<typeof RetentionRuleView>;

/** Organisational text (e.g. "court order, file 12/26"), never case content. */
export const LegalHoldReason = multiLineText({ min: 3, max: 500, trim: true });

export const LegalHoldView = z
  .object({
    id: Id,
    caseId: Id,
    reason: z.string(),
    setBy: Id.nullable(),
    setAt: z.number().int(),
  })
  .strict()
  .meta({ id: "LegalHold" });
export type LegalHoldView = z.infer<typeof LegalHoldView>;

export const GetRetentionRules = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/retention",
  summary: "Retention rules of the organisation: start event and period per data class (admins, DPO)",
  tag: "retention",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ rules: z.array(RetentionRuleView) }).strict() },
});

export const UpdateRetentionRules = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/retention",
  summary: "Change the periods of some data classes, each within its bounds (admins; audited)",
  tag: "retention",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: z
    .object({
      rules: z
        .array(
          z
            .object({
              dataClass: OrganisationRetentionClass,
              periodDays: z.number().int().min(1).max(RETENTION_MAX_DAYS),
            })
            .strict(),
        )
        .min(1)
        .max(OrganisationRetentionClass.options.length),
    })
    .strict()
    .refine((b) => new Set(b.rules.map((r) => r.dataClass)).size === b.rules.length, "each class at most once")
    .refine(
      (b) => b.rules.every((r) => r.periodDays >= RETENTION_CLASSES[r.dataClass].minDays),
      "period below the class minimum",
    ),
  responses: { 200: z.object({ rules: z.array(RetentionRuleView) }).strict() },
});

export const ListLegalHolds = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/legal-holds",
  summary: "Active legal holds of the organisation (admins, DPO)",
  tag: "retention",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ holds: z.array(LegalHoldView) }).strict() },
});

const CaseHoldParams = z.object({ caseId: Id }).strict();

export const GetLegalHold = defineRoute({
  method: "GET",
  path: "/api/cases/:caseId/legal-hold",
  summary: "The case's active legal hold, or null (team lead, admins, DPO)",
  tag: "retention",
  auth: "session",
  rate: "api",
  params: CaseHoldParams,
  responses: { 200: z.object({ hold: LegalHoldView.nullable() }).strict() },
});

export const SetLegalHold = defineRoute({
  method: "PUT",
  path: "/api/cases/:caseId/legal-hold",
  summary:
    "Put a case on legal hold with a reason: it is never deleted, nor its conversations, attachments and keys (team lead, admins, DPO; audited)",
  tag: "retention",
  auth: "session",
  rate: "api",
  params: CaseHoldParams,
  body: z.object({ reason: LegalHoldReason }).strict(),
  responses: { 200: z.object({ hold: LegalHoldView }).strict() },
});

export const ReleaseLegalHold = defineRoute({
  method: "DELETE",
  path: "/api/cases/:caseId/legal-hold",
  summary: "Release a case's legal hold; its retention period applies again (team lead, admins, DPO; audited)",
  tag: "retention",
  auth: "session",
  rate: "api",
  params: CaseHoldParams,
  responses: { 204: z.null() },
});
