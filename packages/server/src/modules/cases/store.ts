// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseEventView, CaseSort, CaseView } from "@obhut/protocol";
import { sql, type Kysely, type Transaction } from "kysely";
import type { CaseState, Database } from "../../infra/db/schema";
import { accountNameFor, type NameViewer } from "../../core/names";
import { newId } from "../../core/ids";
import { activeMemberIds } from "./store-conversations";
import { absenceTextFor } from "./store-absences";
import { after, lastClientMessageAt, sortKey, type CursorPosition } from "./store-inbox-order";

/**
 * Reading cases as people see them: the joined inbox view, the timeline and
 * the frame recipients; the key generations wraps are filed under; the team's
 * members. Writes of case rows are in store-cases.ts, of their conversations
 * in store-conversations.ts. No authorisation here — modules/cases/cases.ts
 * decides first, then calls these.
 */
type Db = Kysely<Database> | Transaction<Database>;

export type CaseRow = Database["cases"];

/** The `case` frame published after a change (notify.ts): ids and the state, never content. */
export interface CaseUpdate {
  caseId: string;
  state: CaseState;
  assigneeId: string | null;
  teamId: string;
  /** Who gets the frame: the client and the staff of the case's team (before and after a handover). */
  accountIds: string[];
}

/** A left-joined account's name as `viewer` may see it; null when the join found nobody. */
function joinedName(
  viewer: NameViewer,
  a: {
    id: string | null;
    kind: "client" | "staff" | null;
    username: string | null;
    display_name: string | null | undefined;
  },
): string | null {
  if (a.id === null || a.kind === null || a.username === null) return null;
  return accountNameFor(viewer, { id: a.id, kind: a.kind, username: a.username, display_name: a.display_name });
}

export interface CaseFilter {
  caseIds?: string[];
  clientId?: string;
  teamIds?: string[];
  assigneeId?: string;
  unassignedNew?: boolean;
  states?: CaseRow["state"][];
  teamId?: string;
  topicId?: string;
}

/** The cases `f` selects, as `c`: the one place the inbox's filters become SQL (rows and counts alike). */
function filteredCases(db: Db, f: CaseFilter) {
  let q = db.selectFrom("cases as c");
  if (f.caseIds) q = q.where("c.id", "in", f.caseIds.length ? f.caseIds : [""]);
  if (f.clientId !== undefined) q = q.where("c.client_id", "=", f.clientId);
  if (f.teamIds) q = q.where("c.team_id", "in", f.teamIds.length ? f.teamIds : [""]);
  if (f.assigneeId !== undefined) q = q.where("c.assignee_id", "=", f.assigneeId);
  if (f.unassignedNew) q = q.where("c.state", "=", "new").where("c.assignee_id", "is", null);
  if (f.states) q = q.where("c.state", "in", f.states);
  if (f.teamId !== undefined) q = q.where("c.team_id", "=", f.teamId);
  if (f.topicId !== undefined) q = q.where("c.topic_id", "=", f.topicId);
  return q;
}

