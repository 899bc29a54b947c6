// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { multiLineText, singleLineText } from "../text";
import { OpaqueMessage, Username } from "./auth";
import { CaseEventView, CaseView } from "./cases";
import { ChannelPreferencesView, ConsentView, DocumentAcceptanceView } from "./compliance";

/**
 * Data-subject rights (issue 7, item 5; GDPR Art. 15–21):
 * - clients download everything the server holds about them (the browser
 *   decrypts the conversations; the server only ever hands out ciphertext)
 *   and delete their own account after proving their password again;
 * - the DPO and organisation admins register requests that arrived by
 *   letter, e-mail or in person, with the legal deadline (one month from
 *   receipt, extendable by at most two further months with a reason);
 * - restriction of processing (Art. 18) per client or case: nothing is
 *   deleted, but staff can no longer work on it and retention keeps it.
 *
 * Dates of requests are calendar days (YYYY-MM-DD) in the organisation's
 * legal time zone (Europe/Berlin), as deadlines are counted in days.
 */

export const DSR_LIMITS = {
  reasonMinChars: 10,
  reasonChars: 2000,
  referenceChars: 120,
  maxExtensionMonths: 2,
  /** Days before the due date on which the reminder is recorded. */
  remindDaysBefore: 7,
} as const;

export const DsrType = z.enum(["access", "erasure", "rectification", "restriction", "portability", "objection"]);
export type DsrType = z.infer<typeof DsrType>;

export const DsrStatus = z.enum(["open", "extended", "done", "refused"]);
export type DsrStatus = z.infer<typeof DsrStatus>;

/** A calendar date, e.g. "2026-11-22". */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "must be a real date");

const Reason = multiLineText({ min: DSR_LIMITS.reasonMinChars, max: DSR_LIMITS.reasonChars, trim: true });

/**
 * Whom the request is about: a client account or a case of the organisation,
 * or — when the person is not (yet) identified in Obhut — a free reference
 * such as the file number of the letter. The reference must not contain
 * names or other personal data; the UI says so.
 */
export const DsrSubject = z.discriminatedUnion("type", [
  z.object({ type: z.literal("client"), clientId: Id }).strict(),
  z.object({ type: z.literal("case"), caseId: Id }).strict(),
  z
    .object({
      type: z.literal("reference"),
      reference: singleLineText({ min: 1, max: DSR_LIMITS.referenceChars, trim: true }),
    })
    .strict(),
]);
export type DsrSubject = z.infer<typeof DsrSubject>;

export const DsrRequestView = z
  .object({
    id: Id,
    organisationId: Id,
    type: DsrType,
    subject: DsrSubject,
    receivedOn: CalendarDate,
    /** Received + 1 month. */
    originalDueOn: CalendarDate,
    /** Received + 1 month + extension. */
    dueOn: CalendarDate,
    extensionMonths: z.number().int().min(0).max(DSR_LIMITS.maxExtensionMonths),
    extensionReason: z.string().nullable(),
    status: DsrStatus,
    /** Why it was refused, or a closing note. */
    closedReason: z.string().nullable(),
    createdBy: Id,
    createdAt: z.number().int(),
    closedBy: Id.nullable(),
    closedAt: z.number().int().nullable(),
    /** For requests still open: due within the reminder window, or past due. */
    attention: z.enum(["due_soon", "overdue"]).nullable(),
    /** When the reminder job recorded its reminders for the current due date. */
    remindedDueSoonAt: z.number().int().nullable(),
    remindedOverdueAt: z.number().int().nullable(),
  })
  .strict()
  .meta({ id: "DsrRequest" });
export type DsrRequestView = z.infer<typeof DsrRequestView>;

export const RestrictionSubject = z.discriminatedUnion("type", [
  z.object({ type: z.literal("client"), clientId: Id }).strict(),
  z.object({ type: z.literal("case"), caseId: Id }).strict(),
]);
export type RestrictionSubject = z.infer<typeof RestrictionSubject>;

export const RestrictionView = z
  .object({
    id: Id,
    organisationId: Id,
    subject: RestrictionSubject,
    reason: z.string(),
    requestId: Id.nullable(),
    setBy: Id,
    setAt: z.number().int(),
  })
  .strict()
  .meta({ id: "Restriction" });
