// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { CaseState, Database } from "../../infra/db/schema";

/**
 * Writes and narrow reads of case rows: opening, the conditional transitions
 * (each one UPDATE whose WHERE decides a race; they return whether they won),
 * the case behind a conversation. The joined views and the timeline are in
 * store.ts. Which transition is allowed is decided in the services.
 */
type Db = Kysely<Database> | Transaction<Database>;

type CaseRow = Database["cases"];

export async function caseRow(db: Db, caseId: string): Promise<CaseRow> {
  return db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
}

/** A case that already uses either id (a retried or a colliding open). */
export async function caseWithIdOrConversation(
  db: Db,
  caseId: string,
  conversationId: string,
): Promise<Pick<CaseRow, "id" | "client_id" | "conversation_id"> | undefined> {
  return db
    .selectFrom("cases")
    .select(["id", "client_id", "conversation_id"])
    .where((eb) => eb.or([eb("id", "=", caseId), eb("conversation_id", "=", conversationId)]))
    .executeTakeFirst();
}

export async function insertCase(db: Db, row: CaseRow): Promise<void> {
  await db.insertInto("cases").values(row).execute();
}

/** Sets columns of one case, unconditionally. */
export async function changeCase(db: Db, caseId: string, changed: Partial<CaseRow>): Promise<void> {
  await db.updateTable("cases").set(changed).where("id", "=", caseId).execute();
}

/** The accept: only while the case is new and nobody is assigned. True when this call won. */
export async function claimNewCase(db: Db, caseId: string, assigneeId: string, now: number): Promise<boolean> {
  const won = await db
    .updateTable("cases")
    .set({ state: "active", assignee_id: assigneeId, accepted_at: now })
    .where("id", "=", caseId)
    .where("state", "=", "new")
    .where("assignee_id", "is", null)
    .executeTakeFirst();
  return Number(won.numUpdatedRows) === 1;
}

/** The state and (if any) the assignee's names, for telling a loser of the accept race who won. */
export async function caseStateAndAssignee(
  db: Db,
  caseId: string,
): Promise<{ state: CaseState; username: string | null; display_name: string | null | undefined }> {
  return db
    .selectFrom("cases as c")
    .leftJoin("accounts as a", "a.id", "c.assignee_id")
    .select(["c.state", "a.username", "a.display_name"])
    .where("c.id", "=", caseId)
    .executeTakeFirstOrThrow();
}

/**
 * Assigns and activates a new or active case while it is still with `teamId` (accepted_at is kept if set).
 * True when the row changed.
 */
export async function assignOpenCase(
  db: Db,
  props: { caseId: string; teamId: string; assigneeId: string; now: number },
): Promise<boolean> {
  const done = await db
    .updateTable("cases")
    .set((eb) => ({
      assignee_id: props.assigneeId,
      state: "active",
      accepted_at: eb.fn.coalesce("accepted_at", eb.val(props.now)),
    }))
    .where("id", "=", props.caseId)
    .where("team_id", "=", props.teamId)
    .where("state", "in", ["new", "active"])
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/** Closes or archives a case while its state is one of `from`. True when the row changed. */
export async function endCaseIfIn(
  db: Db,
  props: { caseId: string; step: "close" | "archive"; from: CaseState[]; now: number },
): Promise<boolean> {
  const done = await db
    .updateTable("cases")
    .set(
      props.step === "close"
        ? { state: "closed", closed_at: props.now }
        : { state: "archived", archived_at: props.now },
    )
    .where("id", "=", props.caseId)
    .where("state", "in", props.from)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export async function caseState(db: Db, caseId: string): Promise<CaseState> {
  return (await db.selectFrom("cases").select("state").where("id", "=", caseId).executeTakeFirstOrThrow()).state;
}

/** Gives the case its notes conversation, only if it has none and is still with `teamId`. True when it won. */
export async function claimNotesConversation(
  db: Db,
  props: { caseId: string; teamId: string; conversationId: string },
): Promise<boolean> {
  const claimed = await db
    .updateTable("cases")
    .set({ notes_conversation_id: props.conversationId })
    .where("id", "=", props.caseId)
    .where("notes_conversation_id", "is", null)
    .where("team_id", "=", props.teamId)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** The case whose case (or notes) conversation this is. */
export async function caseOfConversation(
  db: Db,
  conversationId: string,
  kind: "case" | "notes",
): Promise<CaseRow | undefined> {
  return db
    .selectFrom("cases")
    .selectAll()
    .where(kind === "case" ? "conversation_id" : "notes_conversation_id", "=", conversationId)
    .executeTakeFirst();
}

/** Team and organisation of the case that owns the conversation, as its case or its notes conversation. */
export async function ownerOfCaseConversation(
  db: Db,
  conversationId: string,
): Promise<Pick<CaseRow, "team_id" | "organisation_id">> {
  return db
    .selectFrom("cases")
    .select(["team_id", "organisation_id"])
    .where((eb) =>
      eb.or([eb("conversation_id", "=", conversationId), eb("notes_conversation_id", "=", conversationId)]),
    )
    .executeTakeFirstOrThrow();
}

/** The team's cases that are not archived, with their conversations. */
export async function unarchivedCasesOfTeam(
  db: Db,
  teamId: string,
): Promise<Pick<CaseRow, "conversation_id" | "notes_conversation_id" | "client_id">[]> {
  return db
    .selectFrom("cases")
    .select(["conversation_id", "notes_conversation_id", "client_id"])
    .where("team_id", "=", teamId)
    .where("state", "!=", "archived")
    .execute();
}

/** The organisation's cases that are not archived, with their team and conversations. */
export async function unarchivedCasesOfOrganisation(
  db: Db,
  orgId: string,
): Promise<Pick<CaseRow, "team_id" | "conversation_id" | "notes_conversation_id">[]> {
  return db
    .selectFrom("cases")
    .select(["team_id", "conversation_id", "notes_conversation_id"])
    .where("organisation_id", "=", orgId)
    .where("state", "!=", "archived")
    .execute();
}
