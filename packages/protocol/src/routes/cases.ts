// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { multiLineText } from "../text";
import { Sha256Hex } from "./compliance";
import { ClientMsgId, EpochNumber, EpochRecord, Envelope, KeyWrap, Seq } from "./conversations";

/**
 * Online counselling (issue 6): the public agency finder, the client's
 * enquiry that opens a case, the team inbox and everything counsellors do
 * with a case. A case is a `case` conversation (client ↔ team) plus a row
 * that carries its state, team and assignee; its internal notes live in a
 * second conversation of kind `notes` whose only members are the team.
 *
 * Everything a client or counsellor writes travels as sealed envelopes
 * (@obhut/crypto); the server only stores and relays them. The texts the
 * server does hold in plaintext are organisational, never case content: the
 * agency's greeting and a counsellor's absence notice (both shown to
 * clients, written by staff as public announcements).
 */

export const CASE_LIMITS = {
  /** Agency greeting and absence notice, in characters. */
  noticeChars: 1000,
  /** Postcodes are German 5-digit codes or prefixes of them ("10" serves 10000–10999). */
  postcodeMaxLength: 5,
  /** Cases per page of `ListCases` when the request names no `limit`, and the most it may name. */
  inboxPage: 50,
  inboxPageMax: 100,
} as const;

export const CaseState = z.enum(["new", "active", "closed", "archived"]);
export type CaseState = z.infer<typeof CaseState>;

export const AddressForm = z.enum(["formal", "informal"]);

export const Postcode = z.string().regex(/^[0-9]{5}$/, "must be a 5-digit postcode");

export const TopicView = z
  .object({
    id: Id,
    organisationId: Id,
    organisationName: z.string(),
    slug: z.string(),
    name: z.string(),
    addressForm: AddressForm,
  })
  .strict()
  .meta({ id: "Topic" });
export type TopicView = z.infer<typeof TopicView>;

export const AgencyView = z
  .object({
    id: Id,
    organisationId: Id,
    organisationName: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    languages: z.array(z.string()),
    openingHours: z.string().nullable(),
    onlineAnywhere: z.boolean(),
    /** Postcodes or prefixes served. */
    postcodes: z.array(z.string()),
    topicIds: z.array(Id),
    /** The team new enquiries go to; null when the agency takes none yet. */
    intakeTeamId: Id.nullable(),
    /** Shown to the client at once after the first message (plaintext, written by the agency). */
    greeting: z.string().nullable(),
  })
  .strict()
  .meta({ id: "Agency" });
export type AgencyView = z.infer<typeof AgencyView>;

export const ListTopics = defineRoute({
  method: "GET",
  path: "/api/finder/topics",
  summary: "Topics offered on this instance (agency finder, no login)",
  tag: "counselling",
  auth: "none",
  rate: "public",
  responses: { 200: z.object({ topics: z.array(TopicView) }).strict() },
});

export const FindAgencies = defineRoute({
  method: "GET",
  path: "/api/finder/agencies",
  summary: "Agencies serving a topic at a postcode, or online anywhere; order shuffled per request",
  tag: "counselling",
  auth: "none",
  rate: "public",
  query: z
    .object({
      topicId: Id,
      postcode: Postcode.optional(),
      /** "1": agencies that counsel online regardless of place. */
      online: z.enum(["1"]).optional(),
      /** Only agencies whose counsellors speak this language (primary subtag: "ar" also finds "ar-SY"; ADR 0046). */
      language: z
        .string()
        .regex(/^[a-z]{2,3}$/, "must be a primary language subtag")
        .optional(),
    })
    .strict()
    .refine((q) => (q.postcode === undefined) !== (q.online === undefined), "give either postcode or online=1"),
  responses: { 200: z.object({ agencies: z.array(AgencyView) }).strict() },
});

export const GetAgency = defineRoute({
  method: "GET",
  path: "/api/finder/agencies/:agencyId",
  summary: "One agency (deep links and QR codes); with `counsellorId` the preselected counsellor's public name",
  tag: "counselling",
  auth: "none",
  rate: "public",
  params: z.object({ agencyId: Id }).strict(),
  query: z.object({ counsellorId: Id.optional() }).strict(),
  responses: {
    200: z
      .object({
        agency: AgencyView,
        topics: z.array(TopicView),
        /** As clients see staff: the display name, null when none is set (never the login name). */
        counsellor: z.object({ id: Id, displayName: z.string().nullable() }).strict().nullable(),
      })
      .strict(),
  },
});

