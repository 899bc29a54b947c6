// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { multiLineText, singleLineText } from "../text";

/**
 * Data protection in daily work (issue 7, items 1–2):
 * - versioned organisation documents (privacy notice, communication
 *   guideline) that a management role approves before they are published;
 *   staff confirm the current guideline, clients accept at sign-up;
 * - the append-only consent log (a withdrawal is its own record);
 * - per-client channel preferences;
 * - the forwarding gate every feature asks before case data leaves Obhut.
 *
 * Documents are organisational plaintext (published to everyone). Consent
 * records hold identifiers, codes and hashes, never the consent text itself
 * nor names: who signed for a minor is written in the encrypted case notes.
 */

export const COMPLIANCE_LIMITS = {
  documentChars: 100_000,
  reasonChars: 2000,
  reasonMinChars: 10,
  recipients: 20,
  recipientChars: 200,
} as const;

export const DocumentKind = z.enum(["privacy_notice", "communication_guideline"]);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const DocumentLanguage = z.enum(["de", "en"]);
export type DocumentLanguage = z.infer<typeof DocumentLanguage>;

/** Lower-case hex SHA-256 of the UTF-8 text exactly as stored; identifies a version with its number. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "must be a lower-case hex SHA-256");

/**
 * draft → (approved by another management member) → published → superseded
 * by the next published version of the same kind and language. A published
 * text never changes; a draft can be edited until it is approved.
 */
export const DocumentState = z.enum(["draft", "approved", "published", "superseded"]);
export type DocumentState = z.infer<typeof DocumentState>;

export const OrgDocumentView = z
  .object({
    id: Id,
    organisationId: Id,
    kind: DocumentKind,
    language: DocumentLanguage,
    state: DocumentState,
    /** Assigned on publishing: 1, 2, … per organisation, kind and language. */
    version: z.number().int().min(1).nullable(),
    sha256: Sha256Hex,
    text: z.string(),
    createdBy: Id,
    createdAt: z.number().int(),
    approvedBy: Id.nullable(),
    approvedAt: z.number().int().nullable(),
    publishedBy: Id.nullable(),
    publishedAt: z.number().int().nullable(),
  })
  .strict()
  .meta({ id: "OrgDocument" });
export type OrgDocumentView = z.infer<typeof OrgDocumentView>;

/** What anyone (no login) sees: the current published versions of an organisation. */
export const PublishedDocumentView = z
  .object({
    id: Id,
    organisationId: Id,
    kind: DocumentKind,
    language: DocumentLanguage,
    version: z.number().int().min(1),
    sha256: Sha256Hex,
    text: z.string(),
    publishedAt: z.number().int(),
  })
  .strict()
  .meta({ id: "PublishedDocument" });
export type PublishedDocumentView = z.infer<typeof PublishedDocumentView>;

export const DocumentAcceptanceView = z
  .object({
    id: Id,
    accountId: Id,
    organisationId: Id,
    documentId: Id,
    kind: DocumentKind,
    language: DocumentLanguage,
    version: z.number().int().min(1),
    sha256: Sha256Hex,
    /**
     * staff_confirmed: a staff member confirmed reading; accepted: a client accepted the text shown (enquiry or
     * sign-up); case_opened: only in records from before issue #15, when opening a case recorded the current
     * versions without showing them (no longer written).
     */
    source: z.enum(["staff_confirmed", "accepted", "case_opened"]),
    acceptedAt: z.number().int(),
  })
  .strict()
  .meta({ id: "DocumentAcceptance" });
export type DocumentAcceptanceView = z.infer<typeof DocumentAcceptanceView>;

const OrgParams = z.object({ orgId: Id }).strict();
const OrgDocumentParams = z.object({ orgId: Id, documentId: Id }).strict();
const DocumentText = multiLineText({ min: 1, max: COMPLIANCE_LIMITS.documentChars, trim: true });

export const GetPublishedDocuments = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/documents/published",
  summary: "The organisation's current privacy notice and communication guideline per language (public, no login)",
  tag: "compliance",
  auth: "none",
  rate: "public",
  params: OrgParams,
  responses: { 200: z.object({ documents: z.array(PublishedDocumentView) }).strict() },
});

export const ListOrgDocuments = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/documents",
  summary: "Every version and draft of the organisation's documents (admins, DPO)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  params: OrgParams,
  responses: { 200: z.object({ documents: z.array(OrgDocumentView) }).strict() },
});

export const CreateOrgDocument = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/documents",
  summary: "Write a draft of the privacy notice or communication guideline (admins, DPO; audited)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  params: OrgParams,
  body: z.object({ kind: DocumentKind, language: DocumentLanguage, text: DocumentText }).strict(),
  responses: { 201: z.object({ document: OrgDocumentView }).strict() },
});

