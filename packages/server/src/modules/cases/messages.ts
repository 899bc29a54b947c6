// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../infra/db/schema";
import { appendAuditInTransaction } from "../../core/audit";
import type { ConversationKindHook } from "../../core/context";
import {
  addCaseEvent,
  caseUpdateFor,
  currentArchiveGeneration,
  currentTeamGeneration,
  hasAbsenceReplySince,
  type CaseRow,
  type CaseUpdate,
} from "./store";
import { caseOfConversation, changeCase, ownerOfCaseConversation } from "./store-cases";
import { absenceTextFor, activeAbsenceOf, clientAddressForm } from "./store-absences";
import { topicAddressForm } from "./store-agencies";
import { publishCaseUpdate } from "./notify";
import { noticeNewAnswer, noticeStaffEvent, teamRecipients } from "../notifications";

/**
 * What the message commit path does for case and notes conversations, inside
 * the transaction that stores the messages (so a reopen or an automatic
 * reply exists exactly when the message does):
 * - a client message starts the waiting clock (if not running), a staff
 *   message stops it;
 * - a client message to a closed case reopens it;
 * - a client message while the assignee is absent adds one `absence_reply`
 *   per absence period.
 * `db` is bound to the open transaction's connection. Messaging reaches this
 * through the conversation-kind hook `caseConversationKind` (AppContext.conversationKinds),
 * never by importing this module.
 */
export const caseConversationKind: ConversationKindHook = {
  async openSend(ctx, db, conversationId, kind) {
    if (kind !== "case" && kind !== "notes") return undefined;
    const c = await caseOfConversation(db, conversationId, kind);
    return {
      async afterStore(now, sends) {
        // Notes change nothing the client or the inbox sees.
        if (!c || c.conversation_id !== conversationId) return undefined;
        const { update, leadsNoticed } = await applyCaseEffects(
          db,
          now,
          c,
          sends.map((s) => ({ ...s, fromClient: s.senderId === c.client_id })),
        );
        // A staff answer: one content-free notice to the client (if they asked for one), committed with it.
        const answered = sends.some((s) => s.kind === "message" && s.senderId !== c.client_id);
        const noticed =
          answered &&
          (await noticeNewAnswer(db, now, {
            eventId: `answer:${crypto.randomUUID()}`,
            clientId: c.client_id,
            organisationId: c.organisation_id,
            topicId: c.topic_id,
          }));
        // The client wrote in an assigned case: the counsellor's bell (and push), content-free, committed with it.
        const wrote = c.assignee_id !== null && sends.some((s) => s.kind === "message" && s.senderId === c.client_id);
        const belled =
          wrote &&
          (
            await noticeStaffEvent(db, now, {
              eventId: `message:${crypto.randomUUID()}`,
              kind: "new_message",
              organisationId: c.organisation_id,
              caseId: c.id,
              recipients: [c.assignee_id!],
            })
          ).length > 0;
        return () => {
          publishCaseUpdate(ctx, update);
          if (noticed || belled || leadsNoticed) ctx.jobs.wake();
        };
      },
    };
  },
  async groupWrapTargets(db, conversationId) {
    const owner = await ownerOfCaseConversation(db, conversationId);
    return {
      team: { refId: owner.team_id, generation: await currentTeamGeneration(db, owner.team_id) },
      archive: {
        refId: owner.organisation_id,
        generation: await currentArchiveGeneration(db, owner.organisation_id),
      },
    };
  },
};

export interface CaseSend {
  senderId: string;
  /** The sender is the case's client (not staff of its team). */
  fromClient: boolean;
  kind: "message" | "edit" | "delete";
}

/**
 * Applies the effects of newly stored sends (in seq order) and returns the frame to publish after commit, and
 * whether the team's leads were told of a client waiting on an absent counsellor (their notices are queued).
 */
export async function applyCaseEffects(
  db: Kysely<Database>,
  now: number,
  c: CaseRow,
  sends: CaseSend[],
): Promise<{ update: CaseUpdate; leadsNoticed: boolean }> {
  let state = c.state;
  let waiting = c.waiting_since === null ? null : Number(c.waiting_since);
  let reopened = false;
  let clientWrote = false;
  for (const s of sends) {
    // Edits and deletes change no one's turn.
    if (s.kind !== "message") continue;
    if (s.fromClient) {
      clientWrote = true;
      waiting ??= now;
      if (state === "closed") {
        state = "active";
        reopened = true;
      }
    } else waiting = null;
  }
  const changed: Partial<CaseRow> = {};
  if (waiting !== (c.waiting_since === null ? null : Number(c.waiting_since))) changed.waiting_since = waiting;
  if (reopened) Object.assign(changed, { state, closed_at: null });
  if (Object.keys(changed).length) await changeCase(db, c.id, changed);
  if (reopened) {
    await addCaseEvent(db, now, {
      case_id: c.id,
      type: "reopened",
      actor_id: c.client_id,
      assignee_id: c.assignee_id,
      team_id: c.team_id,
    });
    await appendAuditInTransaction(db, now, {
      organisationId: c.organisation_id,
      actorId: c.client_id,
      action: "case.reopened",
      target: { type: "case", id: c.id },
    });
  }
  const leadsNoticed = clientWrote && c.assignee_id !== null && (await absenceReply(db, now, c, c.assignee_id));
  return { update: await caseUpdateFor(db, c.id), leadsNoticed };
}

/**
 * Adds the assignee's absence notice to the timeline, once per case and absence period, in the topic's form,
 * and tells the team's leads (bell, and push or e-mail by their rules; content-free) that a client waits on
 * someone who is away, so they can hand the case over (ADR 0051). Once per case and absence period, too.
 */
async function absenceReply(db: Kysely<Database>, now: number, c: CaseRow, assigneeId: string): Promise<boolean> {
  const absence = await activeAbsenceOf(db, assigneeId);
  if (!absence || (absence.until !== null && Number(absence.until) <= now)) return false;
  const since = Number(absence.since ?? 0);
  if (await hasAbsenceReplySince(db, c.id, assigneeId, since)) return false;
  const leads = await teamRecipients(db, c.team_id, { leads: true, except: assigneeId });
  await noticeStaffEvent(db, now, {
    eventId: `absent:${c.id}:${assigneeId}:${since}`,
    kind: "assignee_absent",
    organisationId: c.organisation_id,
    caseId: c.id,
    recipients: leads,
  });
  await addCaseEvent(db, now, {
    case_id: c.id,
    type: "absence_reply",
    actor_id: assigneeId,
    assignee_id: assigneeId,
    team_id: c.team_id,
    // In the client's form of address: their own choice (account page), else the topic's, as the greeting was.
    text: absenceTextFor(
      absence,
      (await clientAddressForm(db, c.client_id)) ?? (await topicAddressForm(db, c.topic_id)),
    ),
  });
  return leads.length > 0;
}