/** First epoch of a conversation opened by its creator: signed record plus the key wrapped three ways. */
export const InitialEpoch = z
  .object({
    record: EpochRecord,
    /** Epoch key wrapped to the creator's own account key (participant wrap). */
    ownWrap: KeyWrap,
    /** Wrapped to the team key generation named in the record. */
    teamWrap: KeyWrap,
    /** Wrapped to the organisation archive key named in the record. */
    archiveWrap: KeyWrap,
  })
  .strict();

export const CaseEventType = z.enum([
  "opened",
  "greeting",
  "accepted",
  "assigned",
  "handed_over",
  "absence_reply",
  "closed",
  "reopened",
  "archived",
]);
export type CaseEventType = z.infer<typeof CaseEventType>;

/**
 * The case timeline as both sides see it. `text` carries the agency greeting
 * or the absence notice (organisational plaintext), never case content.
 * Handover notes are encrypted and live in the notes conversation.
 */
export const CaseEventView = z
  .object({
    id: Id,
    type: CaseEventType,
    createdAt: z.number().int(),
    actorId: Id.nullable(),
    actorName: z.string().nullable(),
    /** For accepted/assigned/handed_over: who answers now. */
    assigneeId: Id.nullable(),
    assigneeName: z.string().nullable(),
    teamId: Id.nullable(),
    text: z.string().nullable(),
  })
  .strict()
  .meta({ id: "CaseEvent" });
export type CaseEventView = z.infer<typeof CaseEventView>;

export const CaseView = z
  .object({
    id: Id,
    /** The case conversation (client ↔ team). */
    conversationId: Id,
    /** Internal notes (team only); null until the first note. Never sent to clients. */
    notesConversationId: Id.nullable(),
    organisationId: Id,
    agencyId: Id,
    agencyName: z.string(),
    topicId: Id,
    addressForm: AddressForm,
    teamId: Id,
    teamName: z.string(),
    state: CaseState,
    clientId: Id,
    /** The client's chosen pseudonym (staff only; clients see their own). */
    clientName: z.string(),
    assigneeId: Id.nullable(),
    assigneeName: z.string().nullable(),
    /** The assignee's absence notice while they are absent (shown to the client). */
    assigneeAbsence: z.string().nullable(),
    /** Counsellor the client chose through a deep link (a wish, shown in the inbox). */
    preferredCounsellorId: Id.nullable(),
    createdAt: z.number().int(),
    /** Since when the client waits for an answer (last client message after the last staff message); null if not waiting. */
    waitingSince: z.number().int().nullable(),
    closedAt: z.number().int().nullable(),
    /** When the client last wrote (staff only, for the inbox's sort); null if never or for clients. */
    lastClientMessageAt: z.number().int().nullable().optional(),
    lastSeq: Seq,
    /** Messages of others after my read marker (edits and deletions are not messages). */
    unread: z.number().int().min(0),
  })
  .strict()
  .meta({ id: "Case" });
export type CaseView = z.infer<typeof CaseView>;

export const OpenCase = defineRoute({
  method: "POST",
  path: "/api/cases",
  summary:
    "Client: open a case at an agency with the first (sealed) message; the ids are chosen by the client because the epoch record signs them",
  tag: "counselling",
  auth: "session",
  rate: "api",
  body: z
    .object({
      caseId: Id,
      conversationId: Id,
      agencyId: Id,
      topicId: Id,
      preferredCounsellorId: Id.optional(),
      epoch: InitialEpoch,
      firstMessage: z.object({ clientMsgId: ClientMsgId, envelope: Envelope }).strict(),
      /**
       * The organisation's published documents the client was shown and confirmed in the enquiry, each with
       * the SHA-256 of the text the browser displayed; recorded as accepted. While the organisation publishes a
       * privacy notice, a case opens only if the client has accepted a current version (`privacy_notice_required`).
       */
      acceptedDocuments: z
        .array(z.object({ documentId: Id, sha256: Sha256Hex }).strict())
        .max(8)
        .optional(),
    })
    .strict(),
  responses: { 201: z.object({ case: CaseView, events: z.array(CaseEventView) }).strict() },
});

export const CaseScope = z.enum(["new", "mine", "team", "all"]);

