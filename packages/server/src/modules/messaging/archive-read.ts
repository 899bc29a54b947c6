// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import { recordRepeatableAudit } from "../../core/audit-aggregate";
import { activeArchiveAccess, type ArchiveGrant, type ConversationAction } from "../../policies";
import { authorizeConversation, findMembership } from "./conversations";

/** A session's actor as the read routes see it; the role decides whether archive access can apply. */
export interface ReadActor {
  accountId: string;
  kind: "client" | "staff";
  organisationId: string | null;
  role?: string;
}

/**
 * The gate of the two reads an archive access allows (ADR 0032): history and
 * epochs. A current member reads as a member (the conversation gate); an
 * admin who is not one reads only under an approved, running archive access
 * of their own (policies/gates/archive-access.ts). Each such read is audited
 * as `case.archive_read {action, requestId}`, repeats within a minute folded
 * like break-glass reads. Everyone else gets the conversation gate's refusal.
 */
export async function authorizeHistoryRead(
  ctx: AppContext,
  actor: ReadActor,
  conversationId: string,
  what: "conversation.read" | "conversation.epochs",
): Promise<ArchiveGrant | undefined> {
  const action: ConversationAction = "read";
  if (actor.kind === "staff") {
    const membership = await findMembership(ctx, conversationId, actor.accountId);
    if (!membership || membership.leftAt !== null) {
      const grant = await activeArchiveAccess(ctx.db.db, actor, conversationId, ctx.clock.now());
      if (grant) {
        await recordRepeatableAudit(ctx, {
          organisationId: grant.organisationId,
          actorId: actor.accountId,
          action: "case.archive_read",
          target: { type: "case", id: grant.caseId },
          data: { action: what, requestId: grant.requestId },
        });
        return grant;
      }
    }
  }
  await authorizeConversation(ctx, actor, conversationId, action);
  return undefined;
}
