// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { OrganisationIdParams } from "./admin";

/**
 * How many conversations of an organisation still owe a new epoch (issue #14; ADR 0029, ADR 0042). Counts only —
 * which case or chat, and why, stays with the people in it — except `mine`: the case conversations the asking
 * administrator may open themselves (as the lead of the case's team), so their browser can make those epochs now.
 */
export const OwedCaseConversation = z
  .object({
    caseId: Id,
    conversationId: Id,
    /** The case's conversation with the client, or its team notes. */
    kind: z.enum(["case", "notes"]),
  })
  .strict()
  .meta({ id: "OwedCaseConversation" });
export type OwedCaseConversation = z.infer<typeof OwedCaseConversation>;

const Count = z.number().int().min(0);

export const OwedRotationsView = z
  .object({
    /**
     * Someone who could read them left (offboarding, removal from a team, handover, re-binding, an administrator
     * removed): nothing can be sent until the next authorised browser has made the new epoch.
     */
    afterDeparture: z
      .object({
        /** Case conversations and notes of cases not archived. */
        cases: Count,
        /** Team and direct chats and channels. */
        chats: Count,
        /** Of those cases: the ones an administrator's removal marked (their team and archive key must be renewed first). */
        adminRemoved: Count,
      })
      .strict(),
    /** The current epoch has served the organisation's message or day limit: the next message's browser renews it. */
    dueByLimit: Count,
    /** Owed after a departure, in cases of a team I lead and am a member of the conversation (at most 200, oldest first). */
    mine: z.array(OwedCaseConversation).max(200),
  })
  .strict()
  .meta({ id: "OwedRotations" });
export type OwedRotationsView = z.infer<typeof OwedRotationsView>;

export const GetOwedRotations = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/owed-rotations",
  summary: "How many conversations still owe a new epoch, and which case conversations I could renew (administrators)",
  tag: "keys",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: OwedRotationsView },
});
