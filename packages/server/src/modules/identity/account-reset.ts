// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { AccountResetView, AccountView, KeyBundle } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { presentAccount } from "./presenter-account";
import { checkRecoveryWrap, storedBundle } from "./account";
import { loginNameKey } from "./auth";
import { announceEndedSessions } from "./sessions";
import { endSessionsOf } from "./store-sessions";
import { findAccountForReset, getAccount, setAccountCredentials } from "./store-accounts";
import { deleteDevicesOf } from "./store-devices";
import { clearFailureCount } from "./store-login";
import {
  consumeAccountReset,
  deleteKeyWrapsFor,
  deleteUnusedAccountResets,
  findAccountResetByTokenHash,
  findOrganisationName,
  insertAccountReset,
  listAccountResets,
} from "./store-recovery";
import { recordAudit } from "../../core/audit";
import { newId, sha256 } from "../../core/ids";
import { authorize, authorizeAccountReset } from "../../policies";
import { opaqueReady } from "../../infra/config/opaque";

export const RESET_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
const INVALID = "This reset link is not valid (used, expired or replaced); ask an administrator for a new one";

/**
 * Admin re-wrap, step 1: for staff who lost both password and recovery
 * code. The token lets the staff member register a new password and NEW
 * identity keys; the admin then revokes the old key and certifies the new one
 * in the org log and re-wraps team keys (ordinary log and key-wrap endpoints).
 * Only the hash is stored; a new token replaces any unused older one.
 */
export async function issueAccountReset(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; accountId: string },
): Promise<{ resetToken: string; expiresAt: number }> {
  const target = await findAccountForReset(ctx.db.db, props.accountId);
  authorizeAccountReset(props.actor, props.orgId, target);
  const resetToken = crypto.randomBytes(32).toString("base64url");
  const now = ctx.clock.now();
  const expiresAt = now + RESET_TOKEN_TTL_MS;
  await ctx.db.db.transaction().execute(async (trx) => {
    await deleteUnusedAccountResets(trx, props.accountId);
    await insertAccountReset(trx, {
      id: newId(),
      organisation_id: props.orgId,
      account_id: props.accountId,
      token_hash: sha256(resetToken),
      created_by: props.actor.accountId,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
    });
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "account.reset_issued",
      target: { type: "account", id: props.accountId },
    });
  });
  return { resetToken, expiresAt };
}

async function findUsableReset(ctx: AppContext, token: string) {
  const row = await findAccountResetByTokenHash(ctx.db.db, sha256(token));
  if (!row || row.used_at !== null || row.expires_at <= ctx.clock.now() || row.disabled_at !== null)
    throw new AppError("reset_token_invalid", INVALID);
  return row;
}

/**
 * What the reset page shows before asking for a password: whose account, in
 * which organisation, until when. Whoever holds the token learns the login
 * name it resets (they are meant to: the admin handed it to that person); an
 * unusable token answers exactly like a wrong one.
 */
export async function verifyAccountReset(
  ctx: AppContext,
  props: { resetToken: string },
): Promise<{ username: string; organisationName: string; expiresAt: number }> {
  const reset = await findUsableReset(ctx, props.resetToken);
  const organisationName = await findOrganisationName(ctx.db.db, reset.organisation_id);
  if (organisationName === undefined) throw new AppError("reset_token_invalid", INVALID);
  return { username: reset.username, organisationName, expiresAt: reset.expires_at };
}

/**
 * The newest reset of each account (open or done), for the admin console:
 * a done reset whose new keys the log does not certify yet waits for an
 * administrator to certify them (the console compares in the browser).
 */
export async function accountResets(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<AccountResetView[]> {
  authorize(props.actor, "account.list", { type: "organisation", organisationId: props.orgId });
  const newest = new Map<string, AccountResetView>();
  for (const r of await listAccountResets(ctx.db.db, props.orgId)) {
    if (newest.has(r.account_id)) continue;
    newest.set(r.account_id, {
      accountId: r.account_id,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      usedAt: r.used_at,
    });
  }
  return [...newest.values()];
}

export async function startResetRegistration(
  ctx: AppContext,
  props: { resetToken: string; registrationRequest: string },
): Promise<string> {
  const reset = await findUsableReset(ctx, props.resetToken);
  const server = await opaqueReady();
  try {
    return server.createRegistrationResponse({
      serverSetup: ctx.secrets.opaqueServerSetup,
      userIdentifier: reset.username,
      registrationRequest: props.registrationRequest,
    }).registrationResponse;
  } catch {
    throw new AppError("invalid_body", "The registration request is not a valid OPAQUE message");
  }
}

/**
 * Step 2: consumes the token (atomically: of two concurrent finishes one
 * wins), stores the new record and key bundle, drops the wraps made for the
 * old keys (nobody can open them any more) and ends every session.
 */
export async function finishReset(
  ctx: AppContext,
  props: { resetToken: string; registrationRecord: string; keyBundle: KeyBundle },
): Promise<AccountView> {
  await findUsableReset(ctx, props.resetToken);
  if (!props.keyBundle.masterWrapRecovery) throw new AppError("invalid_body", "Staff key bundles need a recovery wrap");
  checkRecoveryWrap(props.keyBundle.masterWrapRecovery);
  const now = ctx.clock.now();
  const { row, ended } = await ctx.db.db.transaction().execute(async (trx) => {
    const used = await consumeAccountReset(trx, sha256(props.resetToken), now);
    if (!used) throw new AppError("reset_token_invalid", INVALID);
    const row = await getAccount(trx, used.account_id);
    const old = storedBundle(row);
    if (
      old.signingPublicKey === props.keyBundle.signingPublicKey ||
      old.encryptionPublicKey === props.keyBundle.encryptionPublicKey
    ) {
      throw new AppError("key_mismatch", "A reset needs new identity keys; the old ones are lost");
    }
    await setAccountCredentials(trx, row.id, {
      opaqueRecord: props.registrationRecord,
      keyBundle: JSON.stringify(props.keyBundle),
    });
    await deleteKeyWrapsFor(trx, row.id);
    // The old master key is gone, so are the device wraps of it.
    await deleteDevicesOf(trx, row.id);
    const ended = await endSessionsOf(trx, { accountId: row.id, now });
    await clearFailureCount(trx, loginNameKey(row.username));
    await recordAudit(trx, now, {
      organisationId: row.organisation_id,
      actorId: row.id,
      action: "account.reset_completed",
      target: { type: "account", id: row.id },
      data: { issuedBy: used.created_by, endedSessions: ended.length },
    });
    return { row, ended };
  });
  await announceEndedSessions(ctx, ended);
  return presentAccount(row);
}