export type RestrictionView = z.infer<typeof RestrictionView>;

const OrgParams = z.object({ orgId: Id }).strict();
const OrgRequestParams = z.object({ orgId: Id, requestId: Id }).strict();

export const ListDsrRequests = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/dsr-requests",
  summary: "Data-subject requests of the organisation with due dates and reminders, newest first (DPO, admins)",
  tag: "dsr",
  auth: "session",
  rate: "api",
  params: OrgParams,
  query: z.object({ state: z.enum(["pending", "closed", "all"]).optional() }).strict(),
  responses: { 200: z.object({ requests: z.array(DsrRequestView), today: CalendarDate }).strict() },
});

export const CreateDsrRequest = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/dsr-requests",
  summary: "Register a request received outside Obhut; due one month after receipt (DPO, admins; audited)",
  tag: "dsr",
  auth: "session",
  rate: "api",
  params: OrgParams,
  body: z.object({ type: DsrType, subject: DsrSubject, receivedOn: CalendarDate }).strict(),
  responses: { 201: z.object({ request: DsrRequestView }).strict() },
});

export const ExtendDsrRequest = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/dsr-requests/:requestId/extend",
  summary: "Extend the deadline by one or two months (at most two in total) with a reason (DPO, admins; audited)",
  tag: "dsr",
  auth: "session",
  rate: "api",
  params: OrgRequestParams,
  body: z.object({ months: z.number().int().min(1).max(DSR_LIMITS.maxExtensionMonths), reason: Reason }).strict(),
  responses: { 200: z.object({ request: DsrRequestView }).strict() },
});

export const CloseDsrRequest = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/dsr-requests/:requestId/close",
  summary: "Mark a request done, or refused with a reason (DPO, admins; audited)",
  tag: "dsr",
  auth: "session",
  rate: "api",
  params: OrgRequestParams,
  body: z
    .object({ outcome: z.enum(["done", "refused"]), reason: Reason.optional() })
    .strict()
    .refine((b) => b.outcome !== "refused" || b.reason !== undefined, {
      message: "a refusal needs a reason",
      path: ["reason"],
    }),
  responses: { 200: z.object({ request: DsrRequestView }).strict() },
});

export const DsrReport = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/dsr-requests/report",
  summary: "Counts of data-subject requests by status and type, overdue and closed late (DPO, admins)",
  tag: "dsr",
  auth: "session",
  rate: "api",
  params: OrgParams,
  responses: {
    200: z
      .object({
        today: CalendarDate,
        byStatus: z.record(DsrStatus, z.number().int()),
        byType: z.record(DsrType, z.number().int()),
        dueSoon: z.number().int(),
        overdue: z.number().int(),
        closedLate: z.number().int(),
      })
      .strict(),
  },
});

export const ListRestrictions = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/restrictions",
  summary: "Active restrictions of processing (Art. 18) in the organisation (DPO, admins)",
  tag: "dsr",
  auth: "session",
  rate: "api",
  params: OrgParams,
  responses: { 200: z.object({ restrictions: z.array(RestrictionView) }).strict() },
});

export const SetRestriction = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/restrictions",
  summary:
    "Restrict processing of a client's data or a case with a reason: staff can no longer work on it, nothing is deleted (DPO, admins; audited)",
  tag: "dsr",
  auth: "session",
  rate: "api",
  params: OrgParams,
  body: z.object({ subject: RestrictionSubject, reason: Reason, requestId: Id.optional() }).strict(),
  responses: { 201: z.object({ restriction: RestrictionView }).strict() },
});

export const LiftRestriction = defineRoute({
  method: "DELETE",
  path: "/api/organisations/:orgId/restrictions/:restrictionId",
  summary: "Lift a restriction of processing (DPO, admins; audited)",
  tag: "dsr",
  auth: "session",
  rate: "api",
  params: z.object({ orgId: Id, restrictionId: Id }).strict(),
  responses: { 204: z.null() },
});

/** What the client is told: which of their cases (or all with an organisation) are restricted, since when. */
export const MyRestrictionView = z
  .object({ organisationId: Id, caseId: Id.nullable(), since: z.number().int() })
  .strict()
  .meta({ id: "MyRestriction" });
