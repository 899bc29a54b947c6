// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import { authorizeCase } from "../../policies";
import { storeInitialEpoch, type InitialEpochInput } from "./cases";
import { loadCaseView, teamMembers } from "./store";
import { claimNotesConversation } from "./store-cases";
import { conversationExists, insertConversation, insertConversationMembers, teamWrapsOf } from "./store-conversations";

/**
 * Internal notes: a `notes` conversation whose members are the case team
 * (never the client), created on the first note; notes are then ordinary
 * sealed messages in it. The team wraps of both conversations let every
 * present and future team member read the case.
 */
export async function openNotes(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { conversationId: string; epoch: InitialEpochInput },
): Promise<CaseView> {
  const { c } = await authorizeCase(ctx, actor, caseId, "case.notes");
  if (c.state === "archived") throw new AppError("case_state", "This case is archived and read-only");
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    if (await conversationExists(trx, input.conversationId))
      throw new AppError("conflict", "This conversation id is already in use; choose a new one");
    await insertConversation(trx, {
      id: input.conversationId,
      organisation_id: c.organisation_id,
      kind: "notes",
      created_by: actor.accountId,
      created_at: now,
    });
    // Exactly one notes conversation per case, even if two colleagues start one at once.
    const claimed = await claimNotesConversation(trx, {
      caseId,
      teamId: c.team_id,
      conversationId: input.conversationId,
    });
    if (!claimed) throw new AppError("conflict", "This case already has its notes");
    const members = (await teamMembers(trx, c.team_id)).map((m) => m.account_id);
    await insertConversationMembers(
      trx,
      [...new Set([actor.accountId, ...members])].map((accountId) => ({
        conversation_id: input.conversationId,
        account_id: accountId,
        role: "team" as const,
        joined_at: now,
        left_at: null,
      })),
    );
    await storeInitialEpoch(trx, {
      conversationId: input.conversationId,
      creatorId: actor.accountId,
      teamId: c.team_id,
      orgId: c.organisation_id,
      epoch: input.epoch,
      now,
    });
    await recordAudit(trx, now, {
      organisationId: c.organisation_id,
      actorId: actor.accountId,
      action: "case.notes_opened",
      target: { type: "case", id: caseId },
    });
  });
  return loadCaseView(ctx.db.db, { viewerId: actor.accountId, viewerIsClient: false, now, caseId });
}

/** The case's and notes' epoch keys wrapped to the case team's keys (every generation stored). */
export async function listCaseTeamWraps(ctx: AppContext, actor: Actor, caseId: string) {
  const { c } = await authorizeCase(ctx, actor, caseId, "case.keys.read");
  const conversations = [c.conversation_id, ...(c.notes_conversation_id ? [c.notes_conversation_id] : [])];
  const rows = await teamWrapsOf(ctx.db.db, conversations, c.team_id);
  return rows.map((r) => ({
    conversationId: r.conversation_id,
    epoch: r.epoch,
    teamId: r.ref_id,
    generation: r.generation,
    wrap: Buffer.from(r.wrap.buffer, r.wrap.byteOffset, r.wrap.byteLength).toString("base64url"),
  }));
}

/** The browser made a case-file PDF: the audit log records that it happened, with counts only. */
export async function recordCaseExport(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  counts: { messages: number; notes: number },
): Promise<void> {
  const { c } = await authorizeCase(ctx, actor, caseId, "case.export");
  await recordAudit(ctx.db.db, ctx.clock.now(), {
    organisationId: c.organisation_id,
    actorId: actor.accountId,
    action: "case.exported",
    target: { type: "case", id: caseId },
    data: { messages: counts.messages, notes: counts.notes },
  });
}
