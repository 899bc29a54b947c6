// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MfaStatusView } from "@obhut/protocol";
import { generateSecret, generateURI, verify } from "otplib";
import type { AppContext } from "../../core/context";
import { AppError, ConflictError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import {
  assertMayEnrol,
  authorizeOwnMfa,
  checkMfaBudget,
  openTotpSecret,
  recordMfaFailure,
  satisfySession,
  sealTotpSecret,
} from "./mfa";
import { getUsername } from "./store-accounts";
import { findTotp, findTotpConfirmedAt, putTotpSecret, recordTotpTimeStep } from "./store-mfa";

/** RFC 6238 defaults (SHA-1, 6 digits, 30 s) — what every authenticator app supports. One step of drift either way. */
const PERIOD_S = 30;
const TOLERANCE_S = PERIOD_S;

export async function enrolTotp(ctx: AppContext, actor: Actor): Promise<{ secret: string; otpauthUri: string }> {
  await assertMayEnrol(ctx, actor);
  const existing = await findTotpConfirmedAt(ctx.db.db, actor.accountId);
  if (existing?.confirmed_at) throw new ConflictError("An authenticator app is already set up for this account");
  const username = await getUsername(ctx.db.db, actor.accountId);
  const secret = generateSecret({ length: 20 });
  const sealed = sealTotpSecret(ctx.secrets.mfaKey, actor.accountId, secret);
  const now = ctx.clock.now();
  await putTotpSecret(ctx.db.db, { accountId: actor.accountId, secretEnc: sealed, now });
  const issuer = new URL(ctx.config.publicUrl).hostname;
  return { secret, otpauthUri: generateURI({ issuer: `Obhut ${issuer}`, label: username, secret }) };
}

/**
 * Checks a code against the stored secret and records its time step in the
 * same conditional UPDATE, so a code is accepted once even if two requests
 * race with it (RFC 6238 §5.2: a verifier must not accept a code twice).
 */
async function acceptCode(ctx: AppContext, actor: Actor, code: string, confirmed: boolean): Promise<boolean> {
  const row = await findTotp(ctx.db.db, actor.accountId);
  if (!row || (row.confirmed_at !== null) !== confirmed) {
    throw new AppError(
      confirmed ? "not_found" : "conflict",
      confirmed ? "No authenticator app is set up" : "Start the set-up again",
    );
  }
  const secret = openTotpSecret(ctx.secrets.mfaKey, actor.accountId, row.secret_enc);
  const now = ctx.clock.now();
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now / 1000),
    epochTolerance: TOLERANCE_S,
    ...(row.last_time_step !== null ? { afterTimeStep: row.last_time_step } : {}),
  });
  // The functional API also covers HOTP; a TOTP match always carries its time step.
  if (!result.valid || !("timeStep" in result)) return false;
  return recordTotpTimeStep(ctx.db.db, {
    accountId: actor.accountId,
    timeStep: result.timeStep,
    ...(confirmed ? {} : { confirmedAt: now }),
  });
}

export async function confirmTotp(ctx: AppContext, actor: Actor, code: string): Promise<MfaStatusView> {
  await assertMayEnrol(ctx, actor);
  await checkMfaBudget(ctx, actor.accountId);
  if (!(await acceptCode(ctx, actor, code, false))) return recordMfaFailure(ctx, actor.accountId);
  return satisfySession(ctx, actor, "totp", true);
}

export async function verifyTotp(ctx: AppContext, actor: Actor, code: string): Promise<MfaStatusView> {
  authorizeOwnMfa(actor);
  await checkMfaBudget(ctx, actor.accountId);
  if (!(await acceptCode(ctx, actor, code, true))) return recordMfaFailure(ctx, actor.accountId);
  return satisfySession(ctx, actor, "totp", false);
}
