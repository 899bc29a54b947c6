// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { countFailure } from "./failure-counter";
import type { MfaStatusView } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize, sessionPolicyForAccount } from "../../policies";
import { recordAudit } from "../../core/audit";
import { clearFailureCount, findFailureCount } from "./store-login";
import { countPasskeys, hasConfirmedTotp, hasPasskey } from "./store-mfa";
import { clearSessionMfaPending, findSessionMfaPending } from "./store-sessions";

/** Wrong codes / assertions per account per window before further attempts wait. A 6-digit code then holds for years. */
export const MFA_MAX_FAILURES = 5;
export const MFA_FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** Every MFA route acts on the caller's own factors only. */
export function authorizeOwnMfa(actor: Actor): void {
  authorize(actor, "mfa.manage", { type: "own", ownerId: actor.accountId });
}

export async function hasConfirmedFactor(ctx: AppContext, accountId: string): Promise<boolean> {
  if (await hasConfirmedTotp(ctx.db.db, accountId)) return true;
  return hasPasskey(ctx.db.db, accountId);
}

/**
 * Enrolling is how a first-time staff member satisfies the rule; once an
 * account has a factor, a session that only proved the password must use it
 * — otherwise a stolen password could simply enrol a second factor of its own.
 */
export async function assertMayEnrol(ctx: AppContext, actor: Actor): Promise<void> {
  authorizeOwnMfa(actor);
  if (actor.mfaPending && (await hasConfirmedFactor(ctx, actor.accountId))) {
    throw new AppError("mfa_required", "Confirm your existing second factor first");
  }
}

export async function mfaStatus(ctx: AppContext, actor: Actor): Promise<MfaStatusView> {
  authorizeOwnMfa(actor);
  const [totp, passkeys, policy, session] = await Promise.all([
    hasConfirmedTotp(ctx.db.db, actor.accountId),
    countPasskeys(ctx.db.db, actor.accountId),
    sessionPolicyForAccount(ctx.db.db, actor.accountId),
    findSessionMfaPending(ctx.db.db, actor.sessionId),
  ]);
  return {
    pending: (session?.mfa_pending ?? 0) === 1,
    required: policy.mfaRequired,
    totp,
    passkeys,
  };
}

/** The session has shown its second factor: from now on it is a full session. */
export async function satisfySession(
  ctx: AppContext,
  actor: Actor,
  method: "totp" | "passkey",
  enrolled: boolean,
): Promise<MfaStatusView> {
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await clearSessionMfaPending(trx, actor.sessionId);
    await clearFailureCount(trx, failureKey(actor.accountId));
    await recordAudit(trx, now, {
      organisationId: actor.organisationId,
      actorId: actor.accountId,
      action: enrolled ? "mfa.enrolled" : "mfa.verified",
      target: { type: "account", id: actor.accountId },
      data: { method },
    });
  });
  return mfaStatus(ctx, { ...actor, mfaPending: false });
}

function failureKey(accountId: string): string {
  return `mfa:${accountId}`;
}

export async function checkMfaBudget(ctx: AppContext, accountId: string): Promise<void> {
  const row = await findFailureCount(ctx.db.db, failureKey(accountId));
  const now = ctx.clock.now();
  if (row && row.window_start + MFA_FAILURE_WINDOW_MS > now && row.count >= MFA_MAX_FAILURES) {
    const retryAfter = Math.ceil((row.window_start + MFA_FAILURE_WINDOW_MS - now) / 1000);
    throw new AppError("rate_limited", "Too many wrong codes; please wait", {
      headers: { "retry-after": String(retryAfter) },
    });
  }
}

export async function recordMfaFailure(ctx: AppContext, accountId: string): Promise<never> {
  const key = failureKey(accountId);
  await countFailure(ctx, key, MFA_FAILURE_WINDOW_MS);
  throw new AppError("mfa_failed", "That did not work; check the code or try your passkey again");
}

/**
 * TOTP secrets are encrypted at rest with the instance mfaKey (AES-256-GCM,
 * standard Node crypto; the server has to read them to check codes, so this
 * protects backups and database dumps, not a compromised server). The
 * account id is bound as associated data so rows cannot be swapped.
 */
export function sealTotpSecret(mfaKey: string, accountId: string, secret: string): string {
  const key = Buffer.from(mfaKey, "base64url");
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(`obhut-totp-v1:${accountId}`));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url");
}

export function openTotpSecret(mfaKey: string, accountId: string, sealed: string): string {
  const raw = Buffer.from(sealed, "base64url");
  const decipher = crypto.createDecipheriv("aes-256-gcm", Buffer.from(mfaKey, "base64url"), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(`obhut-totp-v1:${accountId}`));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
}