/** How many cases `f` selects (the inbox's "50 of 2,000"). */
export async function countCases(db: Db, f: CaseFilter): Promise<number> {
  const row = await filteredCases(db, f)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface CaseViewsProps {
  viewerId: string;
  viewerIsClient: boolean;
  now: number;
  filter: CaseFilter;
  limit: number;
  sort?: CaseSort | undefined;
  after?: CursorPosition | undefined;
}

/** One page of case views: the first `limit` after `after` in the order `sort`, and where the last one stands. */
export interface CaseViewPage {
  views: CaseView[];
  /** The position of each view in the order, for the next page's cursor. */
  positions: CursorPosition[];
}

/**
 * Cases as `viewerId` sees them: agency, team and names joined in one query;
 * `unread` from the viewer's own membership row; `notesConversationId` only
 * for staff; the assignee's absence notice while it is active. In the order
 * `sort` (default: longest waiting first), starting after `after`.
 */
export async function loadCaseViews(db: Db, props: CaseViewsProps): Promise<CaseView[]> {
  return (await loadCaseViewPage(db, props)).views;
}

export async function loadCaseViewPage(db: Db, props: CaseViewsProps): Promise<CaseViewPage> {
  // First the page's ids from the cases table alone (filter, order, cursor, limit), then the joins and
  // per-case counts for those ids only: the unread count is a subquery per case, and computing it for every
  // case of a 2,000-case view before the LIMIT would make each page cost the whole view.
  const order = sortKey(props.sort ?? "waiting");
  let pick = filteredCases(db, props.filter).select([
    "c.id",
    (order.group ?? sql<number>`0`).as("sort_group"),
    order.key.as("sort_key"),
  ]);
  if (props.after) pick = pick.where(after(order, props.after));
  if (order.group) pick = pick.orderBy(order.group);
  const picked = await pick.orderBy(order.key).orderBy("c.id").limit(props.limit).execute();
  if (picked.length === 0) return { views: [], positions: [] };
  const place = new Map(picked.map((r, i) => [r.id, i]));
  const q = filteredCases(db, { caseIds: picked.map((r) => r.id) })
    .innerJoin("agencies as ag", "ag.id", "c.agency_id")
    .innerJoin("topics as tp", "tp.id", "c.topic_id")
    .innerJoin("teams as tm", "tm.id", "c.team_id")
    .innerJoin("accounts as cl", "cl.id", "c.client_id")
    .innerJoin("conversations as cv", "cv.id", "c.conversation_id")
    .leftJoin("accounts as asg", "asg.id", "c.assignee_id")
    .leftJoin("absences as ab", "ab.account_id", "c.assignee_id")
    .leftJoin("conversation_members as me", (j) =>
      j.onRef("me.conversation_id", "=", "c.conversation_id").on("me.account_id", "=", props.viewerId),
    )
    .selectAll("c")
    .select([
      "ag.name as agency_name",
      "tp.address_form",
      "tm.name as team_name",
      "cl.kind as client_kind",
      "cl.username as client_username",
      "cl.display_name as client_display_name",
      "cl.address_form as client_address_form",
      "asg.kind as assignee_kind",
      "asg.username as assignee_username",
      "asg.display_name as assignee_display_name",
      "ab.active as absence_active",
      "ab.message as absence_message",
      "ab.message_informal as absence_message_informal",
      "ab.until as absence_until",
      "cv.next_seq",
      "me.read_seq",
      "me.left_at",
      // For the inbox's sort "last message from the client".
      lastClientMessageAt.as("last_client_message_at"),
    ])
    .select((eb) => [
      // Unread: messages of others after my read marker. Edits and deletions take a seq too, but are not
      // messages, nor are files that continue their sender's message (an enquiry's attachments, sent
      // once the conversation is open); my own never count (seqs alone counted all of these).
      eb
        .selectFrom("messages as um")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("um.conversation_id", "=", "c.conversation_id")
        .where("um.kind", "=", "message")
        .where("um.replaces_id", "is", null)
        .where("um.sender_id", "<>", props.viewerId)
        .where(sql<boolean>`um.seq > (CASE WHEN me.left_at IS NULL THEN COALESCE(me.read_seq, 0) ELSE 0 END)`)
        .as("unread_count"),
    ]);
  const rows = (await q.execute()).sort((x, y) => (place.get(x.id) ?? 0) - (place.get(y.id) ?? 0));
  const viewer: NameViewer = { accountId: props.viewerId, isClient: props.viewerIsClient };
  // Aligned with the views: a case deleted between the two queries has neither.
  const positionOf = new Map(
    picked.map((r) => [r.id, { group: Number(r.sort_group), key: Number(r.sort_key), id: r.id }]),
  );
  const positions = rows.map((r) => positionOf.get(r.id)!);
  const views = rows.map((r) => {
    const lastSeq = Number(r.next_seq) - 1;
    const absent =
      r.absence_active === 1 && (r.absence_until === null || Number(r.absence_until) > props.now)
        ? absenceTextFor(
            { message: r.absence_message ?? "", message_informal: r.absence_message_informal },
            // The client's own choice of address (account page) first, as every client page follows it.
            r.client_address_form ?? r.address_form,
          )
        : null;
    return {
      id: r.id,
      conversationId: r.conversation_id,
      notesConversationId: props.viewerIsClient ? null : r.notes_conversation_id,
      organisationId: r.organisation_id,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      topicId: r.topic_id,
      addressForm: r.address_form,
      teamId: r.team_id,
      teamName: r.team_name,
      state: r.state,
      clientId: r.client_id,
      clientName:
        accountNameFor(viewer, {
          id: r.client_id,
          kind: r.client_kind,
          username: r.client_username,
          display_name: r.client_display_name,
        }) ?? "",
      assigneeId: r.assignee_id,
      assigneeName: joinedName(viewer, {
        id: r.assignee_id,
        kind: r.assignee_kind,
        username: r.assignee_username,
        display_name: r.assignee_display_name,
      }),
      assigneeAbsence: absent ?? null,
      preferredCounsellorId: r.preferred_counsellor_id,
      createdAt: Number(r.created_at),
      waitingSince: r.waiting_since === null ? null : Number(r.waiting_since),
      closedAt: r.closed_at === null ? null : Number(r.closed_at),
      lastClientMessageAt:
        props.viewerIsClient || r.last_client_message_at === null ? null : Number(r.last_client_message_at),
      lastSeq,
      unread: Number(r.unread_count ?? 0),
    };
  });
  return { views, positions };
}

export async function loadCaseView(
  db: Db,
  props: { viewerId: string; viewerIsClient: boolean; now: number; caseId: string },
): Promise<CaseView> {
  const [view] = await loadCaseViews(db, { ...props, filter: { caseIds: [props.caseId] }, limit: 1 });
  if (!view) throw new Error("case vanished");
  return view;
}

/** The timeline as `viewer` sees it: names through core/names.ts (clients never get a staff login name). */
export async function loadCaseEvents(db: Db, caseId: string, viewer: NameViewer): Promise<CaseEventView[]> {
  const rows = await db
    .selectFrom("case_events as e")
    .leftJoin("accounts as ac", "ac.id", "e.actor_id")
    .leftJoin("accounts as asg", "asg.id", "e.assignee_id")
    .select([
      "e.id",
      "e.type",
      "e.created_at",
      "e.actor_id",
      "e.assignee_id",
      "e.team_id",
      "e.text",
      "ac.kind as actor_kind",
      "ac.username as actor_username",
      "ac.display_name as actor_display_name",
      "asg.kind as assignee_kind",
      "asg.username as assignee_username",
      "asg.display_name as assignee_display_name",
    ])
    .where("e.case_id", "=", caseId)
    .orderBy("e.created_at")
    .orderBy("e.id")
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    createdAt: Number(r.created_at),
    actorId: r.actor_id,
    actorName: joinedName(viewer, {
      id: r.actor_id,
      kind: r.actor_kind,
      username: r.actor_username,
      display_name: r.actor_display_name,
    }),
    assigneeId: r.assignee_id,
    assigneeName: joinedName(viewer, {
      id: r.assignee_id,
      kind: r.assignee_kind,
      username: r.assignee_username,
      display_name: r.assignee_display_name,
    }),
    teamId: r.team_id,
    text: r.text,
  }));
}