/**
 * The inbox's orders, each total (ties broken by case id) so a page ends at a definite place:
 * `waiting` — cases waiting for an answer first, longest waiting first, then the others newest first;
 * `lastClient` — the client's newest message first, cases the client never wrote in last;
 * `newest` — newest case first.
 */
export const CaseSort = z.enum(["waiting", "lastClient", "newest"]);
export type CaseSort = z.infer<typeof CaseSort>;

/**
 * Where the previous page of `ListCases` ended (its `nextCursor`): the order's initial, the sort key of the
 * page's last case (a group 0/1 and an integer) and its id. Not a secret and not signed: it only says where to
 * continue inside what the asker may see anyway; a cursor of another order is refused (`400 invalid_query`).
 */
export const CaseCursor = z
  .string()
  .max(100)
  .regex(/^[wln]\.[01]\.-?[0-9]{1,16}\.[A-Za-z0-9_-]{8,64}$/, "must be a cursor from a previous page");

export const ListCases = defineRoute({
  method: "GET",
  path: "/api/cases",
  summary:
    "Client: my cases. Staff: `new` (unassigned enquiries of my teams), `mine`, `team` (all cases of my teams); filters, order, one page at a time",
  tag: "counselling",
  auth: "session",
  rate: "api",
  query: z
    .object({
      scope: CaseScope.optional(),
      state: CaseState.optional(),
      teamId: Id.optional(),
      topicId: Id.optional(),
      sort: CaseSort.optional(),
      /** The previous page's `nextCursor`, with the same scope, filters and sort. */
      cursor: CaseCursor.optional(),
      limit: z.coerce.number().int().min(1).max(CASE_LIMITS.inboxPageMax).optional(),
    })
    .strict(),
  responses: {
    200: z
      .object({
        cases: z.array(CaseView),
        /** Give it as `cursor` for the next page; null on the last page. */
        nextCursor: CaseCursor.nullable(),
        /** How many cases this view and its filters hold in all (every page). */
        total: z.number().int().min(0),
      })
      .strict(),
  },
});

const CaseParams = z.object({ caseId: Id }).strict();

export const GetCase = defineRoute({
  method: "GET",
  path: "/api/cases/:caseId",
  summary: "One case with its timeline (client: own case; staff: cases of their teams)",
  tag: "counselling",
  auth: "session",
  rate: "api",
  params: CaseParams,
  responses: { 200: z.object({ case: CaseView, events: z.array(CaseEventView) }).strict() },
});

export const AcceptCase = defineRoute({
  method: "POST",
  path: "/api/cases/:caseId/accept",
  summary: "Counsellor takes a new enquiry; if a colleague was faster: 409 case_taken naming who took it",
  tag: "counselling",
  auth: "session",
  rate: "api",
  params: CaseParams,
  responses: { 200: z.object({ case: CaseView }).strict() },
});

export const AssignCase = defineRoute({
  method: "POST",
  path: "/api/cases/:caseId/assign",
  summary: "Team lead assigns a case of the team to a team member",
  tag: "counselling",
  auth: "session",
  rate: "api",
  params: CaseParams,
  body: z.object({ assigneeId: Id }).strict(),
  responses: { 200: z.object({ case: CaseView }).strict() },
});

/**
 * A conversation's next epoch, for the receiving team only (ADR 0029): the browser that hands a case to another
 * team publishes it with the handover, so not one message goes under a key the old team holds. The case
 * conversation's key is wrapped to the client; the notes' to no one (the team reads them through its key).
 */
export const HandoverEpoch = z
  .object({
    conversationId: Id,
    epoch: EpochNumber.min(2),
    record: EpochRecord,
    wraps: z.array(z.object({ recipientId: Id, wrap: KeyWrap }).strict()).max(1),
    teamWrap: KeyWrap,
    archiveWrap: KeyWrap,
  })
  .strict();

