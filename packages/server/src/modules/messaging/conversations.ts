// SPDX-License-Identifier: AGPL-3.0-or-later
import { publishConversationUpdated } from "./notify-conversations";
import type { AppContext } from "../../core/context";
import type { ConversationKind, MemberRole } from "../../infra/db/schema";
import { AppError, ForbiddenError, NotFoundError } from "../../core/errors";
import { recordAudit } from "../../core/audit";
import { recordRepeatableAudit } from "../../core/audit-aggregate";
import {
  requireCaseConversationAccess,
  channelReadOnly,
  creationRefusal,
  formerMemberRefusal,
  initialRole,
  isReadOnlyChannelMember,
  mayAct,
  mayShareEphemeral,
  owedRotation,
  visibleMemberRoles,
  type ConversationAction,
  type Membership,
  type ConversationActor as PolicyActor,
} from "../../policies";
import { newId } from "../../core/ids";
import { messagingPolicyOf, sharesEphemeral } from "./messaging-policy";
import {
  findConversationCounters,
  findDirectConversationId,
  findMembershipRow,
  findNextSeq,
  findParticipantAccounts,
  insertConversation,
  insertConversationMembers,
  listCurrentMembers,
  listMemberConversations,
  listMemberMarkers,
  raiseMarker,
} from "./store-conversations";

export interface ConversationSummary {
  id: string;
  organisationId: string | null;
  kind: ConversationKind;
  role: MemberRole;
  createdAt: number;
  lastSeq: number;
  readSeq: number;
  deliveredSeq: number;
  unread: number;
  /** A new epoch is owed before the next message (policies/gates/epoch-rotation.ts). */
  rotationOwed: boolean;
  /** A team chat's title, sealed by its creator's browser (ADR 0033); null: none. */
  titleEnvelope: Uint8Array | null;
}

interface EpochFactRow {
  next_seq: number;
  current_epoch: number;
  epoch_started_seq: number;
  epoch_started_at: number | null;
  rotation_owed_since: number | null;
}

/** Whether the conversation owes a new epoch now, under its organisation's limits. */
async function rotationOwedOf(ctx: AppContext, orgId: string | null, row: EpochFactRow): Promise<boolean> {
  if (Number(row.current_epoch) === 0) return false;
  const facts = {
    currentEpoch: Number(row.current_epoch),
    nextSeq: Number(row.next_seq),
    epochStartedSeq: Number(row.epoch_started_seq),
    epochStartedAt: row.epoch_started_at === null ? null : Number(row.epoch_started_at),
    rotationOwedSince: row.rotation_owed_since === null ? null : Number(row.rotation_owed_since),
  };
  return owedRotation(facts, (await messagingPolicyOf(ctx, orgId)).epochs, ctx.clock.now()) !== null;
}

export async function findMembership(
  ctx: AppContext,
  conversationId: string,
  accountId: string,
): Promise<Membership | undefined> {
  const row = await findMembershipRow(ctx.db.db, conversationId, accountId);
  if (!row) return undefined;
  return {
    conversationId: row.id,
    organisationId: row.organisation_id,
    kind: row.kind,
    role: row.role,
    leftAt: row.left_at,
    readSeq: row.read_seq,
    deliveredSeq: row.delivered_seq,
  };
}

/**
 * Records a refused access to a conversation. Never content; the target id
 * only. Repeated refusals of one kind fold into one summary row per minute
 * (core/audit-aggregate.ts): a flood of them cannot flood the chain.
 */
export async function auditDenied(
  ctx: AppContext,
  actor: PolicyActor,
  conversationId: string,
  action: string,
): Promise<void> {
  await recordRepeatableAudit(ctx, {
    organisationId: actor.organisationId,
    actorId: actor.accountId,
    action: "conversation.access_denied",
    target: { type: "conversation", id: conversationId },
    data: { action },
  });
}

/**
 * The gate every conversation operation passes — and every read of data that
 * belongs to a conversation, such as its attachments (`what` then names that
 * operation in the audit log, e.g. "attachment.read"): returns the membership
 * or throws 404 (non-members must not learn that the conversation exists) or
 * 403 (members lacking the right, e.g. a subscriber sending). Both are audited.
 */
export async function authorizeConversation(
  ctx: AppContext,
  actor: PolicyActor,
  conversationId: string,
  action: ConversationAction,
  what?: string,
): Promise<Membership> {
  const membership = await findMembership(ctx, conversationId, actor.accountId);
  if (mayAct(membership, action)) {
    // Team members of a case conversation: a colleague's assigned case needs break glass (modules/dpo/break-glass.ts).
    if (membership!.role === "team" && (membership!.kind === "case" || membership!.kind === "notes"))
      await requireCaseConversationAccess(ctx, actor, conversationId, membership!.kind, {
        action,
        what: what ?? `conversation.${action}`,
      });
    return membership!;
  }
  await auditDenied(ctx, actor, conversationId, what ?? action);
  const ended = formerMemberRefusal(membership, action);
  if (ended) throw ended;
  if (!membership || membership.leftAt !== null) throw new NotFoundError("Conversation not found");
  if (isReadOnlyChannelMember(membership)) throw channelReadOnly();
  throw new ForbiddenError("You cannot do this in this conversation");
}

export interface CreateConversationProps {
  actor: PolicyActor;
  kind: ConversationKind;
  memberIds: string[];
}

/**
 * Creates a conversation of any kind after checking the creation policy. The
 * HTTP route offers direct and team chats; case intake and broadcasts call
 * this directly with their own kinds.
 */
