// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ErasureBlocker, MyDataView } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { AppError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize, restrictedCaseIds } from "../../policies";
import { recordAudit } from "../../core/audit";
import { loadCaseEvents, loadCaseViews } from "../cases";
import { listMyConsents, loadChannelPreferences, myAcceptances } from "../compliance";
import { myRestrictions } from "./restrictions";
import { casesOfClient } from "./store";
import {
  accountForErasure,
  accountForExport,
  attachmentCountOf,
  attachmentsOfConversation,
  deleteAccountRow,
  deleteOwnComplianceRows,
  heldCaseIds,
  heldCasesOfClient,
  messageCountsOf,
  restrictedCaseIdsOfClient,
  restrictedCasesOfClient,
  sessionIdsOfAccount,
  sessionsOfAccount,
} from "./store-self";
import {
  announceEndedSessions,
  clearReauthenticationFailures,
  finishReauthentication,
  startReauthentication,
} from "../identity";
import { deleteCase, flushPendingBlobs, removeCredentials } from "../retention";

/**
 * A client's own data-subject rights, without asking anyone:
 * - access and portability (Art. 15, 20): `getMyData` returns everything the
 *   server holds about the account; the conversations themselves are read
 *   with the normal history routes and decrypted in the browser, which
 *   builds the JSON file and the PDF (the server never sees plaintext);
 * - erasure (Art. 17): after a fresh OPAQUE proof of the password and the
 *   typed account name, the account and every case of it are deleted for
 *   real by the retention job's own deletion functions (rows, blobs, every
 *   key wrap). A case on legal hold or under a restriction blocks it: the
 *   organisation has to keep that case (Art. 17(3)(b), (e)), and deleting
 *   the account around it would leave a case nobody can answer for. The
 *   client is told which case and that the organisation's DPO decides.
 * Counsellors lose the conversation with the client; the organisation
 * keeps only audit entries (ids and counts, never content) and its own
 * records of requests and forwarding decisions.
 */

type Db = Kysely<Database> | Transaction<Database>;

function authorizeOwn(actor: Actor): void {
  authorize(actor, "dsr.own", { type: "own", ownerId: actor.accountId });
}

async function countsFor(db: Db, conversationIds: string[]) {
  if (conversationIds.length === 0) return { messages: new Map<string, number>(), attachments: 0 };
  const messages = await messageCountsOf(db, conversationIds);
  return { messages, attachments: await attachmentCountOf(db, conversationIds) };
}

/** Everything the server holds about the client's account (Art. 15/20); audited with counts only. */
export async function getMyData(ctx: AppContext, actor: Actor): Promise<MyDataView> {
  authorizeOwn(actor);
  const db = ctx.db.db;
  const now = ctx.clock.now();
  const account = await accountForExport(db, actor.accountId);
  const sessions = await sessionsOfAccount(db, actor.accountId);
  const views = await loadCaseViews(db, {
    viewerId: actor.accountId,
    viewerIsClient: true,
    now,
    filter: { clientId: actor.accountId },
    limit: 10_000,
  });
  const caseIds = views.map((v) => v.id);
  const held = new Set(caseIds.length ? await heldCaseIds(db, caseIds) : []);
  const restricted = new Set(
    caseIds.length ? await restrictedCaseIdsOfClient(restrictedCaseIds(db), actor.accountId) : [],
  );
  const { messages } = await countsFor(
    db,
    views.map((v) => v.conversationId),
  );
  const cases: MyDataView["cases"] = [];
  for (const v of views) {
    const attachments = await attachmentsOfConversation(db, v.conversationId);
    cases.push({
      case: v,
      events: await loadCaseEvents(db, v.id, { accountId: actor.accountId, isClient: true }),
      messageCount: messages.get(v.conversationId) ?? 0,
      attachments: attachments.map((a) => ({
        id: a.id,
        uploaderIsMe: a.uploader_id === actor.accountId,
        size: Number(a.size),
        createdAt: Number(a.created_at),
        completed: a.completed_at !== null,
      })),
      legalHold: held.has(v.id),
      restricted: restricted.has(v.id),
    });
  }
  const data: MyDataView = {
    generatedAt: now,
    account: {
      id: account.id,
      username: account.username,
      kind: "client",
      displayName: account.display_name ?? null,
      createdAt: Number(account.created_at),
      lastLoginAt: account.last_login_at == null ? null : Number(account.last_login_at),
    },
    sessions: sessions.map((s) => ({
      createdAt: Number(s.created_at),
      lastSeenAt: Number(s.last_seen_at),
      expiresAt: Number(s.expires_at),
      revokedAt: s.revoked_at === null ? null : Number(s.revoked_at),
    })),
    cases,
    acceptances: (await myAcceptances(ctx, actor)).acceptances,
    consents: await listMyConsents(ctx, { actor }),
    channelPreferences: await loadChannelPreferences(db, actor.accountId),
    restrictions: await myRestrictions(db, actor.accountId),
  };
  await recordAudit(db, now, {
    organisationId: null,
    actorId: actor.accountId,
    action: "dsr.self_export",
    target: { type: "account", id: actor.accountId },
    data: {
      cases: cases.length,
      messages: cases.reduce((n, c) => n + c.messageCount, 0),
      attachments: cases.reduce((n, c) => n + c.attachments.length, 0),
      consents: data.consents.length,
      acceptances: data.acceptances.length,
    },
  });
  return data;
}

