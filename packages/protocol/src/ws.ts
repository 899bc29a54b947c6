// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "./common";
import { ErrorCodeSchema } from "./errors";
import { CaseState } from "./routes/cases";
import { ClientMsgId, Envelope, MessageKind, MessageView, Seq } from "./routes/conversations";
import { singleLineText } from "./text";

/** WebSocket endpoint; the session cookie authenticates the upgrade request. */
export const WS_PATH = "/ws";

/** Close codes beyond the standard ones (4000-4999 are application-defined). */
export const WS_CLOSE = {
  unauthenticated: 4401,
  sessionRevoked: 4403,
  tooSlow: 4408,
  protocolError: 4400,
  serverShutdown: 1001,
} as const;

export const ClientPing = z.object({ type: z.literal("ping"), id: singleLineText({ max: 64 }) }).strict();

/** Most conversations one `subscribe` may name; send several frames for more. */
export const WS_MAX_CURSORS = 1000;

/**
 * Start (or restart) delivery: for each cursor the server sends every
 * message with seq > afterSeq in order, then live messages, with no gaps and
 * no duplicates. Subscribing again to a conversation replaces its cursor.
 */
export const ClientSubscribe = z
  .object({
    type: z.literal("subscribe"),
    cursors: z
      .array(z.object({ conversationId: Id, afterSeq: Seq }).strict())
      .min(1)
      .max(WS_MAX_CURSORS),
  })
  .strict();
/** Send a sealed envelope; answered by `ack` only after it is durably stored, or by `error` with ref = clientMsgId. */
export const ClientSend = z
  .object({
    type: z.literal("send"),
    clientMsgId: ClientMsgId,
    conversationId: Id,
    envelope: Envelope,
    kind: MessageKind.optional(),
    replacesId: Id.optional(),
  })
  .strict();
/** "I have received everything up to seq" (delivered receipt; also advances the server-side delivered marker). */
export const ClientAckReceived = z.object({ type: z.literal("ack_received"), conversationId: Id, seq: Seq }).strict();
/** "I have read everything up to seq" (read receipt and unread counter). */
export const ClientRead = z.object({ type: z.literal("read"), conversationId: Id, seq: Seq }).strict();
/** Ephemeral typing notice; forwarded only where the policy allows it. */
export const ClientTyping = z.object({ type: z.literal("typing"), conversationId: Id }).strict();
/**
 * This connection's presence: "away" when the user is not looking (tab
 * hidden), "online" again when they are. A new connection starts "online".
 * An account is online while any of its connections is online, away while
 * all are away, offline when none is open.
 */
export const PresenceState = z.enum(["online", "away"]);
export const ClientPresence = z.object({ type: z.literal("presence"), state: PresenceState }).strict();

/** Messages a client may send. */
export const ClientMessage = z.discriminatedUnion("type", [
  ClientPing,
  ClientSubscribe,
  ClientSend,
  ClientAckReceived,
  ClientRead,
  ClientTyping,
  ClientPresence,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerHello = z
  .object({ type: z.literal("hello"), protocol: z.number().int(), nodeId: z.string() })
  .strict();
export const ServerPong = z.object({ type: z.literal("pong"), id: z.string() }).strict();
/**
 * `ref` names what failed: the clientMsgId of a `send`, or the conversationId of a `subscribe` cursor.
 * `retryAfterMs` comes with `unavailable` when the node was too busy to take a send (admission control,
 * ADR 0039): nothing was stored; the client sends again with the same clientMsgId after that pause.
 */
export const ServerError = z
  .object({
    type: z.literal("error"),
    code: ErrorCodeSchema,
    message: z.string(),
    ref: z.string().optional(),
    retryAfterMs: z.number().int().nonnegative().optional(),
  })
  .strict();
/** One stored message; `seq` is gap-free per conversation and the same for every reader. */
export const ServerMessageFrame = MessageView.extend({ type: z.literal("message") }).strict();
/** The message with this clientMsgId is durably stored under (conversationId, seq). */
export const ServerAck = z
  .object({
    type: z.literal("ack"),
    clientMsgId: ClientMsgId,
    conversationId: Id,
    seq: Seq,
    id: Id,
    createdAt: z.number().int(),
  })
  .strict();
export const ServerReceipt = z
  .object({
    type: z.literal("receipt"),
    conversationId: Id,
    accountId: Id,
    kind: z.enum(["delivered", "read"]),
    seq: Seq,
  })
  .strict();
export const ServerTyping = z.object({ type: z.literal("typing"), conversationId: Id, accountId: Id }).strict();
/**
 * Presence of a peer: someone who shares a subscribed conversation with this
 * connection and whom the organisation's messaging policy lets it see. Sent
 * for each newly visible peer after `subscribe` (a snapshot, "offline"
 * included, so a reconnecting client converges) and on every change.
 */
export const ServerPresence = z
  .object({ type: z.literal("presence"), accountId: Id, state: z.enum(["online", "away", "offline"]) })
  .strict();
export const ServerGoingAway = z
  .object({ type: z.literal("going_away"), reason: z.enum(["shutdown", "session_ended"]) })
  .strict();

/**
 * A case changed (opened, accepted, assigned, handed over, closed, reopened,
 * archived, absence reply): sent to the client of the case and every member
 * of its team, so inboxes update in realtime. Fetch the case for details.
 */
export const ServerCaseUpdate = z
  .object({ type: z.literal("case"), caseId: Id, state: CaseState, assigneeId: Id.nullable(), teamId: Id })
  .strict();

/**
 * A staff chat (team or direct conversation) of the receiving account changed in its list: `added` — it was
 * started with them as a member; `title` — its creator gave it its title. Sent to every member's open sockets
 * except the one who did it, so the chat list shows it without reopening the page. Ids only; fetch the
 * conversation list for the rest.
 */
export const ServerConversationUpdated = z
  .object({
    type: z.literal("conversation_updated"),
    conversationId: Id,
    kind: z.enum(["team", "direct"]),
    change: z.enum(["added", "title"]),
  })
  .strict();

export const ServerMessage = z.discriminatedUnion("type", [
  ServerHello,
  ServerPong,
  ServerError,
  ServerGoingAway,
  ServerMessageFrame,
  ServerAck,
  ServerReceipt,
  ServerTyping,
  ServerPresence,
  ServerCaseUpdate,
  ServerConversationUpdated,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
