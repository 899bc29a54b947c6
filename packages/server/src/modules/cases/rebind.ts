// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash, randomInt } from "node:crypto";
import { CREATE_REBIND_CODE_TTL_MS, type CaseView } from "@obhut/protocol";
import type { Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { AppError, ConflictError, ForbiddenError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { clientName } from "../../core/names";
import { recordAudit } from "../../core/audit";
import { authorizeCase } from "../../policies";
import { epochPublished, oweEpochRotation } from "../messaging";
import { publishCaseUpdate } from "./notify";
import { caseUpdateFor, currentArchiveGeneration, currentTeamGeneration, loadCaseView } from "./store";
import { caseRow, changeCase } from "./store-cases";
import {
  epochsOf,
  hasMemberRow,
  insertConversationMembers,
  insertEpoch,
  insertEpochKeyWraps,
  insertEpochTeamWraps,
  lockConversationRow,
  markMembersLeft,
} from "./store-conversations";
import { accountKeyBundle, markRebindCodeUsed, rebindCodeWithAccount, replaceRebindCode } from "./store-rebind";
import { requireGuidelineConfirmed } from "../../policies";

/**
 * Case re-binding (issue 3, item 8; docs/CRYPTO.md "Case re-binding"). The
 * server never sees a key: it hands the counsellor the new account's public
 * keys for the code the client read out, and later stores what the
 * counsellor's browser made — a new epoch signed by the counsellor and every
 * earlier epoch key wrapped to the new client — moving the case in the same
 * transaction. Only the code's SHA-256 is stored.
 */

type Trx = Transaction<Database>;

/** Crockford-like alphabet without 0/O, 1/I/L: easy to read out on the phone. 31^8 ≈ 8.5·10^11 codes. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

const hashCode = (code: string) => createHash("sha256").update(code, "utf8").digest("hex");

function bytes(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, "base64url"));
}

export async function createRebindCode(ctx: AppContext, actor: Actor): Promise<{ code: string; expiresAt: number }> {
  if (actor.kind !== "client") throw new ForbiddenError("Only client accounts ask for a re-binding code");
  let code = "";
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  const now = ctx.clock.now();
  const expiresAt = now + CREATE_REBIND_CODE_TTL_MS;
  await ctx.db.db.transaction().execute(async (trx) => {
    // One live code per account: a new one replaces the old.
    await replaceRebindCode(trx, {
      code_hash: hashCode(code),
      account_id: actor.accountId,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
    });
  });
  return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt };
}

interface Target {
  id: string;
  username: string;
  display_name: string | null;
  key_bundle: string;
}

/** The client account a live code names, or rebind_code_invalid; refuses staff and the case's own client. */
async function targetOf(
  db: AppContext["db"]["db"] | Trx,
  now: number,
  code: string,
  clientId: string,
): Promise<Target> {
  const row = await rebindCodeWithAccount(db, hashCode(code));
  if (!row || row.used_at !== null || Number(row.expires_at) <= now)
    throw new AppError("rebind_code_invalid", "This code is unknown, expired or used; the client asks for a new one");
  if (row.kind !== "client")
    throw new AppError("rebind_code_invalid", "A case can only be re-bound to a client account");
  if (row.id === clientId) throw new ConflictError("The case already belongs to this account");
  return { id: row.id, username: row.username, display_name: row.display_name ?? null, key_bundle: row.key_bundle };
}

export async function lookUpRebindCode(ctx: AppContext, actor: Actor, caseId: string, code: string) {
  const { c } = await authorizeCase(ctx, actor, caseId, "case.rebind");
  const target = await targetOf(ctx.db.db, ctx.clock.now(), code, c.client_id);
  const keys = JSON.parse(target.key_bundle) as { signingPublicKey: string; encryptionPublicKey: string };
  return {
    accountId: target.id,
    displayName: clientName(target),
    signingPublicKey: keys.signingPublicKey,
    encryptionPublicKey: keys.encryptionPublicKey,
  };
}

/**
 * The case client's public keys for staff of the case. Not trusted as such:
 * the staff browser accepts them only where the counsellor's signed re-bind
 * epoch commits to them (messaging/team-keys.ts).
 */
export async function caseClientKeys(ctx: AppContext, actor: Actor, caseId: string) {
  const { c } = await authorizeCase(ctx, actor, caseId, "case.keys.read");
  const row = await accountKeyBundle(ctx.db.db, c.client_id);
  const keys = JSON.parse(row.key_bundle) as { signingPublicKey: string; encryptionPublicKey: string };
  return { accountId: row.id, signingPublicKey: keys.signingPublicKey, encryptionPublicKey: keys.encryptionPublicKey };
}

export interface RebindInput {
  code: string;
  accountId: string;
  epoch: {
    epoch: number;
    record: string;
    wraps: { recipientId: string; wrap: string }[];
    teamWrap: string;
    archiveWrap: string;
  };
  historyWraps: { epoch: number; wrap: string }[];
}

export async function rebindCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: RebindInput,
): Promise<{ case: CaseView }> {
  const { c } = await authorizeCase(ctx, actor, caseId, "case.rebind");
  await requireGuidelineConfirmed(ctx, actor);
  const now = ctx.clock.now();
  const update = await ctx.db.db.transaction().execute(async (trx) => {
    // Serialise with message commits and epoch publications on the conversation row.
    await lockConversationRow(trx, c.conversation_id);
    const current = await caseRow(trx, caseId);
    if (current.state === "archived") throw new AppError("case_state", "An archived case cannot be re-bound");
    const target = await targetOf(trx, now, input.code, current.client_id);
    if (target.id !== input.accountId) throw new ConflictError("The code names another account now; look it up again");
    if (await hasMemberRow(trx, current.conversation_id, target.id))
      throw new ConflictError("This account already had this case");

    const epochs = (await epochsOf(trx, [current.conversation_id])).map((e) => Number(e.epoch));
    const last = Math.max(0, ...epochs);
    if (input.epoch.epoch !== last + 1) throw new ConflictError(`The next epoch of this conversation is ${last + 1}`);
    const history = new Set(input.historyWraps.map((w) => w.epoch));
    if (
      history.size !== input.historyWraps.length ||
      history.size !== epochs.length ||
      epochs.some((e) => !history.has(e))
    )
      throw new AppError(
        "invalid_body",
        `Every earlier epoch (${epochs.length}) needs exactly one wrap for the new client`,
      );
    const recipients = input.epoch.wraps.map((w) => w.recipientId);
    if (
      new Set(recipients).size !== recipients.length ||
      !recipients.includes(target.id) ||
      recipients.some((r) => r !== target.id && r !== actor.accountId)
    )
      throw new AppError("invalid_body", "The new epoch is wrapped to the new client (and to the counsellor) only");

    // Move the case: the old account leaves the conversation (its history rows stay), the new one joins.
    await markMembersLeft(trx, current.conversation_id, [current.client_id], now);
    await insertConversationMembers(trx, [
      {
        conversation_id: current.conversation_id,
        account_id: target.id,
        role: "member",
        joined_at: now,
        left_at: null,
      },
    ]);
    await changeCase(trx, caseId, { client_id: target.id });

    const epoch = input.epoch.epoch;
    const teamGeneration = await currentTeamGeneration(trx, current.team_id);
    const archiveGeneration = await currentArchiveGeneration(trx, current.organisation_id);
    await insertEpoch(trx, {
      conversation_id: current.conversation_id,
      epoch,
      record: bytes(input.epoch.record),
      created_by: actor.accountId,
      created_at: now,
    });
    await insertEpochTeamWraps(trx, [
      {
        conversation_id: current.conversation_id,
        epoch,
        role: "team",
        ref_id: current.team_id,
        generation: teamGeneration,
        wrap: bytes(input.epoch.teamWrap),
        created_at: now,
      },
      {
        conversation_id: current.conversation_id,
        epoch,
        role: "archive",
        ref_id: current.organisation_id,
        generation: archiveGeneration,
        wrap: bytes(input.epoch.archiveWrap),
        created_at: now,
      },
    ]);
    const wraps = [
      ...input.epoch.wraps.map((w) => ({ epoch, recipient: w.recipientId, wrap: w.wrap })),
      ...input.historyWraps.map((w) => ({ epoch: w.epoch, recipient: target.id, wrap: w.wrap })),
    ];
    for (let i = 0; i < wraps.length; i += 500)
      await insertEpochKeyWraps(
        trx,
        wraps.slice(i, i + 500).map((w) => ({
          conversation_id: current.conversation_id,
          epoch: w.epoch,
          recipient_account_id: w.recipient,
          wrap: bytes(w.wrap),
          created_at: now,
        })),
      );

    // The old account could open the earlier epochs, never this one: the new epoch is the rotation its leaving
    // owes (ADR 0029). It settles it unless a team or archive key someone else left with is still to be renewed.
    await oweEpochRotation(trx, [current.conversation_id], { reason: "rebind", now });
    await epochPublished(trx, {
      conversationId: current.conversation_id,
      epoch,
      now,
      team: teamGeneration,
      archive: archiveGeneration,
    });

    if (!(await markRebindCodeUsed(trx, hashCode(input.code), now)))
      throw new AppError("rebind_code_invalid", "This code was used meanwhile");

    await recordAudit(trx, now, {
      organisationId: current.organisation_id,
      actorId: actor.accountId,
      action: "case.rebound",
      target: { type: "case", id: caseId },
      data: { fromClientId: current.client_id, toClientId: target.id, epoch, historyWraps: input.historyWraps.length },
    });
    // The old client hears the case is gone from their list; the new one that it arrived.
    return caseUpdateFor(trx, caseId, [current.client_id]);
  });
  publishCaseUpdate(ctx, update);
  return {
    case: await loadCaseView(ctx.db.db, { viewerId: actor.accountId, viewerIsClient: false, now, caseId }),
  };
}
