// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { multiLineText } from "../text";
import { OrganisationIdParams } from "./admin";
import { RetentionClass, RetentionStartEvent } from "./retention";

/**
 * Tools of the data-protection officer (issue 7, items 4 and 7): the audit
 * log viewer, break-glass access to a colleague's case, and the record of
 * processing activities (Art. 30 GDPR) with the measures (TOM) Obhut enforces.
 */

// ---------------------------------------------------------------------------
// Audit log viewer

/** One audit entry as stored: who, what, which object, when. Never content, never an IP address. */
export const AuditEntryView = z
  .object({
    seq: z.number().int().min(1),
    at: z.number().int(),
    actorId: z.string().nullable(),
    /** The actor's user name when they are staff of this organisation; null for clients, the CLI and the system. */
    actorName: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    prevHash: z.string(),
    hash: z.string(),
  })
  .strict()
  .meta({ id: "AuditEntry" });
export type AuditEntryView = z.infer<typeof AuditEntryView>;

const Millis = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** An action ("case.break_glass") or a category prefix ending in a dot ("case."). */
const ActionFilter = z
  .string()
  .max(64)
  .regex(/^[a-z_]+(\.[a-z_]+)*\.?$/, "must be an action or a category like case.");
const TargetType = z
  .string()
  .max(32)
  .regex(/^[a-z_]+$/, "must be a target type");

/** Filters of the viewer and of its export; `from` inclusive, `to` exclusive (ms). */
export const AuditFilterQuery = z
  .object({
    from: Millis.optional(),
    to: Millis.optional(),
    action: ActionFilter.optional(),
    actorId: Id.optional(),
    targetType: TargetType.optional(),
    targetId: Id.optional(),
  })
  .strict();
export type AuditFilterQuery = z.infer<typeof AuditFilterQuery>;

export const AUDIT_PAGE_MAX = 200;
/** At most this many entries in one export; a longer range is split by time. */
export const AUDIT_EXPORT_MAX = 20_000;

export const ListAuditEntries = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/audit",
  summary: "The organisation's audit log, newest first, filtered and paged by sequence number (DPO, admins read-only)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  query: AuditFilterQuery.extend({
    /** Entries with a smaller sequence number than this (the previous page's `nextBefore`). */
    before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
  }).strict(),
  responses: {
    200: z.object({ entries: z.array(AuditEntryView), nextBefore: z.number().int().nullable() }).strict(),
  },
});

export const ExportAuditEntries = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/audit/export",
  summary:
    "All entries of the filtered range in chain order, for a JSON-lines download; the export itself is audited (DPO)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  query: AuditFilterQuery,
  responses: {
    200: z.object({ chain: z.string(), entries: z.array(AuditEntryView), truncated: z.boolean() }).strict(),
  },
});

export const AuditStatusView = z
  .object({
    /** When this answer verified the chain (now). */
    verifiedAt: z.number().int(),
    ok: z.boolean(),
    entries: z.number().int(),
    headSeq: z.number().int(),
    anchoredSeq: z.number().int(),
    lastAnchorAt: z.number().int().nullable(),
    /** Kinds of problems found (changed, missing, reordered, truncated…); details stay with `obhut audit verify`. */
    problems: z.array(z.object({ seq: z.number().int(), kind: z.string() }).strict()),
  })
  .strict()
  .meta({ id: "AuditStatus" });
export type AuditStatusView = z.infer<typeof AuditStatusView>;

export const GetAuditStatus = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/audit/status",
  summary: "Verifies the organisation's audit chain now and reports it with the last signed anchor (DPO, admins)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: AuditStatusView },
});

// ---------------------------------------------------------------------------
// Break glass

/** Why a colleague opens a case that is not theirs: organisational text ("Vertretung, Notfall gemeldet"), never case content. */
export const BreakGlassReason = multiLineText({ min: 10, max: 200, trim: true });
/** How long a break-glass grant lasts. */
export const BREAK_GLASS_MINUTES = 60;

export const BreakGlassGrantView = z
  .object({
    caseId: Id,
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
  })
  .strict()
  .meta({ id: "BreakGlassGrant" });

export const RequestBreakGlass = defineRoute({
  method: "POST",
  path: "/api/cases/:caseId/break-glass",
  summary:
    "Open a colleague's assigned case for a limited time with a stated reason; audited (case.break_glass) and shown to the team lead",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: z.object({ caseId: Id }).strict(),
  body: z.object({ reason: BreakGlassReason }).strict(),
  responses: { 201: z.object({ grant: BreakGlassGrantView }).strict() },
});

export const BreakGlassEventView = z
  .object({
    id: Id,
    caseId: Id,
    teamId: Id,
    teamName: z.string().nullable(),
    accountId: Id,
    username: z.string().nullable(),
    reason: z.string(),
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
  })
  .strict()
  .meta({ id: "BreakGlassEvent" });
