// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";
import { Id } from "../common";
import { defineRoute } from "../route";
import { multiLineText } from "../text";
import { OrganisationIdParams } from "./admin";

/**
 * Archive access (ADR 0032): the organisation reads a case with its archive
 * key — when the case's team can no longer open it, or for a disclosure the
 * law requires. Four eyes: an admin asks with a reason, a DPO approves or
 * refuses, and only then may the admin's browser fetch the case
 * conversation's envelopes, epoch records and archive wraps (through
 * ListMessages and ListEpochs) for ARCHIVE_ACCESS_MINUTES. The team lead sees it.
 */

/** Why the organisation opens a case: organisational text ("Team aufgelöst; Auskunftsersuchen"), never content. */
export const ArchiveAccessReason = multiLineText({ min: 20, max: 500, trim: true });
/** How long an approved archive access lets the admin read. */
export const ARCHIVE_ACCESS_MINUTES = 60;

export const ArchiveAccessState = z.enum(["pending", "approved", "refused", "expired"]);
export type ArchiveAccessState = z.infer<typeof ArchiveAccessState>;

export const ArchiveAccessView = z
  .object({
    id: Id,
    caseId: Id,
    teamId: Id,
    teamName: z.string().nullable(),
    requestedBy: Id,
    requesterName: z.string().nullable(),
    reason: z.string(),
    requestedAt: z.number().int(),
    state: ArchiveAccessState,
    decidedBy: Id.nullable(),
    deciderName: z.string().nullable(),
    decidedAt: z.number().int().nullable(),
    expiresAt: z.number().int().nullable(),
    /** The case's conversation, for the requester while their access is approved and running; null otherwise. */
    conversationId: Id.nullable(),
  })
  .strict()
  .meta({ id: "ArchiveAccess" });
export type ArchiveAccessView = z.infer<typeof ArchiveAccessView>;

export const RequestArchiveAccess = defineRoute({
  method: "POST",
  path: "/api/cases/:caseId/archive-access",
  summary:
    "An admin asks to read a case with the organisation's archive key, with a reason; a DPO must approve it (audited as case.archive_access_requested)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: z.object({ caseId: Id }).strict(),
  body: z.object({ reason: ArchiveAccessReason }).strict(),
  responses: { 201: z.object({ request: ArchiveAccessView }).strict() },
});

export const DecideArchiveAccess = defineRoute({
  method: "POST",
  path: "/api/organisations/:orgId/archive-access/:requestId/decision",
  summary:
    "The DPO approves (the requester may read for ARCHIVE_ACCESS_MINUTES) or refuses a pending archive access; never the requester",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: z.object({ orgId: Id, requestId: Id }).strict(),
  body: z.object({ approve: z.boolean() }).strict(),
  responses: { 200: z.object({ request: ArchiveAccessView }).strict() },
});

export const ListArchiveAccess = defineRoute({
  method: "GET",
  path: "/api/organisations/:orgId/archive-access",
  summary:
    "Archive-access requests, newest first: admins and the DPO see all, team leads those to their teams' cases (last 90 days)",
  tag: "dpo",
  auth: "session",
  rate: "api",
  params: OrganisationIdParams,
  responses: { 200: z.object({ requests: z.array(ArchiveAccessView) }).strict() },
});
