// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { CASE_LIMITS, type CaseEventView, type CaseSort, type CaseView } from "@obhut/protocol";
import type { Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { CaseState, Database } from "../../infra/db/schema";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize, authorizeCase, requireGuidelineConfirmed } from "../../policies";
import { staffNameForColleagues } from "../../core/names";
import { recordAudit } from "../../core/audit";
import { publishCaseUpdate } from "./notify";
import {
  addCaseEvent,
  caseUpdateFor,
  currentArchiveGeneration,
  currentTeamGeneration,
  loadCaseEvents,
  loadCaseView,
  countCases,
  loadCaseViewPage,
  teamMembers,
  type CaseFilter,
  type CaseUpdate,
} from "./store";
import {
  assignOpenCase,
  caseRow,
  caseStateAndAssignee,
  caseState,
  caseWithIdOrConversation,
  changeCase,
  claimNewCase,
  endCaseIfIn,
  insertCase,
} from "./store-cases";
import {
  activeMemberIds,
  conversationExists,
  epochsOf,
  insertConversation,
  insertConversationMembers,
  insertEpoch,
  insertEpochKeyWraps,
  insertEpochTeamWraps,
  lockConversationRow,
  upsertEpochTeamWraps,
} from "./store-conversations";
import {
  agencyForOpening,
  agencyOffersTopic,
  counsellorOfAgency,
  teamIdsOfMember,
  teamOfOrganisation,
  topicAddressForm,
} from "./store-agencies";
import { syncConversationTeam } from "./teams";
import { decodeCursor, encodeCursor } from "./store-inbox-order";
import { recordShownDocuments } from "../compliance";
import { intakeTeamOf } from "./finder";
import { noticeNewEnquiry, noticeStaffEvent } from "../notifications";
import { announceCommitted, commitOneInTransaction, epochPublished, kyselyOps, storeNextEpoch } from "../messaging";

/**
 * Counselling cases (issue 6): the client's enquiry opens a case at an
 * agency's intake team; counsellors accept, are assigned, hand over, close
 * and archive. Every transition is one transaction with its timeline event
 * and audit event; the `case` frame goes out after commit. Who may do what
 * is decided in policies/ (scope "case"), through policies/gates/case-access.ts.
 */

function bytes(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, "base64url"));
}

type Trx = Transaction<Database>;

export interface InitialEpochInput {
  record: string;
  ownWrap: string;
  teamWrap: string;
  archiveWrap: string;
}

/** Stores epoch 1 of a new conversation: the signed record, the creator's wrap, the team and archive wraps. */
export async function storeInitialEpoch(
  trx: Trx,
  props: {
    conversationId: string;
    creatorId: string;
    teamId: string;
    orgId: string;
    epoch: InitialEpochInput;
    now: number;
  },
): Promise<void> {
  const { conversationId, now } = props;
  await insertEpoch(trx, {
    conversation_id: conversationId,
    epoch: 1,
    record: bytes(props.epoch.record),
    created_by: props.creatorId,
    created_at: now,
  });
  await insertEpochKeyWraps(trx, [
    {
      conversation_id: conversationId,
      epoch: 1,
      recipient_account_id: props.creatorId,
      wrap: bytes(props.epoch.ownWrap),
      created_at: now,
    },
  ]);
  // The record names the generations it was wrapped to; the server files the wraps under the current
  // ones. A browser that used an older generation produced a wrap its own verification will reject.
  const teamGeneration = await currentTeamGeneration(trx, props.teamId);
  if (teamGeneration === 0) throw new AppError("conflict", "The team has no key yet");
  const archiveGeneration = await currentArchiveGeneration(trx, props.orgId);
  await insertEpochTeamWraps(trx, [
    {
      conversation_id: conversationId,
      epoch: 1,
      role: "team",
      ref_id: props.teamId,
      generation: teamGeneration,
      wrap: bytes(props.epoch.teamWrap),
      created_at: now,
    },
    {
      conversation_id: conversationId,
      epoch: 1,
      role: "archive",
      ref_id: props.orgId,
      generation: archiveGeneration,
      wrap: bytes(props.epoch.archiveWrap),
      created_at: now,
    },
  ]);
  // Its messages and days count from now (the organisation's epoch limits, ADR 0029).
  await epochPublished(trx, { conversationId, epoch: 1, now, team: teamGeneration, archive: archiveGeneration });
}