export const UpdateOrgDocument = defineRoute({
  method: "PUT",
  path: "/api/organisations/:orgId/documents/:documentId",
  summary: "Change a draft's text; approved and published versions cannot change (admins, DPO; audited)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  params: OrgDocumentParams,
  body: z.object({ text: DocumentText }).strict(),
  responses: { 200: z.object({ document: OrgDocumentView }).strict() },
});

export const ApproveOrgDocument = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/documents/:documentId/approve",
  summary: "Approve a draft: a management role other than its author (admins, DPO; audited)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  params: OrgDocumentParams,
  /** The hash of the text the approver read; a draft changed in between is refused. */
  body: z.object({ sha256: Sha256Hex }).strict(),
  responses: { 200: z.object({ document: OrgDocumentView }).strict() },
});

export const PublishOrgDocument = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/documents/:documentId/publish",
  summary: "Publish an approved draft as the next version; the previous one is superseded (admins, DPO; audited)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  params: OrgDocumentParams,
  responses: { 200: z.object({ document: OrgDocumentView }).strict() },
});

export const AcceptDocument = defineRoute({
  method: "POST",
  path: "/api/documents/:documentId/accept",
  summary: "Client: accept an organisation's published privacy notice or guideline (sign-up; audited)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  params: z.object({ documentId: Id }).strict(),
  /** The hash of the text shown; an outdated or different version is refused. */
  body: z.object({ sha256: Sha256Hex }).strict(),
  responses: { 201: z.object({ acceptance: DocumentAcceptanceView }).strict() },
});

export const ConfirmDocument = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/documents/:documentId/confirm",
  summary: "Staff: confirm reading the organisation's current communication guideline (or privacy notice; audited)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  params: OrgDocumentParams,
  body: z.object({ sha256: Sha256Hex }).strict(),
  responses: { 201: z.object({ acceptance: DocumentAcceptanceView }).strict() },
});

export const ListMyAcceptances = defineRoute({
  method: "GET",
  path: "/api/documents/acceptances",
  summary: "The documents one has accepted or confirmed, and whether the current guideline still needs confirming",
  tag: "compliance",
  auth: "session",
  rate: "api",
  responses: {
    200: z
      .object({
        acceptances: z.array(DocumentAcceptanceView),
        /** Staff only: true while case work is refused for want of a confirmation. */
        guidelineConfirmationRequired: z.boolean(),
      })
      .strict(),
  },
});

export const GuidelineReport = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/documents/guideline-report",
  summary: "Active staff who have not confirmed the current communication guideline (admins, DPO)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  params: OrgParams,
  responses: {
    200: z
      .object({
        current: z.array(PublishedDocumentView.omit({ text: true })),
        unconfirmed: z.array(
          z
            .object({
              accountId: Id,
              username: z.string(),
              role: z.string(),
              /** Version of the last guideline they confirmed, if any. */
              lastConfirmedVersion: z.number().int().nullable(),
            })
            .strict(),
        ),
      })
      .strict(),
  },
});

// ---------------------------------------------------------------- consents

/** Who gave the consent: the person concerned or someone for them (the name stays in the encrypted notes). */
export const ConsentGiver = z.enum(["subject", "guardian", "legal_representative"]);
/** Age or capacity of the person concerned at the time of consent. */
export const ConsentCapacity = z.enum(["adult", "minor_with_capacity", "minor", "limited_capacity"]);
export const ConsentMethod = z.enum(["written", "online", "verbal"]);
/** Ways case data can leave Obhut. `transfer` = to another Obhut organisation, `export` = a file for a third party. */
export const ForwardingChannel = z.enum(["email", "postal", "fax", "phone", "in_person", "transfer", "export"]);
export type ForwardingChannel = z.infer<typeof ForwardingChannel>;
/** A short stable code, e.g. "referral", "youth_office_report", "email_notice". */
export const ConsentPurpose = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, "must be a purpose code");
/** A recipient as organisations name it, e.g. "Jugendamt Mitte"; compared case-insensitively. */
export const ForwardingRecipient = singleLineText({ min: 1, max: COMPLIANCE_LIMITS.recipientChars, trim: true });

/** Language of the consent text shown (BCP 47, e.g. "de", "en", "tr", "de-DE"). */
export const ConsentLanguage = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "must be a language tag");

export const ConsentSubject = z.discriminatedUnion("type", [
  z.object({ type: z.literal("client"), clientId: Id }).strict(),
  z.object({ type: z.literal("case"), caseId: Id }).strict(),
]);
export type ConsentSubject = z.infer<typeof ConsentSubject>;

