// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CannedReplyBody, CannedReplyView } from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { recordAudit } from "../../core/audit";
import { AppError, NotFoundError } from "../../core/errors";
import { newId } from "../../core/ids";
import { authorize, type Action } from "../../policies";
import { presentCannedReply } from "./presenter";
import {
  deleteCannedReply,
  findCannedReplyRow,
  findTeamAndRole,
  insertCannedReply,
  listCannedReplyRows,
  teamKeyGenerationExists,
  updateCannedReply,
} from "./store";

/**
 * Canned replies (Textbausteine) of a team (issue #16, CRYPTO.md §7f). The
 * server never sees a snippet: it stores what the browser sealed and checks
 * who may read (members and leads of the team) and who may change (the
 * team's leads — a shared text that every counsellor sends to clients is
 * the team's voice, so its leads answer for it, as Zammad and Front leave
 * shared templates to supervisors). The audit trail records that a snippet
 * was created, changed or deleted, never its content.
 */

type TeamProps = { actor: Actor; orgId: string; teamId: string };

async function authorizeTeam(ctx: AppContext, props: TeamProps, action: Action): Promise<void> {
  const team = await findTeamAndRole(ctx.db.db, { ...props, accountId: props.actor.accountId });
  // Another organisation's team, or none: "not found" either way.
  authorize(props.actor, action, {
    type: "team",
    organisationId: props.orgId,
    teamId: props.teamId,
    actorTeamRole: team.role,
  });
  if (!team.exists) throw new NotFoundError("No such team");
}

async function checkGeneration(ctx: AppContext, teamId: string, generation: number): Promise<void> {
  if (!(await teamKeyGenerationExists(ctx.db.db, teamId, generation))) {
    throw new AppError("key_mismatch", "The team has no key of this generation");
  }
}

export async function listCannedReplies(ctx: AppContext, props: TeamProps): Promise<CannedReplyView[]> {
  await authorizeTeam(ctx, props, "canned_reply.read");
  return (await listCannedReplyRows(ctx.db.db, props.teamId)).map(presentCannedReply);
}

export async function createCannedReply(
  ctx: AppContext,
  props: TeamProps & { body: CannedReplyBody },
): Promise<CannedReplyView> {
  await authorizeTeam(ctx, props, "canned_reply.manage");
  await checkGeneration(ctx, props.teamId, props.body.generation);
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    organisation_id: props.orgId,
    team_id: props.teamId,
    generation: props.body.generation,
    wrap: props.body.wrap,
    ciphertext: props.body.ciphertext,
    created_by: props.actor.accountId,
    created_at: now,
    updated_by: props.actor.accountId,
    updated_at: now,
  };
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertCannedReply(trx, row);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "canned_reply.created",
      target: { type: "team", id: props.teamId },
      data: { replyId: row.id },
    });
  });
  return presentCannedReply(row);
}

export async function changeCannedReply(
  ctx: AppContext,
  props: TeamProps & { replyId: string; body: CannedReplyBody },
): Promise<CannedReplyView> {
  await authorizeTeam(ctx, props, "canned_reply.manage");
  await checkGeneration(ctx, props.teamId, props.body.generation);
  const now = ctx.clock.now();
  const row = await ctx.db.db.transaction().execute(async (trx) => {
    const before = await findCannedReplyRow(trx, props.teamId, props.replyId);
    if (!before) throw new NotFoundError("No such canned reply");
    const values = {
      id: before.id,
      generation: props.body.generation,
      wrap: props.body.wrap,
      ciphertext: props.body.ciphertext,
      updated_by: props.actor.accountId,
      updated_at: now,
    };
    await updateCannedReply(trx, values);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "canned_reply.updated",
      target: { type: "team", id: props.teamId },
      data: { replyId: before.id },
    });
    return { ...before, ...values };
  });
  return presentCannedReply(row);
}

export async function removeCannedReply(ctx: AppContext, props: TeamProps & { replyId: string }): Promise<void> {
  await authorizeTeam(ctx, props, "canned_reply.manage");
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const before = await findCannedReplyRow(trx, props.teamId, props.replyId);
    if (!before) throw new NotFoundError("No such canned reply");
    await deleteCannedReply(trx, before.id);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "canned_reply.deleted",
      target: { type: "team", id: props.teamId },
      data: { replyId: before.id },
    });
  });
}
