// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Actor } from "../../core/actor";
import type { AppContext } from "../../core/context";
import { AppError, ForbiddenError, NotFoundError } from "../../core/errors";
import { recordAudit } from "../../core/audit";
import {
  creationRefusal,
  decide,
  memberAdditionRefusal,
  memberRemovalRefusal,
  titleRefusal,
  type ConversationActor as PolicyActor,
  type Membership,
} from "../../policies";
import { authorizeConversation, auditDenied } from "./conversations";
import { oweEpochRotation } from "./epoch-rotation";
import { conversationTopic } from "./messages";
import { publishConversationUpdated } from "./notify-conversations";
import { leadsTeamIn } from "./store-channels";
import { currentRoleOf, memberRowsAmong, rejoinMembers } from "./store-chat-members";
import {
  currentMemberIds,
  findParticipantAccounts,
  insertConversationMembers,
  markMemberLeft,
  setTitleEnvelope,
} from "./store-conversations";
import { insertEpochKeyWraps, lastEpoch, lockConversationRow } from "./store-epochs";

/** Who changes members: the session's actor (its role decides whether it manages chats besides their creators). */
type MemberActor = PolicyActor & Pick<Actor, "role">;

/**
 * Whether the actor may manage the members of a chat they belong to besides its creator (`chat.members`): an
 * administrator, or a team lead of the chat's organisation.
 */
async function managesChats(ctx: AppContext, actor: MemberActor, membership: Membership): Promise<boolean> {
  if (actor.kind !== "staff" || !membership.organisationId) return false;
  const leads = await leadsTeamIn(ctx.db.db, membership.organisationId, actor.accountId);
  const resource = { type: "organisation" as const, organisationId: membership.organisationId, actorLeadsTeam: leads };
  return decide(actor, "chat.members", resource) === "allow";
}

export interface RemoveConversationMemberProps {
  actor: MemberActor;
  conversationId: string;
  accountId: string;
}

/**
 * Takes a member out of a team chat (issue #16): they leave now — the server refuses them everything in it
 * from then on (`membership_ended` when they try to write) — and the chat owes a new epoch (ADR 0029), so no
 * message goes in under a key they hold until a remaining member's browser has wrapped a fresh one to the others.
 * The conversation row is locked first, so an epoch published at the same moment either comes before the removal
 * (and is owed again) or sees them gone.
 */
export async function removeConversationMember(ctx: AppContext, props: RemoveConversationMemberProps): Promise<void> {
  const { actor, conversationId, accountId } = props;
  const membership = await authorizeConversation(ctx, actor, conversationId, "read");
  const self = accountId === actor.accountId;
  const manager = !self && membership.role !== "owner" && (await managesChats(ctx, actor, membership));
  const role = self ? membership.role : await currentRoleOf(ctx.db.db, conversationId, accountId);
  const refusal = memberRemovalRefusal(membership, { self, role }, manager);
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

export interface AddConversationMembersProps {
  actor: MemberActor;
  conversationId: string;
  /** The epoch the wraps open: it must be the chat's current one. */
  epoch: number;
  members: { accountId: string; wrap: Uint8Array }[];
}

/**
 * Adds colleagues to a team chat (ADR 0040): active staff of the chat's organisation, each with the chat's
 * current epoch key wrapped to them in the adder's browser — the server cannot make such a wrap, so only a member
 * adds. They read what was written under that epoch and everything after; earlier epochs stay closed to them. A
 * former member comes back on their row. The conversation row is locked, so an epoch published at the same moment
 * either comes first (and these wraps, for an older epoch, are refused with `epoch_outdated`: the browser wraps
 * the new one) or after (and its author's browser wraps it to them, as to every member the server lists).
 */
export async function addConversationMembers(ctx: AppContext, props: AddConversationMembersProps): Promise<void> {
  const { actor, conversationId } = props;
  const membership = await authorizeConversation(ctx, actor, conversationId, "add_epoch", "add_member");
  const refusal = memberAdditionRefusal(
    membership,
    membership.role !== "owner" && (await managesChats(ctx, actor, membership)),
  );
  if (refusal) {
    await auditDenied(ctx, actor, conversationId, "add_member");
    throw new ForbiddenError(refusal);
  }
  const ids = props.members.map((m) => m.accountId);
  const accounts = await findParticipantAccounts(ctx.db.db, ids);
  const candidates = accounts.map((a) => ({
    accountId: a.id,
    kind: a.kind,
    organisationId: a.organisation_id,
    disabled: a.disabled_at !== null,
  }));
  // The same rule as for a new team chat: active staff of the organisation, never the adder; who exists stays unsaid.
  if (accounts.length !== ids.length || creationRefusal(actor, "team", candidates) !== null)
    throw new ForbiddenError("A participant cannot be added");
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await lockConversationRow(trx, conversationId);
    if ((await lastEpoch(trx, conversationId)) !== props.epoch)
      throw new AppError("epoch_outdated", "The chat has a newer key: wrap that one to the new members");
    const rows = await memberRowsAmong(trx, conversationId, ids);
    if (rows.some((r) => r.left_at === null)) throw new AppError("conflict", "Already a member of this chat");
    const former = new Set(rows.map((r) => r.account_id));
    await rejoinMembers(trx, conversationId, [...former], now);
    await insertConversationMembers(
      trx,
      ids
        .filter((id) => !former.has(id))
        .map((id) => ({
          conversation_id: conversationId,
          account_id: id,
          role: "member" as const,
          joined_at: now,
          left_at: null,
        })),
    );
    // A wrap a member added back still holds (no new epoch since) stays: it opens the same key.
    await insertEpochKeyWraps(
      trx,
      props.members.map((m) => ({
        conversation_id: conversationId,
        epoch: props.epoch,
        recipient_account_id: m.accountId,
        wrap: m.wrap,
        created_at: now,
      })),
      { keepExisting: true },
    );
    // One event per newcomer, like a removal.
    for (const accountId of ids)
      await recordAudit(trx, now, {
        organisationId: actor.organisationId,
        actorId: actor.accountId,
        action: "conversation.member_added",
        target: { type: "conversation", id: conversationId },
        data: { accountId },
      });
  });
  // The newcomers' chat lists show it at once; the members' open chats reload their member lists.
  const members = await currentMemberIds(ctx.db.db, conversationId);
  publishConversationUpdated(ctx, {
    conversationId,
    kind: "team",
    change: "added",
    accountIds: members.filter((id) => id !== actor.accountId),
  });
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
