// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { B64, Id } from "../common";
import { defineRoute } from "../route";

/**
 * Messaging limits every client must respect; the server enforces them on
 * HTTP and WebSocket alike (see docs/PROTOCOL.md and ADR 0007).
 */
export const MESSAGING_LIMITS = {
  /** Largest sealed envelope in bytes (before base64url). */
  envelopeBytes: 64 * 1024,
  /** Largest page of history. */
  historyPage: 100,
  /** Largest signed epoch record and single key wrap, in bytes. */
  epochRecordBytes: 16 * 1024,
  keyWrapBytes: 2048,
  /** Members of one conversation created over HTTP. */
  membersPerConversation: 1000,
  /** Largest sealed chat title in bytes (before base64url). */
  titleEnvelopeBytes: 4096,
} as const;

/** Base64url length of `bytes` raw bytes (no padding). */
function b64Length(bytes: number): number {
  return Math.ceil((bytes * 4) / 3);
}

/** `notes`: a case's internal notes, whose members are the case team only (never the client). */
export const ConversationKind = z.enum(["case", "team", "direct", "broadcast", "notes"]);
export type ConversationKind = z.infer<typeof ConversationKind>;
export const MemberRole = z.enum(["member", "owner", "subscriber", "team"]);
export const MessageKind = z.enum(["message", "edit", "delete"]);
export type MessageKind = z.infer<typeof MessageKind>;

/** A sealed message envelope (ciphertext from @obhut/crypto's sealMessage), base64url. */
export const Envelope = B64.min(2).max(b64Length(MESSAGING_LIMITS.envelopeBytes));
/** A team chat's title, sealed like a message by its creator's browser (ADR 0033), base64url. */
export const TitleEnvelope = B64.min(2).max(b64Length(MESSAGING_LIMITS.titleEnvelopeBytes));
/** Chosen by the sending client, unique per sender; a retry with the same id never duplicates. */
export const ClientMsgId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "must be an id");
/** Per-conversation sequence number; 0 means "before the first message". */
export const Seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const SeqParam = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const MessageView = z
  .object({
    conversationId: Id,
    seq: Seq,
    id: Id,
    senderId: Id,
    envelope: Envelope,
    kind: MessageKind,
    replacesId: Id.nullable(),
    createdAt: z.number().int(),
  })
  .strict()
  .meta({ id: "Message" });
export type MessageView = z.infer<typeof MessageView>;

export const ConversationView = z
  .object({
    id: Id,
    organisationId: Id.nullable(),
    kind: ConversationKind,
    role: MemberRole,
    createdAt: z.number().int(),
    /** Seq of the newest message (0 when empty). */
    lastSeq: Seq,
    readSeq: Seq,
    deliveredSeq: Seq,
    /** Messages after readSeq that others sent (own messages count as read). */
    unread: z.number().int().min(0),
    /**
     * A new epoch is owed before the next message (error `epoch_rotation_owed`): someone who could read the
     * conversation left it, or its current epoch reached the organisation's limits (ADR 0029).
     */
    rotationOwed: z.boolean(),
    /** A team chat's sealed title, when its creator gave one (`SetConversationTitle`). */
    titleEnvelope: TitleEnvelope.optional(),
  })
  .strict()
  .meta({ id: "Conversation" });

export const MemberView = z.object({ accountId: Id, role: MemberRole, joinedAt: z.number().int() }).strict();

/**
 * How far the other participants have received and read, for the caller's own messages' states. `shared` is
 * the organisation's messaging policy for this kind of conversation (receipts); when false both markers are 0.
 * Markers are the highest among the participants whose receipts may reach the caller (docs/PROTOCOL.md,
 * WebSocket rule 4); live changes arrive as `receipt` frames.
 */
export const PeerReceiptsView = z.object({ shared: z.boolean(), deliveredSeq: Seq, readSeq: Seq }).strict();
export type PeerReceiptsView = z.infer<typeof PeerReceiptsView>;

const ConversationParams = z.object({ id: Id }).strict();

export const CreateConversation = defineRoute({
  method: "POST",
  path: "/api/conversations",
  summary: "Create a direct or team conversation between staff of one organisation",
  tag: "messaging",
  auth: "session",
  rate: "api",
  body: z
    .object({
      kind: z.enum(["direct", "team"]),
      /** The other participants; the caller is added as owner. */
      memberIds: z
        .array(Id)
        .min(1)
        .max(MESSAGING_LIMITS.membersPerConversation - 1),
    })
    .strict(),
  responses: { 201: z.object({ conversation: ConversationView }).strict() },
});

export const ListConversations = defineRoute({
  method: "GET",
  path: "/api/conversations",
  summary: "My conversations with unread counts",
  tag: "messaging",
  auth: "session",
  rate: "api",
  responses: { 200: z.object({ conversations: z.array(ConversationView) }).strict() },
});

export const GetConversation = defineRoute({
  method: "GET",
  path: "/api/conversations/:id",
  summary: "One conversation and the members I may see (subscribers never see each other)",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: ConversationParams,
  responses: {
    200: z
      .object({ conversation: ConversationView, members: z.array(MemberView), receipts: PeerReceiptsView })
      .strict(),
  },
});