/** Whether the case already has an automatic absence reply of `assigneeId` since `since`. */
export async function hasAbsenceReplySince(db: Db, caseId: string, assigneeId: string, since: number) {
  const earlier = await db
    .selectFrom("case_events")
    .select("id")
    .where("case_id", "=", caseId)
    .where("type", "=", "absence_reply")
    .where("actor_id", "=", assigneeId)
    .where("created_at", ">=", since)
    .executeTakeFirst();
  return earlier !== undefined;
}

let eventCounter = 0;

/**
 * Timeline ids sort in creation order: milliseconds, then a per-process
 * counter (events of one case in one millisecond come from one transaction,
 * hence one process), then randomness for uniqueness across nodes.
 */
function eventId(now: number): string {
  eventCounter = (eventCounter + 1) % 36 ** 6;
  return `${Math.max(0, now).toString(36).padStart(11, "0")}${eventCounter.toString(36).padStart(6, "0")}${newId().slice(0, 10)}`;
}

/** Appends to the timeline (read back ordered by created_at, then id). */
export async function addCaseEvent(
  db: Db,
  now: number,
  e: Omit<Database["case_events"], "id" | "created_at" | "actor_id" | "assignee_id" | "team_id" | "text"> &
    Partial<Pick<Database["case_events"], "actor_id" | "assignee_id" | "team_id" | "text">>,
): Promise<void> {
  await db
    .insertInto("case_events")
    .values({
      id: eventId(now),
      case_id: e.case_id,
      type: e.type,
      actor_id: e.actor_id ?? null,
      assignee_id: e.assignee_id ?? null,
      team_id: e.team_id ?? null,
      text: e.text ?? null,
      created_at: now,
    })
    .execute();
}