export async function createConversation(
  ctx: AppContext,
  props: CreateConversationProps,
): Promise<ConversationSummary> {
  const { actor, kind } = props;
  const otherIds = [...new Set(props.memberIds)];
  const rows = await findParticipantAccounts(ctx.db.db, otherIds);
  if (rows.length !== otherIds.length) throw new ForbiddenError("A participant cannot be added");
  const others = rows.map((r) => ({
    accountId: r.id,
    kind: r.kind,
    organisationId: r.organisation_id,
    disabled: r.disabled_at !== null,
  }));
  const refusal = creationRefusal(actor, kind, others);
  if (refusal) throw new ForbiddenError(refusal);
  if (kind === "direct") {
    const existing = await findDirectConversationId(ctx.db.db, actor.accountId, others[0]!.accountId);
    if (existing) throw new AppError("conflict", "A direct conversation with this person exists already");
  }
  const id = newId();
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertConversation(trx, {
      id,
      organisation_id: actor.organisationId,
      kind,
      created_by: actor.accountId,
      created_at: now,
    });
    const members = [
      { conversation_id: id, account_id: actor.accountId, role: "owner" as const, joined_at: now, left_at: null },
      ...others.map((m) => ({
        conversation_id: id,
        account_id: m.accountId,
        role: initialRole(actor, kind, m),
        joined_at: now,
        left_at: null,
      })),
    ];
    await insertConversationMembers(trx, members);
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: "conversation.created",
      target: { type: "conversation", id },
      data: { kind, members: members.length },
    });
  });
  // The other members' chat lists show it at once (a team or direct chat; other kinds have their own frames).
  if (kind === "team" || kind === "direct")
    publishConversationUpdated(ctx, {
      conversationId: id,
      kind,
      change: "added",
      accountIds: others.map((m) => m.accountId),
    });
  return {
    id,
    organisationId: actor.organisationId,
    kind,
    role: "owner",
    createdAt: now,
    lastSeq: 0,
    readSeq: 0,
    deliveredSeq: 0,
    unread: 0,
    rotationOwed: false,
    titleEnvelope: null,
  };
}

/** My conversations, newest activity first; unread = messages after my read marker. */
export async function listConversations(ctx: AppContext, accountId: string): Promise<ConversationSummary[]> {
  const rows = await listMemberConversations(ctx.db.db, accountId);
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      kind: r.kind,
      role: r.role,
      createdAt: r.created_at,
      lastSeq: r.next_seq - 1,
      readSeq: r.read_seq,
      deliveredSeq: r.delivered_seq,
      unread: Math.max(0, r.next_seq - 1 - r.read_seq),
      rotationOwed: await rotationOwedOf(ctx, r.organisation_id, r),
      titleEnvelope: r.title_envelope,
    })),
  );
}

export async function getConversation(ctx: AppContext, actor: PolicyActor, conversationId: string) {
  const membership = await authorizeConversation(ctx, actor, conversationId, "read");
  const conv = await findConversationCounters(ctx.db.db, conversationId);
  const visible = visibleMemberRoles(membership);
  // A subscriber always sees itself, never other subscribers.
  const members = await listCurrentMembers(ctx.db.db, conversationId, visible);
  if (visible !== "all") members.push({ account_id: actor.accountId, role: membership.role, joined_at: 0 });
  const summary: ConversationSummary = {
    id: conversationId,
    organisationId: membership.organisationId,
    kind: membership.kind,
    role: membership.role,
    createdAt: conv.created_at,
    lastSeq: conv.next_seq - 1,
    readSeq: membership.readSeq,
    deliveredSeq: membership.deliveredSeq,
    unread: Math.max(0, conv.next_seq - 1 - membership.readSeq),
    rotationOwed: await rotationOwedOf(ctx, membership.organisationId, conv),
    titleEnvelope: conv.title_envelope,
  };
  return {
    summary,
    members: members.map((m) => ({ accountId: m.account_id, role: m.role, joinedAt: m.joined_at })),
    receipts: await peerReceipts(ctx, actor, membership),
  };
}

/**
 * How far the others have received and read — what live `receipt` frames would have told this member — so
 * a reopened conversation shows its own messages' states at once. Only where the organisation's policy shares
 * receipts in this kind of conversation, and only from participants whose receipts may reach the member.
 */
async function peerReceipts(ctx: AppContext, actor: PolicyActor, membership: Membership) {
  const none = { shared: false, deliveredSeq: 0, readSeq: 0 };
  if (membership.role === "subscriber") return none;
  const policy = await messagingPolicyOf(ctx, membership.organisationId);
  if (!sharesEphemeral(policy, membership.kind, "receipts")) return none;
  const me = { role: membership.role, accountKind: actor.kind };
  let deliveredSeq = 0;
  let readSeq = 0;
  for (const m of await listMemberMarkers(ctx.db.db, membership.conversationId)) {
    if (m.account_id === actor.accountId || !mayShareEphemeral({ role: m.role, accountKind: m.kind }, me)) continue;
    deliveredSeq = Math.max(deliveredSeq, m.delivered_seq, m.read_seq);
    readSeq = Math.max(readSeq, m.read_seq);
  }
  return { shared: true, deliveredSeq, readSeq };
}

/**
 * Moves a member's read or delivered marker forward, never backwards and
 * never past the last message. Returns the new value, or undefined if it
 * did not move (so no receipt is broadcast for a no-op).
 */
export async function advanceMarker(
  ctx: AppContext,
  conversationId: string,
  accountId: string,
  marker: "read_seq" | "delivered_seq",
  seq: number,
): Promise<number | undefined> {
  const nextSeq = await findNextSeq(ctx.db.db, conversationId);
  if (nextSeq === undefined) return undefined;
  const target = Math.min(seq, nextSeq - 1);
  return (await raiseMarker(ctx.db.db, conversationId, accountId, marker, target)) ? target : undefined;
}
