// SPDX-License-Identifier: AGPL-3.0-or-later
import { AppError } from "../../core/errors";
import type { ConversationKind, MemberRole } from "../../infra/db/schema";
import type { EpochFacts } from "./epoch-rotation";

/**
 * Who may do what in a conversation — the one place that decides it. Routes,
 * the WebSocket handler and future services (case intake, broadcasts) all ask
 * these functions; none re-implements a rule.
 */

export interface PolicyActor {
  accountId: string;
  kind: "client" | "staff";
  organisationId: string | null;
}

/** The caller's membership row joined with its conversation, or undefined for non-members. */
export interface Membership {
  conversationId: string;
  organisationId: string | null;
  kind: ConversationKind;
  role: MemberRole;
  leftAt: number | null;
  readSeq: number;
  deliveredSeq: number;
  /** The conversation's epoch facts, where the caller read them (the send path and the conversation view do). */
  epoch?: EpochFacts;
}

export type ConversationAction = "read" | "send" | "add_epoch" | "receipt";

/**
 * Non-members (and former members) may do nothing; callers answer them with
 * 404 so that the existence of a conversation is not revealed. Broadcast
 * subscribers may read but never send or publish epochs.
 */
export function mayAct(membership: Membership | undefined, action: ConversationAction): boolean {
  if (!membership || membership.leftAt !== null) return false;
  switch (action) {
    case "read":
    case "receipt":
      return true;
    case "send":
    case "add_epoch":
      return membership.role !== "subscriber";
  }
}

/**
 * Who may change a team chat's members (ADR 0040): its owner — the creator — and a member who is an administrator
 * or leads a team of the organisation (`manager`: the permission table's `chat.members`). Adding needs a member:
 * only a member's browser holds the epoch key it wraps to the newcomer. Returns why not, or null.
 */
export function memberAdditionRefusal(adder: Membership, manager: boolean): string | null {
  if (adder.kind !== "team") return "Members are added to team chats only";
  if (adder.role !== "owner" && !manager)
    return "Only the chat's creator, a team lead or an administrator adds members";
  return null;
}

/**
 * Who may take whom out of a chat (RemoveConversationMember): the owner — the creator — of a team chat, or a member
 * who is an administrator or team lead (`manager`), removes any other current member but the creator; any other
 * member may leave it (removing themselves). The creator stays: the chat's title is theirs. A direct chat has
 * exactly its two people; case, notes and broadcast membership follows its own module (team changes, handover,
 * subscriptions). Returns why not, or null.
 */
export function memberRemovalRefusal(
  remover: Membership,
  target: { self: boolean; role: MemberRole | null },
  manager = false,
): string | null {
  if (remover.kind !== "team") return "Members are removed from team chats only";
  if (target.self) return remover.role === "owner" ? "The creator cannot leave their chat" : null;
  if (remover.role !== "owner" && !manager)
    return "Only the chat's creator, a team lead or an administrator removes members";
  if (target.role === "owner") return "The chat's creator cannot be removed";
  return null;
}

/**
 * A former member of a team chat (removed, or left) who tries to write in it, publish an epoch or upload: they know
 * the chat exists, so they get a stable code that says what happened instead of "not found". Reading stays "not
 * found" like for everyone outside. Null for everyone else.
 */
export function formerMemberRefusal(
  membership: Pick<Membership, "kind" | "leftAt"> | undefined,
  action: ConversationAction,
): AppError | null {
  if (!membership || membership.leftAt === null || membership.kind !== "team") return null;
  if (action === "read" || action === "receipt") return null;
  return new AppError("membership_ended", "You are no longer a member of this chat");
}

/** Who may give a chat its title (SetConversationTitle): the creator of a team chat. Returns why not, or null. */
export function titleRefusal(member: Membership): string | null {
  if (member.kind !== "team") return "Only team chats have a title";
  if (member.role !== "owner") return "Only the chat's creator gives it a title";
  return null;
}

/** Which members a member may see: subscribers of a broadcast see the channel's staff, never each other. */
export function visibleMemberRoles(membership: Membership): readonly MemberRole[] | "all" {
  return membership.role === "subscriber" ? ["owner", "member", "team"] : "all";
}

/** One side of an ephemeral notice (receipt, typing, presence): the member's role and account kind. */
export interface Participant {
  role: MemberRole;
  accountKind: "client" | "staff";
}

/**
 * The rules no organisation setting can change: a broadcast subscriber's
 * receipts, typing and presence reach nobody and they see nobody else's, and
 * a client never sees another client. Whether a notice is shared at all is
 * the organisation's messaging policy (modules/messaging/messaging-policy.ts).
 */
export function mayShareEphemeral(from: Participant, to: Participant): boolean {
  if (from.role === "subscriber" || to.role === "subscriber") return false;
  return !(from.accountKind === "client" && to.accountKind === "client");
}

/**
 * Which presence switch of the conversation's organisation decides whether
 * `viewer` may see `peer` — "staff" among staff, "clients" between a client
 * and staff (both ways) — or null when the pair never may.
 */
export function presenceRule(viewer: Participant, peer: Participant): "staff" | "clients" | null {
  if (!mayShareEphemeral(peer, viewer)) return null;
  return viewer.accountKind === "staff" && peer.accountKind === "staff" ? "staff" : "clients";
}

export interface CandidateMember {
  accountId: string;
  kind: "client" | "staff";
  organisationId: string | null;
  disabled: boolean;
}

/**
 * May `actor` open a conversation of `kind` with these other participants?
 * Direct and team chats are staff-only within one organisation; case
 * conversations are opened by staff for one client of their organisation (or
 * an unaffiliated client account); broadcasts are owned by staff and
 * subscribed to by anyone. Returns the reason for a refusal, or null.
 */
export function creationRefusal(actor: PolicyActor, kind: ConversationKind, others: CandidateMember[]): string | null {
  if (actor.kind !== "staff" || !actor.organisationId) return "Only staff of an organisation can open conversations";
  if (others.some((m) => m.disabled)) return "A participant cannot be added";
  if (others.some((m) => m.accountId === actor.accountId)) return "You are already a participant";
  const sameOrgStaff = (m: CandidateMember) => m.kind === "staff" && m.organisationId === actor.organisationId;
  switch (kind) {
    case "direct":
      if (others.length !== 1) return "A direct conversation has exactly two participants";
      return sameOrgStaff(others[0]!) ? null : "A participant cannot be added";
    case "team":
    case "notes":
      // A case's notes: staff of the case team only, never the client (modules/cases/notes.ts opens them).
      return others.every(sameOrgStaff) ? null : "A participant cannot be added";
    case "case": {
      const clients = others.filter((m) => m.kind === "client");
      if (clients.length !== 1) return "A case conversation has exactly one client";
      if (clients[0]!.organisationId !== null && clients[0]!.organisationId !== actor.organisationId)
        return "A participant cannot be added";
      return others.every((m) => m.kind === "client" || sameOrgStaff(m)) ? null : "A participant cannot be added";
    }
    case "broadcast":
      return null;
  }
}

/** The role each participant gets when a conversation is created. */
export function initialRole(actor: PolicyActor, kind: ConversationKind, member: CandidateMember): MemberRole {
  if (kind === "broadcast")
    return member.kind === "staff" && member.organisationId === actor.organisationId ? "member" : "subscriber";
  if (kind === "case") return member.kind === "client" ? "member" : "team";
  return "member";
}
