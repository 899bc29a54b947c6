// SPDX-License-Identifier: AGPL-3.0-or-later
import { fromBase64Url, isCryptoError, readRecoveryWrapParams } from "@obhut/crypto";
import type { AccountView, KeyBundle } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { checkOrgPins } from "./org-pins-check";
import { presentAccount } from "./presenter-account";
import { announceEndedSessions } from "./sessions";
import { endSessionsOf } from "./store-sessions";
import { getAccount, getAccountKeyBundle, setAccountCredentials, setAccountKeyBundle } from "./store-accounts";
import { recordAudit } from "../../core/audit";
import { clearReauthenticationFailures, finishReauthentication, startReauthentication } from "./reauthenticate";

export function storedBundle(row: { key_bundle: string }): KeyBundle {
  return JSON.parse(row.key_bundle) as KeyBundle;
}

/**
 * Password change and recovery keep the identity: only the wraps of the
 * master key may change. What the new bundle leaves out — the recovery wrap,
 * the pinned organisations — is kept from the stored one (the same master
 * key and identity keys still open it), so a client cannot silently lose it.
 */
export function requireSameIdentity(stored: KeyBundle, next: KeyBundle): KeyBundle {
  if (stored.signingPublicKey !== next.signingPublicKey || stored.encryptionPublicKey !== next.encryptionPublicKey) {
    throw new AppError("key_mismatch", "The key bundle must keep the account's identity keys");
  }
  const bundle: KeyBundle = { ...next };
  if (!bundle.masterWrapRecovery && stored.masterWrapRecovery) bundle.masterWrapRecovery = stored.masterWrapRecovery;
  if (!bundle.orgPins && stored.orgPins) bundle.orgPins = stored.orgPins;
  return bundle;
}

/** Parses the header and Argon2id parameters; refuses anything that could never be opened. */
export function checkRecoveryWrap(b64: string): void {
  try {
    readRecoveryWrapParams(fromBase64Url(b64));
  } catch (err) {
    if (isCryptoError(err)) throw new AppError("invalid_body", `The recovery wrap is not valid (${err.code})`);
    throw err;
  }
}

/**
 * Password change, step 1: an OPAQUE login with the current password (so a
 * stolen session alone cannot change it) and a registration for the new one.
 */
export async function startPasswordChange(
  ctx: AppContext,
  props: { actor: Actor; startLoginRequest: string; registrationRequest: string },
): Promise<{ changeId: string; loginResponse: string; registrationResponse: string }> {
  const { stateId, loginResponse, registrationResponse } = await startReauthentication(ctx, {
    accountId: props.actor.accountId,
    startLoginRequest: props.startLoginRequest,
    registrationRequest: props.registrationRequest,
  });
  return { changeId: stateId, loginResponse, registrationResponse };
}

export async function finishPasswordChange(
  ctx: AppContext,
  props: {
    actor: Actor;
    changeId: string;
    finishLoginRequest: string;
    registrationRecord: string;
    keyBundle: KeyBundle;
  },
): Promise<{ account: AccountView; endedSessions: number }> {
  const { usernameKey } = await finishReauthentication(ctx, {
    accountId: props.actor.accountId,
    stateId: props.changeId,
    finishLoginRequest: props.finishLoginRequest,
  });
  const now = ctx.clock.now();
  const { account, ended } = await ctx.db.db.transaction().execute(async (trx) => {
    const row = await getAccount(trx, props.actor.accountId);
    const bundle = requireSameIdentity(storedBundle(row), props.keyBundle);
    if (bundle.masterWrapRecovery) checkRecoveryWrap(bundle.masterWrapRecovery);
    if (props.keyBundle.orgPins) checkOrgPins(props.keyBundle.orgPins);
    await setAccountCredentials(trx, row.id, {
      opaqueRecord: props.registrationRecord,
      keyBundle: JSON.stringify(bundle),
    });
    const ended = await endSessionsOf(trx, { accountId: row.id, now, keepSessionId: props.actor.sessionId });
    await recordAudit(trx, now, {
      organisationId: row.organisation_id,
      actorId: row.id,
      action: "account.password_changed",
      target: { type: "account", id: row.id },
      data: { endedSessions: ended.length },
    });
    return { account: row, ended };
  });
  await clearReauthenticationFailures(ctx, usernameKey);
  await announceEndedSessions(ctx, ended);
  return { account: presentAccount(account), endedSessions: ended.length };
}

/** Adds or replaces the master-key wrap under a recovery code (a new code after the old one was used or lost). */
export async function putRecoveryWrap(
  ctx: AppContext,
  props: { actor: Actor; masterWrapRecovery: string },
): Promise<void> {
  checkRecoveryWrap(props.masterWrapRecovery);
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const row = await getAccountKeyBundle(trx, props.actor.accountId);
    const bundle: KeyBundle = { ...storedBundle(row), masterWrapRecovery: props.masterWrapRecovery };
    await setAccountKeyBundle(trx, row.id, JSON.stringify(bundle));
    await recordAudit(trx, now, {
      organisationId: row.organisation_id,
      actorId: row.id,
      action: "account.recovery_wrap_set",
      target: { type: "account", id: row.id },
    });
  });
}
