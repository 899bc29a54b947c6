// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OwedRotationsView } from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { authorize } from "../../policies";
import { messagingPolicyOf } from "../messaging";
import { countDueByLimit, countOwedByKind, listOwedCaseConversationsOf } from "./store-owed-rotations";

const MINE_LIMIT = 200;

/**
 * What the console shows about owed epochs (issue #14; ADR 0042): after a departure the server marks every
 * conversation the person could read (ADR 0029), and the next browser allowed to open one makes its new epoch —
 * an administrator outside the case team cannot (they hold the team key as custodian, but are no member of
 * the case). So the console shows how many are still owed, and lists the case conversations of the teams the
 * asking administrator leads (leading a team gives case access; the administrator role does not), for their
 * browser to renew now. Counts only: which cases, and why, is not
 * the administrator's business beyond their own teams.
 */
export async function getOwedRotations(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<OwedRotationsView> {
  authorize(props.actor, "epoch_rotation.read", { type: "organisation", organisationId: props.orgId });
  const db = ctx.db.db;
  const limits = (await messagingPolicyOf(ctx, props.orgId)).epochs;
  const [byKind, dueByLimit, mine] = await Promise.all([
    countOwedByKind(db, props.orgId),
    countDueByLimit(db, props.orgId, limits, ctx.clock.now()),
    listOwedCaseConversationsOf(db, props.orgId, props.actor.accountId, MINE_LIMIT),
  ]);
  const afterDeparture = { cases: 0, chats: 0, adminRemoved: 0 };
  for (const row of byKind) {
    const n = Number(row.n);
    if (row.kind === "case" || row.kind === "notes") {
      afterDeparture.cases += n;
      if (row.rotation_owed_reason === "admin_removed") afterDeparture.adminRemoved += n;
    } else afterDeparture.chats += n;
  }
  return {
    afterDeparture,
    dueByLimit,
    mine: mine.map((r) => ({
      caseId: r.case_id,
      conversationId: r.conversation_id,
      kind: r.kind === "notes" ? ("notes" as const) : ("case" as const),
    })),
  };
}