export interface OpenCaseInput {
  caseId: string;
  conversationId: string;
  agencyId: string;
  topicId: string;
  preferredCounsellorId?: string | undefined;
  epoch: InitialEpochInput;
  firstMessage: { clientMsgId: string; envelope: string };
  acceptedDocuments?: readonly { documentId: string; sha256: string }[] | undefined;
}

async function existingOpen(ctx: AppContext, actor: Actor, input: OpenCaseInput) {
  const row = await caseWithIdOrConversation(ctx.db.db, input.caseId, input.conversationId);
  const conversation = await conversationExists(ctx.db.db, input.conversationId);
  if (!row && !conversation) return undefined;
  // A retry of my own request (lost response): answer with the case as it is.
  if (
    row &&
    row.id === input.caseId &&
    row.client_id === actor.accountId &&
    row.conversation_id === input.conversationId
  )
    return row.id;
  throw new AppError("conflict", "These ids are already in use; choose new ones");
}

/**
 * A client opens a case with the first sealed message. Case, conversation,
 * members (the client and every member of the intake team), epoch 1, the
 * first message (through the regular commit path: same checks, seq 1,
 * idempotent clientMsgId), timeline and audit are written in one transaction.
 */
export async function openCase(
  ctx: AppContext,
  actor: Actor,
  input: OpenCaseInput,
): Promise<{ case: CaseView; events: CaseEventView[] }> {
  authorize(actor, "case.open", { type: "instance" });
  const db = ctx.db.db;
  const present = async (caseId: string) => ({
    case: await loadCaseView(db, { viewerId: actor.accountId, viewerIsClient: true, now: ctx.clock.now(), caseId }),
    events: await loadCaseEvents(db, caseId, { accountId: actor.accountId, isClient: true }),
  });
  const retried = await existingOpen(ctx, actor, input);
  if (retried) return present(retried);

  const agency = await agencyForOpening(db, input.agencyId);
  if (!agency) throw new NotFoundError("No such agency");
  if (!(await agencyOffersTopic(db, agency.id, input.topicId)))
    throw new AppError("invalid_body", "This agency does not counsel on this topic");
  const teamId = await intakeTeamOf(db, agency.id);
  if (!teamId) throw new AppError("conflict", "This agency does not take online enquiries yet");
  if (input.preferredCounsellorId && !(await counsellorOfAgency(db, agency.id, input.preferredCounsellorId)))
    throw new AppError("invalid_body", "The chosen counsellor does not work at this agency");

  // The greeting in the topic's form of address, where the agency wrote one.
  const greeting =
    ((await topicAddressForm(db, input.topicId)) === "informal" ? agency.greeting_informal : null) ??
    agency.greeting ??
    null;

  const now = ctx.clock.now();
  const orgId = agency.organisation_id;
  let announcements: (() => void)[] = [];
  try {
    announcements = await db.transaction().execute(async (trx) => {
      await insertConversation(trx, {
        id: input.conversationId,
        organisation_id: orgId,
        kind: "case",
        created_by: actor.accountId,
        created_at: now,
      });
      const staff = await teamMembers(trx, teamId);
      const members = [
        { account_id: actor.accountId, role: "member" as const },
        ...staff
          .filter((m) => m.account_id !== actor.accountId)
          .map((m) => ({ account_id: m.account_id, role: "team" as const })),
      ];
      for (let i = 0; i < members.length; i += 500)
        await insertConversationMembers(
          trx,
          members
            .slice(i, i + 500)
            .map((m) => ({ conversation_id: input.conversationId, ...m, joined_at: now, left_at: null })),
        );
      await storeInitialEpoch(trx, {
        conversationId: input.conversationId,
        creatorId: actor.accountId,
        teamId,
        orgId,
        epoch: input.epoch,
        now,
      });
      await insertCase(trx, {
        id: input.caseId,
        organisation_id: orgId,
        conversation_id: input.conversationId,
        notes_conversation_id: null,
        agency_id: agency.id,
        topic_id: input.topicId,
        team_id: teamId,
        client_id: actor.accountId,
        assignee_id: null,
        preferred_counsellor_id: input.preferredCounsellorId ?? null,
        state: "new",
        created_at: now,
        accepted_at: null,
        closed_at: null,
        archived_at: null,
        waiting_since: null,
        greeting_sent_at: greeting ? now : null,
      });
      await addCaseEvent(trx, now, {
        case_id: input.caseId,
        type: "opened",
        actor_id: actor.accountId,
        team_id: teamId,
      });
      // Staff of the team who asked for it get a content-free notice of the new enquiry.
      const noticed = await noticeNewEnquiry(trx, now, {
        eventId: `enquiry:${input.caseId}`,
        teamId,
        organisationId: orgId,
        caseId: input.caseId,
      });
      const { announcements } = await commitOneInTransaction(ctx, kyselyOps(trx, ctx.db.dialect), now, {
        senderId: actor.accountId,
        sender: { kind: actor.kind, organisationId: actor.organisationId, role: actor.role },
        conversationId: input.conversationId,
        clientMsgId: input.firstMessage.clientMsgId,
        envelope: bytes(input.firstMessage.envelope),
        kind: "message",
        replacesId: null,
      });
      // The greeting follows the first message, once per case (greeting_sent_at).
      if (greeting)
        await addCaseEvent(trx, now, {
          case_id: input.caseId,
          type: "greeting",
          team_id: teamId,
          text: greeting,
        });
      await recordAudit(trx, now, {
        organisationId: orgId,
        actorId: actor.accountId,
        action: "case.opened",
        target: { type: "case", id: input.caseId },
        data: { agencyId: agency.id, teamId, preferredCounsellor: input.preferredCounsellorId !== undefined },
      });
      // What the enquiry page showed and the client confirmed is recorded with the hash of the text shown;
      // nothing the client did not see (issue #15, item 8). No case without the current privacy notice.
      await recordShownDocuments(trx, now, {
        clientId: actor.accountId,
        organisationId: orgId,
        shown: input.acceptedDocuments ?? [],
      });
      return noticed ? [...announcements, () => ctx.jobs.wake()] : announcements;
    });
  } catch (err) {
    // A concurrent retry of the same request won the primary keys: answer as for a retry.
    if (!(err instanceof AppError)) {
      const again = await existingOpen(ctx, actor, input).catch(() => undefined);
      if (again) return present(again);
    }
    throw err;
  }
  announceCommitted(ctx, input.conversationId, 1);
  for (const announce of announcements) announce();
  return present(input.caseId);
}

