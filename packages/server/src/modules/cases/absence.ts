// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { recordAudit } from "../../core/audit";
import { publishCaseUpdate } from "./notify";
import { openCaseUpdatesOfAssignee } from "./store";
import { absenceOf, absencePeriodOf, saveAbsence } from "./store-absences";

export interface Absence {
  active: boolean;
  message: string;
  /** For clients of an informal ("du") topic; null: `message` for both. */
  messageInformal: string | null;
  until: number | null;
}

/**
 * A counsellor's absence notice. While active (and before `until`), clients
 * who write to the counsellor's cases get it once per absence period as an
 * automatic reply (modules/cases/messages.ts). The text is a public
 * announcement written by staff, stored in plaintext like the agency greeting,
 * and like it may be written twice: clients of a "du" topic read the informal one.
 */
export async function getAbsence(ctx: AppContext, actor: Actor): Promise<Absence> {
  authorize(actor, "absence.manage", { type: "own", ownerId: actor.accountId });
  const row = await absenceOf(ctx.db.db, actor.accountId);
  if (!row) return { active: false, message: "", messageInformal: null, until: null };
  return {
    active: row.active === 1,
    message: row.message,
    messageInformal: row.message_informal ?? null,
    until: row.until === null ? null : Number(row.until),
  };
}

export async function setAbsence(
  ctx: AppContext,
  actor: Actor,
  input: Omit<Absence, "messageInformal"> & { messageInformal?: string | null },
): Promise<Absence> {
  authorize(actor, "absence.manage", { type: "own", ownerId: actor.accountId });
  const absence: Absence = { ...input, messageInformal: input.messageInformal?.trim() ? input.messageInformal : null };
  const now = ctx.clock.now();
  const updates = await ctx.db.db.transaction().execute(async (trx) => {
    const before = await absencePeriodOf(trx, actor.accountId);
    // A new period starts when the notice is switched on; editing the text while away keeps the period.
    const since = absence.active ? (before?.active === 1 ? before.since : now) : null;
    const row = {
      active: absence.active ? 1 : 0,
      message: absence.message,
      message_informal: absence.messageInformal,
      until: absence.until,
      since,
      updated_at: now,
    };
    await saveAbsence(trx, actor.accountId, row);
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: "absence.updated",
      data: { active: absence.active },
    });
    // Inboxes and clients show the assignee's notice: tell them it changed.
    return openCaseUpdatesOfAssignee(trx, actor.accountId);
  });
  for (const u of updates) publishCaseUpdate(ctx, u);
  return absence;
}
