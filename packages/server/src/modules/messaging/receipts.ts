// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AppContext } from "../../core/context";
import type { ConversationKind, MemberRole } from "../../infra/db/schema";
import { advanceMarker, authorizeConversation } from "./conversations";
import type { ConversationActor as PolicyActor } from "../../policies";
import { conversationTopic } from "./messages";
import { messagingPolicyOf, sharesEphemeral } from "./messaging-policy";

/** An ephemeral event on a conversation's topic; carries the policy inputs so receivers need no lookup. */
export interface EphemeralEvent {
  [key: string]: unknown;
  type: "receipt" | "typing";
  conversationId: string;
  conversationKind: ConversationKind;
  accountId: string;
  fromRole: MemberRole;
  fromKind: "client" | "staff";
  kind?: "delivered" | "read";
  seq?: number;
}

/**
 * Moves my delivered/read marker (unread counters survive reconnects because
 * they live in the database) and, where the organisation's messaging policy
 * shares receipts in this kind of conversation, tells the other participants.
 */
export async function recordReceipt(
  ctx: AppContext,
  actor: PolicyActor,
  conversationId: string,
  kind: "delivered" | "read",
  seq: number,
): Promise<void> {
  const membership = await authorizeConversation(ctx, actor, conversationId, "receipt");
  const moved = await advanceMarker(
    ctx,
    conversationId,
    actor.accountId,
    kind === "read" ? "read_seq" : "delivered_seq",
    seq,
  );
  if (moved === undefined || membership.role === "subscriber") return;
  const policy = await messagingPolicyOf(ctx, membership.organisationId);
  if (!sharesEphemeral(policy, membership.kind, "receipts")) return;
  const event: EphemeralEvent = {
    type: "receipt",
    conversationId,
    conversationKind: membership.kind,
    accountId: actor.accountId,
    fromRole: membership.role,
    fromKind: actor.kind,
    kind,
    seq: moved,
  };
  await publishEphemeral(ctx, event);
}

/** Typing notices are never stored; dropped where the organisation's policy says so. */
export async function announceTyping(ctx: AppContext, actor: PolicyActor, conversationId: string): Promise<void> {
  const membership = await authorizeConversation(ctx, actor, conversationId, "send");
  const policy = await messagingPolicyOf(ctx, membership.organisationId);
  if (!sharesEphemeral(policy, membership.kind, "typing")) return;
  await publishEphemeral(ctx, {
    type: "typing",
    conversationId,
    conversationKind: membership.kind,
    accountId: actor.accountId,
    fromRole: membership.role,
    fromKind: actor.kind,
  });
}

async function publishEphemeral(ctx: AppContext, event: EphemeralEvent): Promise<void> {
  // At most once by design: a lost receipt or typing notice is harmless, the markers are in the database.
  await ctx.bus.publish(conversationTopic(event.conversationId), event).catch(() => undefined);
}
