// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import { ForbiddenError, NotFoundError } from "../../core/errors";
import { recordAudit } from "../../core/audit";
import { memberRemovalRefusal, titleRefusal, type ConversationActor as PolicyActor } from "../../policies";
import { authorizeConversation, auditDenied } from "./conversations";
import { oweEpochRotation } from "./epoch-rotation";
import { conversationTopic } from "./messages";
import { publishConversationUpdated } from "./notify-conversations";
import { currentMemberIds, markMemberLeft, setTitleEnvelope } from "./store-conversations";
import { lockConversationRow } from "./store-epochs";

export interface RemoveConversationMemberProps {
  actor: PolicyActor;
  conversationId: string;
  accountId: string;
}

/**
 * Takes a member out of a team chat (issue #16): they leave now — the server refuses them everything in it
 * from then on — and the chat owes a new epoch (ADR 0029), so no message goes in under a key they hold until
 * a remaining member's browser has wrapped a fresh one to the others. The conversation row is locked first, so
 * an epoch published at the same moment either comes before the removal (and is owed again) or sees them gone.
 */
export async function removeConversationMember(ctx: AppContext, props: RemoveConversationMemberProps): Promise<void> {
  const { actor, conversationId, accountId } = props;
  const membership = await authorizeConversation(ctx, actor, conversationId, "read");
  const refusal = memberRemovalRefusal(membership, accountId === actor.accountId);
  if (refusal) {
    await auditDenied(ctx, actor, conversationId, "remove_member");
    throw new ForbiddenError(refusal);
  }
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await lockConversationRow(trx, conversationId);
    if (!(await markMemberLeft(trx, conversationId, accountId, now)))
      throw new NotFoundError("Not a member of this chat");
    await oweEpochRotation(trx, [conversationId], { reason: "member_left", now });
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: "conversation.member_removed",
      target: { type: "conversation", id: conversationId },
      data: { accountId },
    });
  });
  // Best effort, like every bus event: their open WebSocket subscriptions end (app/realtime/hub.ts). Should the
  // event be lost, nothing can be sent before the new epoch anyway, and that epoch is not wrapped to them.
  await ctx.bus
    .publish(conversationTopic(conversationId), { type: "member_left", conversationId, accountId })
    .catch(() => undefined);
}

/**
 * Gives a team chat its title (issue #16, ADR 0033): sealed in the creator's browser like a message, so the server
 * stores bytes it cannot read; the members' browsers open it and check that the chat's creator signed it.
 */
export async function setConversationTitle(
  ctx: AppContext,
  props: { actor: PolicyActor; conversationId: string; envelope: Uint8Array },
): Promise<void> {
  const { actor, conversationId } = props;
  const membership = await authorizeConversation(ctx, actor, conversationId, "read");
  const refusal = titleRefusal(membership);
  if (refusal) {
    await auditDenied(ctx, actor, conversationId, "set_title");
    throw new ForbiddenError(refusal);
  }
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await setTitleEnvelope(trx, conversationId, props.envelope);
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: "conversation.title_set",
      target: { type: "conversation", id: conversationId },
      data: {},
    });
  });
  // The members' lists show the title at once (it arrives after the chat itself was announced).
  const members = await currentMemberIds(ctx.db.db, conversationId);
  publishConversationUpdated(ctx, {
    conversationId,
    kind: "team",
    change: "title",
    accountIds: members.filter((id) => id !== actor.accountId),
  });
}