export type BreakGlassEventView = z.infer<typeof BreakGlassEventView>;

export const ListBreakGlass = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/break-glass",
  summary:
    "Break-glass accesses, newest first: team leads see those to their teams' cases, the DPO and admins all (last 90 days)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ events: z.array(BreakGlassEventView) }).strict() },
});

// ---------------------------------------------------------------------------
// Record of processing activities (Art. 30) and measures (TOM)

/** A text in both languages of the interface; the record is generated server-side from templates. */
export const Localised = z.object({ de: z.string(), en: z.string() }).strict();
export type Localised = z.infer<typeof Localised>;

export const ProcessingActivity = z
  .object({
    id: z.string(),
    name: Localised,
    purposes: Localised,
    legalBasis: Localised,
    dataSubjects: z.array(Localised),
    dataCategories: z.array(Localised),
    recipients: z.array(Localised),
    /** Retention classes that apply to the activity's data (their periods are in `retention`). */
    retentionClasses: z.array(RetentionClass),
    thirdCountryTransfers: Localised,
  })
  .strict();

export const ProcessingRecordView = z
  .object({
    format: z.literal("obhut-art30/1"),
    generatedAt: z.number().int(),
    organisation: z.object({ id: Id, name: z.string() }).strict(),
    /** Art. 30(1)(a): controller and DPO contact, as the DPO entered them when storing a version. */
    controllerContact: z.string(),
    dpoContact: z.string(),
    hostingLocation: z.string().nullable(),
    /**
     * The active entries of the processor register (ADR 0049). The optional fields appear only when the register
     * holds them, so a processor seeded from OBHUT_PROCESSORS reads as it did before the register existed.
     */
    processors: z.array(
      z
        .object({
          name: z.string(),
          service: z.string(),
          location: z.string(),
          country: z.string().optional(),
          /** Set when data go to a third country: the safeguard (adequacy, scc, bcr, other). */
          thirdCountrySafeguard: z.string().optional(),
          contractDate: z.string().optional(),
          reviewDate: z.string().optional(),
          subProcessors: z.array(z.object({ name: z.string(), country: z.string() }).strict()).optional(),
        })
        .strict(),
    ),
    activities: z.array(ProcessingActivity),
    retention: z.array(
      z
        .object({
          dataClass: RetentionClass,
          startEvent: RetentionStartEvent,
          periodDays: z.number().int(),
          enforced: z.boolean(),
        })
        .strict(),
    ),
    crypto: z.array(z.object({ purpose: Localised, suite: z.string() }).strict()),
    measures: z.array(
      z
        .object({
          id: z.string(),
          /** SDM protection goal the measure serves. */
          goal: z.enum([
            "confidentiality",
            "integrity",
            "availability",
            "unlinkability",
            "transparency",
            "intervenability",
          ]),
          title: Localised,
          description: Localised,
          /** Where it is enforced or configured (code path, command, setting). */
          evidence: z.string(),
          /** Current state on this instance, e.g. "2FA required for: counsellor, org_admin". */
          status: Localised,
        })
        .strict(),
    ),
    /** Required fields that are still empty; a version cannot be stored while any is listed. */
    missing: z.array(z.enum(["controllerContact", "dpoContact", "hostingLocation"])),
  })
  .strict()
  .meta({ id: "ProcessingRecord" });
export type ProcessingRecordView = z.infer<typeof ProcessingRecordView>;

export const ProcessingRecordVersionView = z
  .object({
    version: z.number().int().min(1),
    sha256: z.string(),
    createdAt: z.number().int(),
    createdBy: z.string().nullable(),
  })
  .strict()
  .meta({ id: "ProcessingRecordVersion" });
export type ProcessingRecordVersionView = z.infer<typeof ProcessingRecordVersionView>;

export const GetProcessingRecord = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/processing-record",
  summary:
    "The record of processing activities generated now from the live configuration (contacts from the latest version), with the stored versions (DPO, admins)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: {
    200: z.object({ record: ProcessingRecordView, versions: z.array(ProcessingRecordVersionView) }).strict(),
  },
});

export const StoreProcessingRecord = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/processing-record/versions",
  summary:
    "Generate the record now and store it as the next version with its SHA-256 and time; refused while a required field is empty (DPO; audited)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  body: z
    .object({
      controllerContact: multiLineText({ max: 500, trim: true }),
      dpoContact: multiLineText({ max: 500, trim: true }),
    })
    .strict(),
  responses: {
    201: z.object({ version: ProcessingRecordVersionView, record: ProcessingRecordView }).strict(),
  },
});

export const GetProcessingRecordVersion = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/processing-record/versions/:version",
  summary: "A stored version exactly as it was generated, with its hash (DPO, admins)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: z.object({ orgId: Id, version: z.coerce.number().int().min(1).max(1_000_000) }).strict(),
  responses: {
    200: z.object({ version: ProcessingRecordVersionView, record: ProcessingRecordView }).strict(),
  },
});
