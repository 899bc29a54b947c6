// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { staffNameForClients } from "../../core/names";
import { recordAudit } from "../../core/audit";
import { openCaseUpdatesOfAssignee, publishCaseUpdate } from "../cases";
import { findDisplayName, setDisplayNameOf } from "./store-accounts";

/**
 * A staff member's own display name: what clients (and colleagues) see
 * instead of the login name (core/names.ts). New staff accounts get
 * one at sign-up; accounts from before it was required set it here.
 */
export async function getDisplayName(ctx: AppContext, actor: Actor): Promise<{ displayName: string | null }> {
  authorize(actor, "display_name.manage", { type: "own", ownerId: actor.accountId });
  const row = await findDisplayName(ctx.db.db, actor.accountId);
  return { displayName: staffNameForClients(row) };
}

/** `displayName` is already trimmed and bounded by StaffDisplayName in @obhut/protocol. */
export async function setDisplayName(
  ctx: AppContext,
  actor: Actor,
  displayName: string,
): Promise<{ displayName: string | null }> {
  authorize(actor, "display_name.manage", { type: "own", ownerId: actor.accountId });
  const now = ctx.clock.now();
  const updates = await ctx.db.db.transaction().execute(async (trx) => {
    await setDisplayNameOf(trx, actor.accountId, displayName);
    // The name itself stays out of the audit log (logs hold no names); that it changed is recorded.
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: "account.display_name_changed",
      target: { type: "account", id: actor.accountId },
    });
    // Clients and colleagues with one of these cases open reload it and see the new name.
    return openCaseUpdatesOfAssignee(trx, actor.accountId);
  });
  for (const u of updates) publishCaseUpdate(ctx, u);
  return { displayName };
}
