// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely } from "kysely";
import type { Database } from "../../infra/db/schema";
import { appendAuditInTransaction } from "../../core/audit";
import type { ConversationKindHook } from "../../core/context";
import { addCaseEvent, caseUpdateFor, currentArchiveGeneration, currentTeamGeneration, type CaseRow } from "./store";
import { publishCaseUpdate, type CaseUpdate } from "./notify";

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
        const update = await applyCaseEffects(
          db,
          now,
          c,
          sends.map((s) => ({ ...s, fromClient: s.senderId === c.client_id })),
        );
        return () => publishCaseUpdate(ctx, update);
      },
    };
  },
  async groupWrapTargets(db, conversationId) {
    const owner = await db
      .selectFrom("cases")
      .select(["team_id", "organisation_id"])
      .where((eb) =>
        eb.or([eb("conversation_id", "=", conversationId), eb("notes_conversation_id", "=", conversationId)]),
      )
      .executeTakeFirstOrThrow();
    return {
      team: { refId: owner.team_id, generation: await currentTeamGeneration(db, owner.team_id) },
      archive: {
        refId: owner.organisation_id,
        generation: await currentArchiveGeneration(db, owner.organisation_id),
      },
    };
  },
};

export async function caseOfConversation(
  db: Kysely<Database>,
  conversationId: string,
  kind: "case" | "notes",
): Promise<CaseRow | undefined> {
  return db
    .selectFrom("cases")
    .selectAll()
    .where(kind === "case" ? "conversation_id" : "notes_conversation_id", "=", conversationId)
    .executeTakeFirst();
}

export interface CaseSend {
  senderId: string;
  /** The sender is the case's client (not staff of its team). */
  fromClient: boolean;
  kind: "message" | "edit" | "delete";
}

/** Applies the effects of newly stored sends (in seq order) and returns the frame to publish after commit. */
export async function applyCaseEffects(
  db: Kysely<Database>,
  now: number,
  c: CaseRow,
  sends: CaseSend[],
): Promise<CaseUpdate> {
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
  if (Object.keys(changed).length) await db.updateTable("cases").set(changed).where("id", "=", c.id).execute();
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
  if (clientWrote && c.assignee_id) await absenceReply(db, now, c, c.assignee_id);
  return caseUpdateFor(db, c.id);
}

/** Adds the assignee's absence notice to the timeline, once per case and absence period. */
async function absenceReply(db: Kysely<Database>, now: number, c: CaseRow, assigneeId: string): Promise<void> {
  const absence = await db
    .selectFrom("absences")
    .select(["message", "since", "until"])
    .where("account_id", "=", assigneeId)
    .where("active", "=", 1)
    .executeTakeFirst();
  if (!absence || (absence.until !== null && Number(absence.until) <= now)) return;
  const since = Number(absence.since ?? 0);
  const earlier = await db
    .selectFrom("case_events")
    .select("id")
    .where("case_id", "=", c.id)
    .where("type", "=", "absence_reply")
    .where("actor_id", "=", assigneeId)
    .where("created_at", ">=", since)
    .executeTakeFirst();
  if (earlier) return;
  await addCaseEvent(db, now, {
    case_id: c.id,
    type: "absence_reply",
    actor_id: assigneeId,
    assignee_id: assigneeId,
    team_id: c.team_id,
    text: absence.message,
  });
}