/**
 * Frames for the open cases (new, active; at most 500) assigned to one staff member: what changes when
 * something shown with the assignee changes (absence notice, display name).
 */
export async function openCaseUpdatesOfAssignee(db: Db, assigneeId: string): Promise<CaseUpdate[]> {
  const cases = await db
    .selectFrom("cases")
    .select("id")
    .where("assignee_id", "=", assigneeId)
    .where("state", "in", ["new", "active"])
    .limit(500)
    .execute();
  return Promise.all(cases.map((c) => caseUpdateFor(db, c.id)));
}

/** The frame for a case, addressed to its current conversation members (client and team) plus `extra`. */
export async function caseUpdateFor(db: Db, caseId: string, extra: string[] = []): Promise<CaseUpdate> {
  const c = await db
    .selectFrom("cases")
    .select(["id", "state", "assignee_id", "team_id", "conversation_id"])
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();
  const members = await activeMemberIds(db, c.conversation_id);
  return {
    caseId: c.id,
    state: c.state,
    assigneeId: c.assignee_id,
    teamId: c.team_id,
    accountIds: [...members, ...extra],
  };
}

/** The team's current key generation: the newest team-key wrap stored for it (0 when it has none yet). */
export async function currentTeamGeneration(db: Db, teamId: string): Promise<number> {
  const row = await db
    .selectFrom("key_wraps")
    .select((eb) => eb.fn.max("generation").as("g"))
    .where("kind", "=", "team")
    .where("ref_id", "=", teamId)
    .executeTakeFirst();
  return Number(row?.g ?? 0);
}

/** The organisation's current archive key generation (1 when no archive wrap is stored). */
export async function currentArchiveGeneration(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("key_wraps")
    .select((eb) => eb.fn.max("generation").as("g"))
    .where("kind", "=", "archive")
    .where("ref_id", "=", orgId)
    .executeTakeFirst();
  return Number(row?.g ?? 1) || 1;
}

/** Active (not disabled) members of a team with their team role. */
export async function teamMembers(db: Db, teamId: string): Promise<{ account_id: string; role: "member" | "lead" }[]> {
  return db
    .selectFrom("team_members as tm")
    .innerJoin("accounts as a", "a.id", "tm.account_id")
    .select(["tm.account_id", "tm.role"])
    .where("tm.team_id", "=", teamId)
    .where("a.disabled_at", "is", null)
    .orderBy("tm.account_id")
    .execute();
}