export interface ListCasesQuery {
  scope?: "new" | "mine" | "team" | "all" | undefined;
  state?: CaseState | undefined;
  teamId?: string | undefined;
  topicId?: string | undefined;
  sort?: CaseSort | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/**
 * Clients: their own cases. Staff: cases of the teams they are members of —
 * `new` (unassigned enquiries), `mine` (assigned to me), `team` (everything
 * not archived, the default), `all` (archived too). Filters narrow further.
 * One page in the order asked for; the cursor only says where to continue
 * inside that set, so a forged one reaches no case the filter leaves out.
 */
export async function listCases(
  ctx: AppContext,
  actor: Actor,
  query: ListCasesQuery,
): Promise<{ cases: CaseView[]; nextCursor: string | null; total: number }> {
  const db = ctx.db.db;
  const filter: CaseFilter = {
    ...(query.state ? { states: [query.state] } : {}),
    ...(query.teamId ? { teamId: query.teamId } : {}),
    ...(query.topicId ? { topicId: query.topicId } : {}),
  };
  if (actor.kind === "client") {
    filter.clientId = actor.accountId;
  } else {
    filter.teamIds = await teamIdsOfMember(db, actor.accountId, actor.organisationId ?? "");
    const scope = query.scope ?? "team";
    if (scope === "new") filter.unassignedNew = true;
    if (scope === "mine") filter.assigneeId = actor.accountId;
    if ((scope === "team" || scope === "mine") && !query.state) filter.states = ["new", "active", "closed"];
  }
  const sort = query.sort ?? "waiting";
  const limit = query.limit ?? CASE_LIMITS.inboxPage;
  // One more than the page: whether there is a next one, without a second query.
  const page = await loadCaseViewPage(db, {
    viewerId: actor.accountId,
    viewerIsClient: actor.kind === "client",
    now: ctx.clock.now(),
    filter,
    limit: limit + 1,
    sort,
    after: query.cursor === undefined ? undefined : decodeCursor(sort, query.cursor),
  });
  const more = page.views.length > limit;
  const last = more ? page.positions[limit - 1] : undefined;
  return {
    cases: page.views.slice(0, limit),
    nextCursor: last ? encodeCursor(sort, last) : null,
    total: await countCases(db, filter),
  };
}

async function view(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseView> {
  return loadCaseView(ctx.db.db, {
    viewerId: actor.accountId,
    viewerIsClient: actor.kind === "client",
    now: ctx.clock.now(),
    caseId,
  });
}

export async function getCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<{ case: CaseView; events: CaseEventView[] }> {
  await authorizeCase(ctx, actor, caseId, "case.read");
  return {
    case: await view(ctx, actor, caseId),
    events: await loadCaseEvents(ctx.db.db, caseId, { accountId: actor.accountId, isClient: actor.kind === "client" }),
  };
}

function stateError(state: CaseState, what: string): AppError {
  return new AppError("case_state", `This case is ${state}; it cannot be ${what}`);
}

/** Runs a transition's transaction, then publishes the frame it returns and presents the case. */
async function transition(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  fn: (trx: Trx, now: number) => Promise<CaseUpdate>,
): Promise<CaseView> {
  const now = ctx.clock.now();
  const update = await ctx.db.db.transaction().execute((trx) => fn(trx, now));
  publishCaseUpdate(ctx, update);
  return view(ctx, actor, caseId);
}

/**
 * One conditional UPDATE (state new AND nobody assigned) decides between
 * colleagues accepting at the same moment: on PostgreSQL the second waits
 * for the first's row lock and then matches no row; SQLite has one writer.
 */
export async function acceptCase(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseView> {
  const { c } = await authorizeCase(ctx, actor, caseId, "case.accept");
  await requireGuidelineConfirmed(ctx, actor);
  return transition(ctx, actor, caseId, async (trx, now) => {
    if (!(await claimNewCase(trx, caseId, actor.accountId, now))) {
      const now_ = await caseStateAndAssignee(trx, caseId);
      if (now_.username !== null)
        throw new AppError(
          "case_taken",
          `${staffNameForColleagues({ username: now_.username, display_name: now_.display_name })} has already taken this enquiry`,
        );
      throw stateError(now_.state, "accepted");
    }
    await addCaseEvent(trx, now, {
      case_id: caseId,
      type: "accepted",
      actor_id: actor.accountId,
      assignee_id: actor.accountId,
      team_id: c.team_id,
    });
    await recordAudit(trx, now, {
      organisationId: c.organisation_id,
      actorId: actor.accountId,
      action: "case.accepted",
      target: { type: "case", id: caseId },
    });
    return caseUpdateFor(trx, caseId);
  });
}

async function requireTeamMember(trx: Trx, teamId: string, accountId: string): Promise<void> {
  const ok = (await teamMembers(trx, teamId)).some((m) => m.account_id === accountId);
  if (!ok) throw new AppError("invalid_body", "That person is not an active member of the team");
}

/** The team lead gives a case of the team to a member; a new enquiry becomes active. */
export async function assignCase(ctx: AppContext, actor: Actor, caseId: string, assigneeId: string): Promise<CaseView> {
  const { c } = await authorizeCase(ctx, actor, caseId, "case.assign");
  await requireGuidelineConfirmed(ctx, actor);
  return transition(ctx, actor, caseId, async (trx, now) => {
    await requireTeamMember(trx, c.team_id, assigneeId);
    if (!(await assignOpenCase(trx, { caseId, teamId: c.team_id, assigneeId, now })))
      throw stateError(c.state, "assigned");
    await addCaseEvent(trx, now, {
      case_id: caseId,
      type: "assigned",
      actor_id: actor.accountId,
      assignee_id: assigneeId,
      team_id: c.team_id,
    });
    await recordAudit(trx, now, {
      organisationId: c.organisation_id,
      actorId: actor.accountId,
      action: "case.assigned",
      target: { type: "case", id: caseId },
      data: { assigneeId },
    });
    return caseUpdateFor(trx, caseId);
  });
}

export interface HandOverInput {
  toAccountId?: string | undefined;
  toTeamId?: string | undefined;
  teamWraps?: { conversationId: string; epoch: number; generation: number; wrap: string }[] | undefined;
  /** For another team: the next epoch of each conversation, wrapped for that team only (ADR 0029). */
  epochs?: HandoverEpochInput[] | undefined;
}

export interface HandoverEpochInput {
  conversationId: string;
  epoch: number;
  record: string;
  wraps: { recipientId: string; wrap: string }[];
  teamWrap: string;
  archiveWrap: string;
}

/**
 * Hands a case to a colleague of the same team, or to another team of the
 * organisation. For another team the browser re-wraps every epoch key of the
 * case and notes conversations to that team's current key generation; the
 * server insists on exactly one wrap per existing epoch, so the new team can
 * read the whole history. Members follow the team; the old team's members
 * leave, so both conversations owe a new epoch (ADR 0029) — which the browser
 * may bring along (`epochs`: the case conversation's for the client, the
 * notes' for no participant, both wrapped to the new team's current key).
 */
export async function handOverCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: HandOverInput,
): Promise<CaseView> {
  const { c } = await authorizeCase(ctx, actor, caseId, "case.handover");
  await requireGuidelineConfirmed(ctx, actor);
  const otherTeam = input.toTeamId !== undefined && input.toTeamId !== c.team_id;
  const targetTeam = otherTeam ? input.toTeamId! : c.team_id;
  let before: string[] = [];
  const now = ctx.clock.now();
  const update = await ctx.db.db.transaction().execute(async (trx) => {
    const current = await caseRow(trx, caseId);
    if (current.state === "archived") throw stateError(current.state, "handed over");
    if (current.team_id !== c.team_id) throw new AppError("conflict", "The case was handed over meanwhile; reload it");
    if (input.toAccountId !== undefined) await requireTeamMember(trx, targetTeam, input.toAccountId);
    const conversations = [
      current.conversation_id,
      ...(current.notes_conversation_id ? [current.notes_conversation_id] : []),
    ];
    if (otherTeam) {
      if (!(await teamOfOrganisation(trx, targetTeam, current.organisation_id)))
        throw new NotFoundError("No such team");
      // Serialised with message commits and epoch publications of both conversations, taken before any member
      // row changes (the commit path locks the conversation first, then member rows).
      for (const id of conversations) await lockConversationRow(trx, id);
      const generation = await currentTeamGeneration(trx, targetTeam);
      if (generation === 0) throw new AppError("conflict", "The receiving team has no key yet");
      await storeHandoverWraps(trx, {
        conversations,
        teamId: targetTeam,
        generation,
        wraps: input.teamWraps ?? [],
        now,
      });
      before = await activeMemberIds(trx, current.conversation_id);
    } else if (input.teamWraps?.length || input.epochs?.length) {
      throw new AppError("invalid_body", "teamWraps and epochs are only for a handover to another team");
    } else if (input.toAccountId === undefined) {
      throw new AppError("invalid_body", "Name the colleague or the team to hand over to");
    }
    const assignee = input.toAccountId ?? null;
    const state: CaseState = current.state === "closed" ? "closed" : assignee ? "active" : "new";
    await changeCase(trx, caseId, {
      team_id: targetTeam,
      assignee_id: assignee,
      state,
      ...(assignee && !current.accepted_at ? { accepted_at: now } : {}),
    });
    if (otherTeam)
      // The old team's members leave: each conversation owes a new epoch for the new team (ADR 0029).
      for (const id of conversations)
        await syncConversationTeam(trx, now, id, targetTeam, current.client_id, { reason: "handover" });
    if (otherTeam && input.epochs?.length)
      await storeHandoverEpochs(trx, {
        epochs: input.epochs,
        conversationId: current.conversation_id,
        notesConversationId: current.notes_conversation_id,
        clientId: current.client_id,
        teamId: targetTeam,
        orgId: current.organisation_id,
        createdBy: actor.accountId,
        now,
      });
    await addCaseEvent(trx, now, {
      case_id: caseId,
      type: "handed_over",
      actor_id: actor.accountId,
      assignee_id: assignee,
      team_id: targetTeam,
    });
    // The colleague it was handed to: a bell entry (and a push), content-free, committed with the handover.
    if (assignee && assignee !== actor.accountId)
      await noticeStaffEvent(trx, now, {
        eventId: `handover:${crypto.randomUUID()}`,
        kind: "handed_to_me",
        organisationId: current.organisation_id,
        caseId,
        recipients: [assignee],
      });
    await recordAudit(trx, now, {
      organisationId: current.organisation_id,
      actorId: actor.accountId,
      action: "case.handed_over",
      target: { type: "case", id: caseId },
      data: {
        fromTeamId: current.team_id,
        toTeamId: targetTeam,
        toAccountId: assignee,
        wraps: input.teamWraps?.length ?? 0,
        epochs: input.epochs?.length ?? 0,
      },
    });
    return caseUpdateFor(trx, caseId, before);
  });
  publishCaseUpdate(ctx, update);
  ctx.jobs.wake();
  // The actor may have handed the case out of their own reach: present it only if still visible.
  return view(ctx, actor, caseId);
}

async function storeHandoverWraps(
  trx: Trx,
  props: {
    conversations: string[];
    teamId: string;
    generation: number;
    wraps: NonNullable<HandOverInput["teamWraps"]>;
    now: number;
  },
): Promise<void> {
  const epochs = await epochsOf(trx, props.conversations);
  const needed = new Set(epochs.map((e) => `${e.conversation_id}|${e.epoch}`));
  const given = new Set<string>();
  for (const w of props.wraps) {
    const key = `${w.conversationId}|${w.epoch}`;
    if (!needed.has(key)) throw new AppError("invalid_body", "A wrap names an epoch this case does not have");
    if (given.has(key)) throw new AppError("invalid_body", "One wrap per epoch");
    if (w.generation !== props.generation)
      throw new AppError("invalid_body", `Wrap to the receiving team's current key generation ${props.generation}`);
    given.add(key);
  }
  if (given.size !== needed.size)
    throw new AppError("invalid_body", `Every epoch needs a wrap for the receiving team (${needed.size} expected)`);
  for (let i = 0; i < props.wraps.length; i += 500)
    await upsertEpochTeamWraps(
      trx,
      props.wraps.slice(i, i + 500).map((w) => ({
        conversation_id: w.conversationId,
        epoch: w.epoch,
        role: "team" as const,
        ref_id: props.teamId,
        generation: w.generation,
        wrap: bytes(w.wrap),
        created_at: props.now,
      })),
    );
}

/**
 * The new team's first epoch of each conversation, stored after the members moved (messaging's storeNextEpoch
 * checks epoch number, recipients and key generations). The case conversation's key goes to the client and no
 * one else, the notes' to no participant: staff read both through the team key.
 */
async function storeHandoverEpochs(
  trx: Trx,
  props: {
    epochs: HandoverEpochInput[];
    conversationId: string;
    notesConversationId: string | null;
    clientId: string;
    teamId: string;
    orgId: string;
    createdBy: string;
    now: number;
  },
): Promise<void> {
  const seen = new Set<string>();
  const team = await currentTeamGeneration(trx, props.teamId);
  const archive = await currentArchiveGeneration(trx, props.orgId);
  for (const e of props.epochs) {
    const isCase = e.conversationId === props.conversationId;
    if (!isCase && e.conversationId !== props.notesConversationId)
      throw new AppError("invalid_body", "An epoch names a conversation this case does not have");
    if (seen.has(e.conversationId)) throw new AppError("invalid_body", "One epoch per conversation");
    seen.add(e.conversationId);
    const recipients = e.wraps.map((w) => w.recipientId);
    if (isCase ? recipients.length !== 1 || recipients[0] !== props.clientId : recipients.length !== 0)
      throw new AppError("invalid_body", "The case epoch is wrapped to the client only, the notes' to no one");
    await storeNextEpoch(trx, {
      conversationId: e.conversationId,
      epoch: e.epoch,
      record: bytes(e.record),
      createdBy: props.createdBy,
      wraps: e.wraps.map((w) => ({ recipientId: w.recipientId, wrap: bytes(w.wrap) })),
      group: {
        team: { refId: props.teamId, generation: team, wrap: bytes(e.teamWrap) },
        archive: { refId: props.orgId, generation: archive, wrap: bytes(e.archiveWrap) },
      },
      now: props.now,
    });
  }
}

/** Close (assignee or lead; retention starts at closed_at) and archive (closed cases only). */
export async function closeCase(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseView> {
  return endStep(ctx, actor, caseId, "close");
}

export async function archiveCase(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseView> {
  return endStep(ctx, actor, caseId, "archive");
}

async function endStep(ctx: AppContext, actor: Actor, caseId: string, step: "close" | "archive"): Promise<CaseView> {
  const { c } = await authorizeCase(ctx, actor, caseId, step === "close" ? "case.close" : "case.archive");
  return transition(ctx, actor, caseId, async (trx, now) => {
    const from: CaseState[] = step === "close" ? ["new", "active"] : ["closed"];
    if (!(await endCaseIfIn(trx, { caseId, step, from, now }))) {
      const state = await caseState(trx, caseId);
      throw stateError(state, step === "close" ? "closed" : "archived (close it first)");
    }
    await addCaseEvent(trx, now, {
      case_id: caseId,
      type: step === "close" ? "closed" : "archived",
      actor_id: actor.accountId,
      assignee_id: c.assignee_id,
      team_id: c.team_id,
    });
    await recordAudit(trx, now, {
      organisationId: c.organisation_id,
      actorId: actor.accountId,
      action: step === "close" ? "case.closed" : "case.archived",
      target: { type: "case", id: caseId },
    });
    return caseUpdateFor(trx, caseId);
  });
}
