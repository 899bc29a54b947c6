// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import {
  DEFAULT_ARGON2ID_PARAMS,
  fromBase64Url,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  toBase64Url,
  verifyRecoveryChallenge,
} from "@obhut/crypto";
import type { AccountView, KeyBundle } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import { presentAccount } from "./presenter-account";
import { checkRecoveryWrap, requireSameIdentity, storedBundle } from "./account";
import { checkOrgPins } from "./org-pins-check";
import { announceEndedSessions } from "./sessions";
import { endSessionsOf } from "./store-sessions";
import { recordAudit } from "../../core/audit";
import { newId } from "../../core/ids";
import {
  checkOwnBudget,
  loginBudgetKeys,
  loginNameBudgetKey,
  recordFailedAttempt,
  type LoginClient,
} from "./login-budget";
import { opaqueReady } from "../../infra/config/opaque";
import { findAccount, findAccountForRecovery, findUsername, setAccountCredentials } from "./store-accounts";
import { clearFailureCount } from "./store-login";
import {
  deleteExpiredRecoveryStates,
  findRecoveryState,
  insertRecoveryState,
  takeRecoveryState,
} from "./store-recovery";

const RECOVERY_STATE_TTL_MS = 10 * 60_000;
const FAILED = "Recovery failed: the name or the recovery code is wrong";

/** base64url that the schema let through but that is not canonical (trailing bits) is just a wrong signature. */
function decodeOrUndefined(b64: string): Uint8Array | undefined {
  try {
    return fromBase64Url(b64);
  } catch {
    return undefined;
  }
}

/**
 * A valid Ed25519 public key for the signature check of decoy states, so they
 * cost what a real check costs. Its seed is public, but a decoy state fails
 * whatever the signature says: there is no account behind it.
 */
const STAND_IN_SIGNING_KEY = generateSigningKeyPair(new Uint8Array(32)).publicKey;

interface RecoveryMaterial {
  masterWrapRecovery: string;
  encryptedPrivateKeys: string;
  signingPublicKey: string;
  encryptionPublicKey: string;
}

/**
 * Decoy material for names without a usable recovery wrap: deterministic per
 * name (HMAC under a key derived from the instance's OPAQUE secret, the same
 * on every node), with the exact sizes, headers and default Argon2id
 * parameters of real blobs and valid public keys, so asking twice or asking
 * for a real name cannot tell them apart. Opening it just fails like a wrong code.
 */
export function decoyRecoveryMaterial(ctx: AppContext, username: string): RecoveryMaterial {
  const key = crypto.createHmac("sha256", ctx.secrets.opaqueServerSetup).update("obhut/v1/recovery-decoy-key").digest();
  const bytes = (label: string, length: number) => {
    const out = Buffer.alloc(length);
    for (let i = 0; i * 32 < length; i++)
      crypto
        .createHmac("sha256", key)
        .update(`${label}\0${i}\0${username}`)
        .digest()
        .copy(out, i * 32);
    return new Uint8Array(out);
  };
  const p = DEFAULT_ARGON2ID_PARAMS;
  const params = Buffer.alloc(9);
  params.writeUInt32BE(p.memoryKiB, 0);
  params.writeUInt32BE(p.iterations, 4);
  params.writeUInt8(p.parallelism, 8);
  const wrap = Buffer.concat([Buffer.from([1, 1, 3]), params, bytes("wrap", 16 + 12 + 48)]);
  const privateKeys = Buffer.concat([Buffer.from([1, 1, 1]), bytes("private-keys", 12 + 80)]);
  return {
    masterWrapRecovery: toBase64Url(wrap),
    encryptedPrivateKeys: toBase64Url(privateKeys),
    signingPublicKey: toBase64Url(generateSigningKeyPair(bytes("signing", 32)).publicKey),
    encryptionPublicKey: toBase64Url(generateEncryptionKeyPair(bytes("encryption", 32)).publicKey),
  };
}

/**
 * Recovery step 1. Handing out the recovery wrap is safe: it opens only
 * with Argon2id of a 128-bit code, so offline guessing is hopeless (see ADR
 * 0006). Unknown names, disabled accounts and accounts without a recovery
 * wrap get decoy material. Every name costs the same: the decoy is derived
 * for all of them (as OPAQUE derives its fake record at login) and the real
 * material, if any, is chosen afterwards. Only the client's own address
 * budget is checked: guessing a 128-bit code online is hopeless too, and the
 * owner who lost the password must get in from any device.
 */