export const ConsentView = z
  .object({
    id: Id,
    organisationId: Id,
    subject: ConsentSubject,
    givenBy: ConsentGiver,
    capacity: ConsentCapacity,
    purpose: ConsentPurpose,
    recipients: z.array(z.string()),
    channels: z.array(ForwardingChannel),
    textSha256: Sha256Hex,
    language: z.string(),
    method: ConsentMethod,
    staffPresentId: Id.nullable(),
    recordedBy: Id,
    givenAt: z.number().int(),
    expiresAt: z.number().int().nullable(),
    recordedAt: z.number().int(),
    /** From the withdrawal record, if any; the consent record itself never changes. */
    withdrawal: z
      .object({
        id: Id,
        withdrawnAt: z.number().int(),
        method: ConsentMethod,
        recordedBy: Id,
        recordedAt: z.number().int(),
      })
      .strict()
      .nullable(),
    /** Whether it was in force at the time asked for (default now). */
    active: z.boolean(),
  })
  .strict()
  .meta({ id: "Consent" });
export type ConsentView = z.infer<typeof ConsentView>;

export const RecordConsent = defineRoute({
  method: "POST",
  path: "/api/consents",
  summary: "Staff: record a consent given in writing, verbally or online (append-only; audited)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  body: z
    .object({
      organisationId: Id,
      subject: ConsentSubject,
      givenBy: ConsentGiver,
      capacity: ConsentCapacity,
      purpose: ConsentPurpose,
      recipients: z.array(ForwardingRecipient).min(1).max(COMPLIANCE_LIMITS.recipients),
      channels: z.array(ForwardingChannel).min(1).max(ForwardingChannel.options.length),
      textSha256: Sha256Hex,
      language: ConsentLanguage,
      method: ConsentMethod,
      staffPresentId: Id.optional(),
      /** When it was given (a signed form may be recorded later); defaults to now, never in the future. */
      givenAt: z.number().int().min(0).optional(),
      expiresAt: z.number().int().min(0).optional(),
    })
    .strict(),
  responses: { 201: z.object({ consent: ConsentView }).strict() },
});

export const WithdrawConsent = defineRoute({
  method: "POST",
  path: "/api/consents/:consentId/withdraw",
  summary:
    "Record the withdrawal of a consent as a new record (staff of the organisation, or the client themselves; audited)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  params: z.object({ consentId: Id }).strict(),
  body: z.object({ method: ConsentMethod, withdrawnAt: z.number().int().min(0).optional() }).strict(),
  responses: { 201: z.object({ consent: ConsentView }).strict() },
});

export const ListConsents = defineRoute({
  method: "GET",
  path: "/api/consents",
  summary: "Staff: consents of a client or case with their state at time `at` (default now)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  query: z
    .object({
      organisationId: Id,
      clientId: Id.optional(),
      caseId: Id.optional(),
      at: z.coerce.number().int().min(0).optional(),
    })
    .strict()
    .refine((q) => (q.clientId === undefined) !== (q.caseId === undefined), "give either clientId or caseId"),
  responses: { 200: z.object({ consents: z.array(ConsentView) }).strict() },
});

export const ListMyConsents = defineRoute({
  method: "GET",
  path: "/api/account/consents",
  summary: "Client: one's own consents (all organisations, or one) with their state at `at` (default now)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  query: z.object({ organisationId: Id.optional(), at: z.coerce.number().int().min(0).optional() }).strict(),
  responses: { 200: z.object({ consents: z.array(ConsentView) }).strict() },
});

export const GiveMyConsent = defineRoute({
  method: "POST",
  path: "/api/account/consents",
  summary: "Client: give a consent online, for oneself or for one of one's cases (append-only; audited)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  body: z
    .object({
      organisationId: Id,
      caseId: Id.optional(),
      capacity: ConsentCapacity,
      purpose: ConsentPurpose,
      recipients: z.array(ForwardingRecipient).min(1).max(COMPLIANCE_LIMITS.recipients),
      channels: z.array(ForwardingChannel).min(1).max(ForwardingChannel.options.length),
      textSha256: Sha256Hex,
      language: ConsentLanguage,
      expiresAt: z.number().int().min(0).optional(),
    })
    .strict(),
  responses: { 201: z.object({ consent: ConsentView }).strict() },
});

export const WithdrawMyConsent = defineRoute({
  method: "POST",
  path: "/api/account/consents/:consentId/withdraw",
  summary: "Client: withdraw one's own consent now (recorded as a new record; audited)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  params: z.object({ consentId: Id }).strict(),
  responses: { 201: z.object({ consent: ConsentView }).strict() },
});

// ----------------------------------------------------- channel preferences

/** How a client may be contacted; everything but in-app is off until the client turns it on. */
export const ChannelPreferencesView = z
  .object({
    inApp: z.boolean(),
    emailNotice: z.boolean(),
    push: z.boolean(),
    phone: z.boolean(),
    updatedAt: z.number().int().nullable(),
  })
  .strict()
  .meta({ id: "ChannelPreferences" });