/** Cases of the client that must be kept: on legal hold or restricted. */
async function erasureBlockers(db: Db, clientId: string): Promise<ErasureBlocker[]> {
  const held = await heldCasesOfClient(db, clientId);
  const restricted = await restrictedCasesOfClient(db, restrictedCaseIds(db), clientId);
  return [
    ...held.map((c) => ({ caseId: c.id, organisationId: c.organisation_id, reason: "legal_hold" as const })),
    ...restricted.map((c) => ({ caseId: c.id, organisationId: c.organisation_id, reason: "restriction" as const })),
  ];
}

/** What deleting the account would delete, and what prevents it. */
export async function accountDeletionCheck(ctx: AppContext, actor: Actor) {
  authorizeOwn(actor);
  const db = ctx.db.db;
  const cases = await casesOfClient(db, actor.accountId);
  const { messages, attachments } = await countsFor(
    db,
    cases.map((c) => c.conversation_id),
  );
  const blockers = await erasureBlockers(db, actor.accountId);
  return {
    allowed: blockers.length === 0,
    cases: cases.length,
    messages: [...messages.values()].reduce((a, b) => a + b, 0),
    attachments,
    blockers,
  };
}

/** Step 1: an OPAQUE login with the current password, so a session left open on a shared device cannot erase. */
export async function startAccountDeletion(
  ctx: AppContext,
  props: { actor: Actor; startLoginRequest: string },
): Promise<{ deletionId: string; loginResponse: string }> {
  authorizeOwn(props.actor);
  const { stateId, loginResponse } = await startReauthentication(ctx, {
    accountId: props.actor.accountId,
    startLoginRequest: props.startLoginRequest,
  });
  return { deletionId: stateId, loginResponse };
}

/** Step 2: password proof and the typed account name; then everything goes in one transaction. */
export async function finishAccountDeletion(
  ctx: AppContext,
  props: { actor: Actor; deletionId: string; finishLoginRequest: string; username: string },
): Promise<{ cases: number; messages: number; attachments: number }> {
  authorizeOwn(props.actor);
  const { usernameKey } = await finishReauthentication(ctx, {
    accountId: props.actor.accountId,
    stateId: props.deletionId,
    finishLoginRequest: props.finishLoginRequest,
  });
  await clearReauthenticationFailures(ctx, usernameKey);
  const now = ctx.clock.now();
  const db = ctx.db.db;

  const { counts, sessionIds } = await db.transaction().execute(async (trx) => {
    const account = await accountForErasure(trx, props.actor.accountId);
    if (props.username.trim().toLowerCase() !== account.username.toLowerCase())
      throw new AppError("invalid_body", "Type your account name exactly as shown to confirm");
    // Re-checked inside the transaction: a hold or restriction set a moment ago still wins.
    const blockers = await erasureBlockers(trx, account.id);
    if (blockers.length > 0)
      throw new AppError(
        "erasure_blocked",
        "A case of this account is on legal hold or restricted; the organisation's data-protection officer decides about erasure",
      );
    const cases = await casesOfClient(trx, account.id);
    const counts = { cases: cases.length, messages: 0, attachments: 0 };
    for (const c of cases) {
      const gone = await deleteCase(trx, c, now, { reason: "erasure", actorId: account.id });
      counts.messages += gone.messages;
      counts.attachments += gone.attachments;
    }
    // The client's own compliance records; the organisations keep their forwarding decisions and requests.
    await deleteOwnComplianceRows(trx, account.id);
    const sessionIds = await sessionIdsOfAccount(trx, account.id);
    await removeCredentials(trx, account.id);
    await deleteAccountRow(trx, account.id);
    await recordAudit(trx, now, {
      organisationId: null,
      actorId: account.id,
      action: "account.deleted",
      target: { type: "account", id: account.id },
      data: { reason: "erasure", kind: account.kind, ...counts },
    });
    return { counts, sessionIds };
  });
  // Rows are gone; now the ciphertext blobs (a crash here is finished by the next retention run).
  await flushPendingBlobs({ db: ctx.db, blobs: ctx.blobs, logger: ctx.logger }).catch((err: Error) => {
    ctx.logger.warn({ err: { name: err.name, message: err.message } }, "erasure: blobs left for the retention job");
  });
  await announceEndedSessions(ctx, sessionIds);
  return counts;
}