export async function startRecovery(
  ctx: AppContext,
  props: { username: string; client: LoginClient },
): Promise<RecoveryMaterial & { recoveryId: string; challenge: string }> {
  const username = props.username.toLowerCase();
  const nameKey = loginNameBudgetKey(ctx, username);
  await checkOwnBudget(ctx, loginBudgetKeys(ctx, nameKey, props.client));
  const account = await findAccountForRecovery(ctx.db.db, username);
  const decoy = decoyRecoveryMaterial(ctx, username);
  const bundle = account && account.disabled_at === null ? storedBundle(account) : undefined;
  const usable = bundle?.masterWrapRecovery ? bundle : undefined;
  const material: RecoveryMaterial = usable
    ? {
        masterWrapRecovery: usable.masterWrapRecovery!,
        encryptedPrivateKeys: usable.encryptedPrivateKeys,
        signingPublicKey: usable.signingPublicKey,
        encryptionPublicKey: usable.encryptionPublicKey,
      }
    : decoy;
  const recoveryId = newId();
  const challenge = crypto.randomBytes(32).toString("base64url");
  const now = ctx.clock.now();
  await deleteExpiredRecoveryStates(ctx.db.db, now);
  await insertRecoveryState(ctx.db.db, {
    id: recoveryId,
    account_id: usable ? account!.id : null,
    username_key: nameKey,
    challenge,
    expires_at: now + RECOVERY_STATE_TTL_MS,
  });
  return { recoveryId, challenge, ...material };
}

/** Step 2: OPAQUE registration response for the new password (decoy states get one too, under a stand-in identifier). */
export async function startRecoveryRegistration(
  ctx: AppContext,
  props: { recoveryId: string; registrationRequest: string },
): Promise<string> {
  const now = ctx.clock.now();
  const state = await findRecoveryState(ctx.db.db, props.recoveryId);
  if (!state || state.expires_at < now) throw new AppError("auth_failed", FAILED);
  // The same query for decoy states (it finds nothing), so this step takes as long for them.
  const username = await findUsername(ctx.db.db, state.account_id ?? "");
  const server = await opaqueReady();
  try {
    return server.createRegistrationResponse({
      serverSetup: ctx.secrets.opaqueServerSetup,
      userIdentifier: username ?? state.username_key,
      registrationRequest: props.registrationRequest,
    }).registrationResponse;
  } catch {
    throw new AppError("invalid_body", "The registration request is not a valid OPAQUE message");
  }
}

/**
 * Step 3: the signature over the challenge proves the caller decrypted the
 * identity keys, i.e. knows the recovery code. Then the new OPAQUE record
 * and key bundle (same identity keys) replace the old ones and every session
 * of the account ends. Failures count like failed logins (login-budget.ts).
 */
export async function finishRecovery(
  ctx: AppContext,
  props: {
    recoveryId: string;
    signature: string;
    registrationRecord: string;
    keyBundle: KeyBundle;
    client: LoginClient;
  },
): Promise<AccountView> {
  const now = ctx.clock.now();
  // Single use: a state is gone after one attempt, right or wrong.
  const state = await takeRecoveryState(ctx.db.db, props.recoveryId);
  if (!state || state.expires_at < now) throw new AppError("auth_failed", FAILED);
  const keys = loginBudgetKeys(ctx, state.username_key, props.client);
  // Decoy states run the same query and a signature check against a stand-in key, so a
  // wrong code for a real account fails no faster or slower than any code for a decoy.
  const row = await findAccount(ctx.db.db, state.account_id ?? "");
  const stored = row && row.disabled_at === null ? storedBundle(row) : undefined;
  const signature = decodeOrUndefined(props.signature);
  const verified =
    signature !== undefined &&
    verifyRecoveryChallenge(
      fromBase64Url(state.challenge),
      signature,
      stored ? fromBase64Url(stored.signingPublicKey) : STAND_IN_SIGNING_KEY,
    );
  const signed = verified && stored !== undefined;
  if (!signed || !row || !stored) {
    await recordFailedAttempt(ctx, keys, row);
    throw new AppError("auth_failed", FAILED);
  }
  const bundle = requireSameIdentity(stored, props.keyBundle);
  if (bundle.masterWrapRecovery) checkRecoveryWrap(bundle.masterWrapRecovery);
  if (props.keyBundle.orgPins) checkOrgPins(props.keyBundle.orgPins);
  const ended = await ctx.db.db.transaction().execute(async (trx) => {
    await setAccountCredentials(trx, row.id, {
      opaqueRecord: props.registrationRecord,
      keyBundle: JSON.stringify(bundle),
    });
    const ended = await endSessionsOf(trx, { accountId: row.id, now });
    await clearFailureCount(trx, keys.own);
    await recordAudit(trx, now, {
      organisationId: row.organisation_id,
      actorId: row.id,
      action: "account.recovered",
      target: { type: "account", id: row.id },
      data: { endedSessions: ended.length },
    });
    return ended;
  });
  await announceEndedSessions(ctx, ended);
  return presentAccount(row);
}