export type ChannelPreferencesView = z.infer<typeof ChannelPreferencesView>;
export const NotificationChannel = z.enum(["inApp", "emailNotice", "push", "phone"]);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

export const GetMyChannelPreferences = defineRoute({
  method: "GET",
  path: "/api/account/channel-preferences",
  summary: "How one may be contacted (clients)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  responses: { 200: z.object({ preferences: ChannelPreferencesView }).strict() },
});

export const UpdateMyChannelPreferences = defineRoute({
  method: "PUT",
  path: "/api/account/channel-preferences",
  summary: "Change how one may be contacted (clients; audited)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  body: z.object({ inApp: z.boolean(), emailNotice: z.boolean(), push: z.boolean(), phone: z.boolean() }).strict(),
  responses: { 200: z.object({ preferences: ChannelPreferencesView }).strict() },
});

export const GetClientChannelPreferences = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/clients/:clientId/channel-preferences",
  summary: "How a client of the organisation may be contacted (staff with access to one of the client's cases)",
  tag: "compliance",
  auth: "session",
  rate: "api",
  params: z.object({ orgId: Id, clientId: Id }).strict(),
  responses: { 200: z.object({ preferences: ChannelPreferencesView }).strict() },
});

// --------------------------------------------------------- forwarding gate

/**
 * Legal bases that allow a disclosure without consent. A GDPR basis alone
 * does not lift professional secrecy (§203 StGB); the written reason has to
 * name the authority to disclose. See docs/PROTOCOL.md "Forwarding gate".
 */
export const LegalBasis = z.enum([
  /** Art. 6(1)(c) GDPR: legal obligation (e.g. a court order, a statutory duty to report). */
  "gdpr_6_1_c_legal_obligation",
  /** Art. 6(1)(d) GDPR: vital interests of the person or another person. */
  "gdpr_6_1_d_vital_interests",
  /** Art. 6(1)(e) GDPR: task in the public interest (public bodies, §69 SGB X). */
  "gdpr_6_1_e_public_task",
  /** Art. 9(2)(c) GDPR: vital interests when the person cannot consent. */
  "gdpr_9_2_c_vital_interests_incapable",
  /** Art. 9(2)(f) GDPR: establishing, exercising or defending legal claims. */
  "gdpr_9_2_f_legal_claims",
  /** §4 KKG with §8a SGB VIII: child-protection disclosure to the youth welfare office. */
  "kkg_4_child_protection",
  /** §34 StGB: justifying emergency (present danger to life, body, liberty). */
  "stgb_34_emergency",
  /** §138 StGB: duty to report certain planned serious crimes. */
  "stgb_138_planned_crime",
]);
export type LegalBasis = z.infer<typeof LegalBasis>;

export const ForwardingCheckBody = z
  .object({
    organisationId: Id,
    caseId: Id.optional(),
    clientId: Id.optional(),
    purpose: ConsentPurpose,
    recipient: ForwardingRecipient,
    channel: ForwardingChannel,
    legalBasis: LegalBasis.optional(),
    /** Required with a legal basis: why this disclosure is necessary. No case content. */
    reason: multiLineText({
      min: COMPLIANCE_LIMITS.reasonMinChars,
      max: COMPLIANCE_LIMITS.reasonChars,
      trim: true,
    }).optional(),
  })
  .strict()
  .refine((b) => (b.caseId === undefined) !== (b.clientId === undefined), "give either caseId or clientId")
  .refine((b) => b.legalBasis === undefined || b.reason !== undefined, {
    message: "a legal basis needs a written reason",
    path: ["reason"],
  });
export type ForwardingCheckBody = z.infer<typeof ForwardingCheckBody>;

export const ForwardingDecisionView = z
  .object({
    /** Id of the recorded decision; a later send names it. */
    id: Id,
    allowed: z.literal(true),
    basis: z.discriminatedUnion("type", [
      z.object({ type: z.literal("consent"), consentId: Id }).strict(),
      z.object({ type: z.literal("legal_basis"), legalBasis: LegalBasis }).strict(),
    ]),
    decidedAt: z.number().int(),
  })
  .strict()
  .meta({ id: "ForwardingDecision" });
export type ForwardingDecisionView = z.infer<typeof ForwardingDecisionView>;

export const CheckForwarding = defineRoute({
  method: "POST",
  path: "/api/forwarding/check",
  summary:
    "The forwarding gate: may this case or client data go to this recipient on this channel? Needs an active matching consent or a legal basis with a reason; refusals answer `forwarding_refused`. Every decision is audited",
  tag: "compliance",
  auth: "session",
  rate: "api",
  body: ForwardingCheckBody,
  responses: { 200: z.object({ decision: ForwardingDecisionView }).strict() },
});
