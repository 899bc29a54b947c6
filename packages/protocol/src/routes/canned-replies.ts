// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { B64, Id } from "../common";
import { defineRoute } from "../route";

/**
 * Canned replies (Textbausteine) of a team (issue #16): snippets counsellors
 * insert into a reply and edit before sending. Team content, so end-to-end
 * encrypted like the team's cases (docs/CRYPTO.md §7f): the browser seals
 * title and text under a fresh content key and wraps that key to the team's
 * current team key generation. The server stores the ciphertext, the wrap
 * and the generation only; members of the team read them, its leads create,
 * change and delete them.
 */

/** The sealed snippet (title, text, form of address) — at most 64 KiB as base64url. */
export const CannedReplyCiphertext = B64.min(1).max(64 * 1024);
/** The content key wrapped to the team key generation. */
export const CannedReplyWrap = B64.min(1).max(1024);

export const CannedReplyBody = z
  .object({
    generation: z.number().int().min(1),
    wrap: CannedReplyWrap,
    ciphertext: CannedReplyCiphertext,
  })
  .strict();
export type CannedReplyBody = z.infer<typeof CannedReplyBody>;

export const CannedReplyView = z
  .object({
    id: Id,
    teamId: Id,
    generation: z.number().int(),
    wrap: z.string(),
    ciphertext: z.string(),
    createdBy: Id,
    createdAt: z.number().int(),
    updatedBy: Id,
    updatedAt: z.number().int(),
  })
  .strict()
  .meta({ id: "CannedReply" });
export type CannedReplyView = z.infer<typeof CannedReplyView>;

const TeamParams = z.object({ orgId: Id, teamId: Id }).strict();
const ReplyParams = z.object({ orgId: Id, teamId: Id, replyId: Id }).strict();
const PATH = "/api/organisations/:orgId/teams/:teamId/canned-replies";

export const ListCannedReplies = defineRoute({
  method: "GET",
  path: PATH,
  summary: "The team's canned replies, sealed (members and leads of the team)",
  tag: "cases",
  auth: "session",
  rate: "api",
  params: TeamParams,
  responses: { 200: z.object({ replies: z.array(CannedReplyView) }).strict() },
});

export const CreateCannedReply = defineRoute({
  method: "POST",
  path: PATH,
  summary: "A team lead adds a sealed canned reply (audited as canned_reply.created)",
  tag: "cases",
  auth: "session",
  rate: "api",
  params: TeamParams,
  body: CannedReplyBody,
  responses: { 201: z.object({ reply: CannedReplyView }).strict() },
});

export const UpdateCannedReply = defineRoute({
  method: "PUT",
  path: `${PATH}/:replyId`,
  summary: "A team lead replaces a canned reply with a new sealed version (audited as canned_reply.updated)",
  tag: "cases",
  auth: "session",
  rate: "api",
  params: ReplyParams,
  body: CannedReplyBody,
  responses: { 200: z.object({ reply: CannedReplyView }).strict() },
});

export const DeleteCannedReply = defineRoute({
  method: "DELETE",
  path: `${PATH}/:replyId`,
  summary: "A team lead deletes a canned reply (audited as canned_reply.deleted)",
  tag: "cases",
  auth: "session",
  rate: "api",
  params: ReplyParams,
  responses: { 204: z.null() },
});
