// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { ErrorCodeSchema } from "./errors";

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

export const ClientPing = z.object({ type: z.literal("ping"), id: z.string().max(64) }).strict();

/** Messages a client may send. Messaging adds send/ack/subscribe here. */
export const ClientMessage = z.discriminatedUnion("type", [ClientPing]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerHello = z.object({ type: z.literal("hello"), protocol: z.number().int(), nodeId: z.string() }).strict();
export const ServerPong = z.object({ type: z.literal("pong"), id: z.string() }).strict();
export const ServerError = z.object({ type: z.literal("error"), code: ErrorCodeSchema, message: z.string() }).strict();
export const ServerGoingAway = z.object({ type: z.literal("going_away"), reason: z.enum(["shutdown", "session_ended"]) }).strict();

export const ServerMessage = z.discriminatedUnion("type", [ServerHello, ServerPong, ServerError, ServerGoingAway]);
export type ServerMessage = z.infer<typeof ServerMessage>;
