// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";

/** A session as its owner sees it: times only — no IP addresses and no user agents are stored. */
export const SessionView = z
  .object({
    id: Id,
    createdAt: z.number().int(),
    lastSeenAt: z.number().int(),
    expiresAt: z.number().int(),
    current: z.boolean(),
    mfaPending: z.boolean(),
  })
  .strict()
  .meta({ id: "Session" });
export type SessionView = z.infer<typeof SessionView>;

export const ListSessions = defineRoute({
  method: "GET",
  path: "/api/sessions",
  summary: "The caller's open sessions",
  tag: "sessions",
  auth: "session",
  rate: "api",
  responses: { 200: z.object({ sessions: z.array(SessionView) }).strict() },
});

export const RevokeSession = defineRoute({
  method: "DELETE",
  path: "/api/sessions/:sessionId",
  summary: "End one of the caller's sessions (its WebSockets close on all nodes)",
  tag: "sessions",
  auth: "session",
  rate: "api",
  params: z.object({ sessionId: Id }).strict(),
  responses: { 204: z.null() },
});

export const RevokeOtherSessions = defineRoute({
  method: "POST",
  path: "/api/sessions/revoke-others",
  summary: "End every session of the caller except this one",
  tag: "sessions",
  auth: "session",
  rate: "api",
  responses: { 200: z.object({ endedSessions: z.number().int().min(0) }).strict() },
});