export const RemoveConversationMember = defineRoute({
  method: "DELETE",
  path: "/api/conversations/:id/members/:accountId",
  summary:
    "Remove a member from a team chat (its creator, or a member who is a team lead or administrator; never the creator), or leave it (any other member, with their own id); audited: they leave now and the chat owes a new epoch without them (ADR 0029)",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: z.object({ id: Id, accountId: Id }).strict(),
  responses: { 204: z.null() },
});

export const SetConversationTitle = defineRoute({
  method: "PUT",
  path: "/api/conversations/:id/title",
  summary: "Give a team chat its title, sealed in the browser like a message (its creator; audited)",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: ConversationParams,
  body: z.object({ envelope: TitleEnvelope }).strict(),
  responses: { 204: z.null() },
});

export const SendMessageBody = z
  .object({ clientMsgId: ClientMsgId, envelope: Envelope, kind: MessageKind.optional(), replacesId: Id.optional() })
  .strict();

export const SendMessage = defineRoute({
  method: "POST",
  path: "/api/conversations/:id/messages",
  summary: "Send a sealed message (HTTP fallback of the WebSocket `send`); idempotent by clientMsgId",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: ConversationParams,
  body: SendMessageBody,
  responses: {
    201: z.object({ seq: Seq, id: Id, createdAt: z.number().int(), duplicate: z.boolean() }).strict(),
  },
});

export const ListMessages = defineRoute({
  method: "GET",
  path: "/api/conversations/:id/messages",
  summary: "History page: newest before `before`, or oldest after `after` (default: the newest page)",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: ConversationParams,
  query: z
    .object({
      before: SeqParam.optional(),
      after: SeqParam.optional(),
      limit: z.coerce.number().int().min(1).max(MESSAGING_LIMITS.historyPage).optional(),
    })
    .strict()
    .refine((q) => q.before === undefined || q.after === undefined, "use either before or after"),
  responses: { 200: z.object({ messages: z.array(MessageView), hasMore: z.boolean() }).strict() },
});

export const MarkRead = defineRoute({
  method: "POST",
  path: "/api/conversations/:id/read",
  summary: "Move my read marker forward (never backwards)",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: ConversationParams,
  body: z.object({ seq: Seq }).strict(),
  responses: { 204: z.null() },
});

export const EpochRecord = B64.min(2).max(b64Length(MESSAGING_LIMITS.epochRecordBytes));
/** An epoch's number: 1 for a conversation's first, counting up by one with each new epoch. */
export const EpochNumber = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1);

export const KeyWrap = B64.min(2).max(b64Length(MESSAGING_LIMITS.keyWrapBytes));

export const ListEpochs = defineRoute({
  method: "GET",
  path: "/api/conversations/:id/epochs",
  summary:
    "Signed epoch records of a conversation and my wrapped epoch keys (under an approved archive access: the archive wraps)",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: ConversationParams,
  responses: {
    200: z
      .object({
        epochs: z.array(
          z
            .object({ epoch: z.number().int(), record: EpochRecord, createdBy: Id, createdAt: z.number().int() })
            .strict(),
        ),
        wraps: z.array(z.object({ epoch: z.number().int(), wrap: KeyWrap }).strict()),
        /**
         * Only for an admin reading under an approved archive access (ADR 0032): each epoch key wrapped to the
         * archive key generation named; the admin's browser opens it with that generation's private key.
         */
        archiveWraps: z
          .array(z.object({ epoch: z.number().int(), generation: z.number().int().min(1), wrap: KeyWrap }).strict())
          .optional(),
      })
      .strict(),
  },
});

export const AddEpoch = defineRoute({
  method: "POST",
  path: "/api/conversations/:id/epochs",
  summary: "Publish the next epoch: its signed record and the epoch key wrapped to each participant",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: ConversationParams,
  body: z
    .object({
      epoch: EpochNumber,
      record: EpochRecord,
      wraps: z
        .array(z.object({ recipientId: Id, wrap: KeyWrap }).strict())
        .min(1)
        .max(MESSAGING_LIMITS.membersPerConversation),
      /**
       * Case and notes conversations only, and required there: the epoch key
       * wrapped to the case team's current team key and to the archive key,
       * so that the team (present and future members) can read the new epoch.
       */
      teamWrap: KeyWrap.optional(),
      archiveWrap: KeyWrap.optional(),
    })
    .strict(),
  responses: { 201: z.object({ epoch: z.number().int() }).strict() },
});

export const AddConversationMembers = defineRoute({
  method: "POST",
  path: "/api/conversations/:id/members",
  summary:
    "Add colleagues to a team chat (its creator, or a member who is a team lead or administrator), each with the chat's current epoch key wrapped to them in the adder's browser; audited (ADR 0040)",
  tag: "messaging",
  auth: "session",
  rate: "api",
  params: ConversationParams,
  body: z
    .object({
      /** The chat's current epoch, which the wraps open; another answers `409 epoch_outdated`. */
      epoch: EpochNumber,
      members: z
        .array(z.object({ accountId: Id, wrap: KeyWrap }).strict())
        .min(1)
        .max(50)
        .refine((m) => new Set(m.map((x) => x.accountId)).size === m.length, "each account once"),
    })
    .strict(),
  responses: { 204: z.null() },
});
