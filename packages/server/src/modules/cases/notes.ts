// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import { authorizeCase } from "../../policies";
import { storeInitialEpoch, type InitialEpochInput } from "./cases";
import { loadCaseView, teamMembers } from "./store";

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
    const used = await trx
      .selectFrom("conversations")
      .select("id")
      .where("id", "=", input.conversationId)
      .executeTakeFirst();
    if (used) throw new AppError("conflict", "This conversation id is already in use; choose a new one");
    await trx
      .insertInto("conversations")
      .values({
        id: input.conversationId,
        organisation_id: c.organisation_id,
        kind: "notes",
        created_by: actor.accountId,
        created_at: now,
      })
      .execute();
    // Exactly one notes conversation per case, even if two colleagues start one at once.
    const claimed = await trx
      .updateTable("cases")
      .set({ notes_conversation_id: input.conversationId })
      .where("id", "=", caseId)
      .where("notes_conversation_id", "is", null)
      .where("team_id", "=", c.team_id)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new AppError("conflict", "This case already has its notes");
    const members = (await teamMembers(trx, c.team_id)).map((m) => m.account_id);
    await trx
      .insertInto("conversation_members")
      .values(
        [...new Set([actor.accountId, ...members])].map((accountId) => ({
          conversation_id: input.conversationId,
          account_id: accountId,
          role: "team" as const,
          joined_at: now,
          left_at: null,
        })),
      )
      .execute();
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
  const rows = await ctx.db.db
    .selectFrom("epoch_team_wraps")
    .select(["conversation_id", "epoch", "ref_id", "generation", "wrap"])
    .where("conversation_id", "in", conversations)
    .where("role", "=", "team")
    .where("ref_id", "=", c.team_id)
    .orderBy("conversation_id")
    .orderBy("epoch")
    .execute();
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