export const HandOverCase = defineRoute({
  method: "POST",
  path: "/api/cases/:caseId/handover",
  summary:
    "Assignee or team lead hands the case to a colleague of the team, or to another team of the organisation (with every epoch key re-wrapped to that team)",
  tag: "counselling",
  auth: "session",
  rate: "api",
  params: CaseParams,
  body: z
    .object({
      toAccountId: Id.optional(),
      toTeamId: Id.optional(),
      /** For another team: each existing epoch key wrapped to that team's current key generation. */
      teamWraps: z
        .array(
          z
            .object({
              conversationId: Id,
              epoch: z.number().int().min(1),
              generation: z.number().int().min(1),
              wrap: KeyWrap,
            })
            .strict(),
        )
        .max(10_000)
        .optional(),
      /** For another team: the next epoch of the case and notes conversations, for that team (optional). */
      epochs: z.array(HandoverEpoch).max(2).optional(),
    })
    .strict()
    .refine((b) => b.toAccountId !== undefined || b.toTeamId !== undefined, "give toAccountId and/or toTeamId"),
  responses: { 200: z.object({ case: CaseView }).strict() },
});

export const CloseCase = defineRoute({
  method: "POST",
  path: "/api/cases/:caseId/close",
  summary: "Counsellor closes the case (retention periods start now); the client reopens it by writing",
  tag: "counselling",
  auth: "session",
  rate: "api",
  params: CaseParams,
  responses: { 200: z.object({ case: CaseView }).strict() },
});

export const ArchiveCase = defineRoute({
  method: "POST",
  path: "/api/cases/:caseId/archive",
  summary: "Archive a closed case (read-only from then on)",
  tag: "counselling",
  auth: "session",
  rate: "api",
  params: CaseParams,
  responses: { 200: z.object({ case: CaseView }).strict() },
});

export const OpenNotes = defineRoute({
  method: "POST",
  path: "/api/cases/:caseId/notes",
  summary:
    "Create the case's internal-notes conversation (team only) with its first epoch; notes are then sent as messages",
  tag: "counselling",
  auth: "session",
  rate: "api",
  params: CaseParams,
  body: z.object({ conversationId: Id, epoch: InitialEpoch }).strict(),
  responses: { 201: z.object({ case: CaseView }).strict() },
});

export const RecordCaseExport = defineRoute({
  method: "POST",
  path: "/api/cases/:caseId/exports",
  summary: "Audit a case-file export made in the browser (counts only; the server never sees the PDF)",
  tag: "counselling",
  auth: "session",
  rate: "api",
  params: CaseParams,
  body: z
    .object({ messages: z.number().int().min(0).max(1_000_000), notes: z.number().int().min(0).max(1_000_000) })
    .strict(),
  responses: { 204: z.null() },
});

/** Team-key wraps of epoch keys for the case's team (case and notes conversations). */
export const ListCaseTeamWraps = defineRoute({
  method: "GET",
  path: "/api/cases/:caseId/team-wraps",
  summary: "Epoch keys of the case and notes conversations wrapped to team keys (staff of the case's team)",
  tag: "counselling",
  auth: "session",
  rate: "api",
  params: CaseParams,
  responses: {
    200: z
      .object({
        wraps: z.array(
          z
            .object({
              conversationId: Id,
              epoch: z.number().int(),
              teamId: Id,
              generation: z.number().int(),
              wrap: KeyWrap,
            })
            .strict(),
        ),
      })
      .strict(),
  },
});

export const AbsenceView = z
  .object({
    active: z.boolean(),
    message: z.string().max(CASE_LIMITS.noticeChars),
    /** The notice for clients of a "du" topic; null: `message` serves both forms of address. */
    messageInformal: z.string().max(CASE_LIMITS.noticeChars).nullable(),
    until: z.number().int().nullable(),
  })
  .strict();
/**
 * What staff send: the notices are multi-line text (the view stays lenient so an older stored notice still
 * reads). An informal notice left out (an older web app) or blank means one notice for both forms.
 */
const AbsenceInput = AbsenceView.extend({
  message: multiLineText({ max: CASE_LIMITS.noticeChars }),
  messageInformal: multiLineText({ max: CASE_LIMITS.noticeChars }).nullable().optional(),
});

export const GetAbsence = defineRoute({
  method: "GET",
  path: "/api/account/absence",
  summary: "My absence notice (staff)",
  tag: "counselling",
  auth: "session",
  rate: "api",
  responses: { 200: AbsenceView },
});

export const SetAbsence = defineRoute({
  method: "PUT",
  path: "/api/account/absence",
  summary: "Set or clear my absence notice; while active, clients writing to my cases get it as an automatic reply",
  tag: "counselling",
  auth: "session",
  rate: "api",
  body: AbsenceInput,
  responses: { 200: AbsenceView },
});