export type MyRestrictionView = z.infer<typeof MyRestrictionView>;

export const ListMyRestrictions = defineRoute({
  method: "GET",
  path: "/api/account/restrictions",
  summary: "Client: restrictions of processing on one's own data (caseId null: all cases with that organisation)",
  tag: "dsr",
  auth: "session",
  rate: "api",
  responses: { 200: z.object({ restrictions: z.array(MyRestrictionView) }).strict() },
});

/** Everything the server holds about a client account; conversations as ciphertext references (the browser decrypts). */
export const MyDataView = z
  .object({
    generatedAt: z.number().int(),
    account: z
      .object({
        id: Id,
        username: Username,
        kind: z.literal("client"),
        displayName: z.string().nullable(),
        createdAt: z.number().int(),
        lastLoginAt: z.number().int().nullable(),
      })
      .strict(),
    sessions: z.array(
      z
        .object({
          createdAt: z.number().int(),
          lastSeenAt: z.number().int(),
          expiresAt: z.number().int(),
          revokedAt: z.number().int().nullable(),
        })
        .strict(),
    ),
    cases: z.array(
      z
        .object({
          case: CaseView,
          events: z.array(CaseEventView),
          /** Messages stored in the case conversation (the browser fetches and decrypts them). */
          messageCount: z.number().int(),
          attachments: z.array(
            z
              .object({
                id: Id,
                uploaderIsMe: z.boolean(),
                size: z.number().int(),
                createdAt: z.number().int(),
                completed: z.boolean(),
              })
              .strict(),
          ),
          legalHold: z.boolean(),
          restricted: z.boolean(),
        })
        .strict(),
    ),
    acceptances: z.array(DocumentAcceptanceView),
    consents: z.array(ConsentView),
    channelPreferences: ChannelPreferencesView,
    restrictions: z.array(MyRestrictionView),
  })
  .strict()
  .meta({ id: "MyData" });
export type MyDataView = z.infer<typeof MyDataView>;

export const GetMyData = defineRoute({
  method: "GET",
  path: "/api/account/data",
  summary:
    "Client: everything the server holds about one's account (Art. 15/20); audited as dsr.self_export with counts",
  tag: "dsr",
  auth: "session",
  rate: "api",
  responses: { 200: MyDataView },
});

export const ErasureBlocker = z
  .object({ caseId: Id, organisationId: Id, reason: z.enum(["legal_hold", "restriction"]) })
  .strict();
export type ErasureBlocker = z.infer<typeof ErasureBlocker>;

export const GetAccountDeletion = defineRoute({
  method: "GET",
  path: "/api/account/deletion",
  summary: "Client: what deleting one's account would delete, and whether a legal hold or restriction prevents it",
  tag: "dsr",
  auth: "session",
  rate: "api",
  responses: {
    200: z
      .object({
        allowed: z.boolean(),
        cases: z.number().int(),
        messages: z.number().int(),
        attachments: z.number().int(),
        blockers: z.array(ErasureBlocker),
      })
      .strict(),
  },
});

export const AccountDeletionStart = defineRoute({
  method: "POST",
  path: "/api/account/deletion/start",
  summary: "Account deletion, step 1: OPAQUE login with the current password (re-authentication)",
  tag: "dsr",
  auth: "session",
  rate: "auth",
  body: z.object({ startLoginRequest: OpaqueMessage }).strict(),
  responses: { 200: z.object({ deletionId: Id, loginResponse: OpaqueMessage }).strict() },
});

export const AccountDeletionFinish = defineRoute({
  method: "POST",
  path: "/api/account/deletion/finish",
  summary:
    "Account deletion, step 2: password proof plus the typed account name; deletes the account, its cases, conversations, keys and consents for real (audited without content)",
  tag: "dsr",
  auth: "session",
  rate: "auth",
  body: z.object({ deletionId: Id, finishLoginRequest: OpaqueMessage, username: Username }).strict(),
  responses: {
    200: z
      .object({
        deleted: z
          .object({ cases: z.number().int(), messages: z.number().int(), attachments: z.number().int() })
          .strict(),
      })
      .strict(),
  },
});
