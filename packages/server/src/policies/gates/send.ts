// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { AuditEvent } from "../../core/audit";
import { AppError, ForbiddenError, NotFoundError } from "../../core/errors";
import type { Database } from "../../infra/db/schema";
import { decide, type PolicyActor } from "../authorize";
import { breakGlassRequired, caseConversationFacts } from "./break-glass";
import { channelReadOnly, isReadOnlyChannelMember } from "./channels";
import { formerMemberRefusal, mayAct, type Membership } from "./conversation-membership";
import { epochSendRefusal, type EpochLimits } from "./epoch-rotation";
import { guidelineNotConfirmed, unconfirmedGuideline } from "./guideline";
import { restrictionSendRefusal } from "./restriction";

/** Who sends: the account and what its session says about it (role absent: a team member counts as counsellor). */
export interface Sender {
  accountId: string;
  kind: "client" | "staff";
  organisationId: string | null;
  role?: string | undefined;
}

export interface SendRefusal {
  error: AppError;
  /** A non-member or a member who may not send: audited as a refused conversation access. */
  denied: boolean;
  /** A refusal to audit after the transaction (break glass), folded per minute like every repeatable refusal. */
  audit?: AuditEvent;
}

type CaseRow = Database["cases"];

/**
 * THE send decision — every gate a message passes, in one place, run inside
 * the commit transaction on its connection (so no fact can change between
 * the check and the insert), in this order:
 * 1. guideline confirmed (staff; guideline.ts);
 * 2. break glass: a team member on a colleague's assigned case needs an
 *    active grant (break-glass.ts);
 * 3. conversation membership (conversation-membership.ts: non-members get
 *    404, channel subscribers 403 `channel_read_only`, channels.ts);
 * 4. case state: an archived case is read-only;
 * 5. Art. 18 restriction: no staff sends into a restricted case or its notes
 *    (restriction.ts);
 * 6. epoch rotation: nothing while a new epoch is owed, nothing sealed under
 *    an older epoch (epoch-rotation.ts; the facts ride on the membership row,
 *    the limits are the organisation's messaging policy, `epochLimits`).
 * Facts are loaded once per batch: the guideline for all senders in two
 * queries, the case row per conversation. The committer (modules/messaging) asks
 * `refuse` for every send before it allocates a seq.
 */
export function sendGate(
  db: Kysely<Database>,
  now: number,
  senders: readonly Sender[],
  epochLimits: (organisationId: string | null) => Promise<EpochLimits>,
) {
  let unconfirmed: Promise<Set<string>> | undefined;
  const cases = new Map<string, Promise<CaseRow | undefined>>();
  const caseOf = (conversationId: string, kind: "case" | "notes") => {
    let row = cases.get(conversationId);
    if (!row) {
      row = db
        .selectFrom("cases")
        .selectAll()
        .where(kind === "case" ? "conversation_id" : "notes_conversation_id", "=", conversationId)
        .executeTakeFirst();
      cases.set(conversationId, row);
    }
    return row;
  };

  return {
    async refuse(
      sender: Sender,
      conversationId: string,
      membership: Membership | undefined,
      /** The epoch number in the envelope's header (null: it does not parse). */
      sealedEpoch: number | null = null,
    ): Promise<SendRefusal | undefined> {
      if (sender.kind === "staff") {
        // Every sender of the batch in one go, on the first staff send.
        unconfirmed ??= unconfirmedGuideline(db, senders);
        if ((await unconfirmed).has(sender.accountId)) return { error: guidelineNotConfirmed(), denied: false };
      }
      const caseKind = membership?.kind === "case" || membership?.kind === "notes" ? membership.kind : undefined;
      if (sender.kind === "staff" && caseKind && membership!.role === "team" && membership!.leftAt === null) {
        const c = await caseOf(conversationId, caseKind);
        const actor: PolicyActor = { ...sender, role: sender.role ?? "counsellor" };
        const facts = c && (await caseConversationFacts(db, now, actor, c, caseKind));
        if (c && facts && decide(actor, facts.permission, facts.resource) === "break_glass_required")
          return {
            error: breakGlassRequired(),
            denied: false,
            audit: {
              organisationId: actor.organisationId,
              actorId: actor.accountId,
              action: "case.access_denied",
              target: { type: "case", id: c.id },
              data: { action: "conversation.send", reason: "break_glass_required" },
            },
          };
      }
      if (!mayAct(membership, "send")) {
        const visible = membership && membership.leftAt === null;
        return {
          error:
            formerMemberRefusal(membership, "send") ??
            (!visible
              ? new NotFoundError("Conversation not found")
              : isReadOnlyChannelMember(membership)
                ? channelReadOnly()
                : new ForbiddenError("You cannot send in this conversation")),
          denied: true,
        };
      }
      if (caseKind) {
        const c = await caseOf(conversationId, caseKind);
        if (c?.state === "archived")
          return { error: new AppError("case_state", "This case is archived and read-only"), denied: false };
        const restricted = await restrictionSendRefusal(db, c, sender.accountId);
        if (restricted) return { error: restricted, denied: false };
      }
      const facts = membership!.epoch;
      if (!facts || facts.currentEpoch === 0) return undefined;
      const stale = epochSendRefusal(facts, await epochLimits(membership!.organisationId), now, sealedEpoch);
      return stale ? { error: stale, denied: false } : undefined;
    },
  };
}
