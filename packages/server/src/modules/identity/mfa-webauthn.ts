// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MfaStatusView } from "@obhut/protocol";
import {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { AppContext } from "../../core/context";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { newId } from "../../core/ids";
import { assertMayEnrol, authorizeOwnMfa, checkMfaBudget, recordMfaFailure, satisfySession } from "./mfa";
import { getUsername } from "./store-accounts";
import {
  deleteExpiredMfaChallenges,
  deleteSessionMfaChallenges,
  findPasskey,
  insertMfaChallenge,
  insertPasskeyIfNew,
  listPasskeys,
  recordPasskeyUse,
  takeMfaChallenge,
} from "./store-mfa";

const CHALLENGE_TTL_MS = 5 * 60 * 1000;

/** The relying party is this instance: RP ID and origin come from PUBLIC_URL, never from a request header. */
export function relyingParty(ctx: AppContext): { rpID: string; origin: string } {
  const url = new URL(ctx.config.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

async function storeChallenge(
  ctx: AppContext,
  actor: Actor,
  kind: "webauthn-register" | "webauthn-authenticate",
  challenge: string,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await deleteExpiredMfaChallenges(trx, now);
    // One open challenge per session and kind: a new ceremony replaces the old one.
    await deleteSessionMfaChallenges(trx, actor.sessionId, kind);
    await insertMfaChallenge(trx, {
      id: newId(),
      session_id: actor.sessionId,
      kind,
      challenge,
      expires_at: now + CHALLENGE_TTL_MS,
    });
  });
}

/** Single use: the challenge is deleted whether or not the response verifies. */
async function takeChallenge(
  ctx: AppContext,
  actor: Actor,
  kind: "webauthn-register" | "webauthn-authenticate",
): Promise<string> {
  const row = await takeMfaChallenge(ctx.db.db, actor.sessionId, kind);
  if (!row || row.expires_at <= ctx.clock.now())
    throw new AppError("mfa_failed", "The passkey request has expired; please start again");
  return row.challenge;
}

export async function webauthnRegisterOptions(ctx: AppContext, actor: Actor): Promise<Record<string, unknown>> {
  await assertMayEnrol(ctx, actor);
  const username = await getUsername(ctx.db.db, actor.accountId);
  const existing = await listPasskeys(ctx.db.db, actor.accountId);
  const { rpID } = relyingParty(ctx);
  const options = await generateRegistrationOptions({
    rpName: "Obhut",
    rpID,
    userName: username,
    userID: new TextEncoder().encode(actor.accountId),
    attestationType: "none",
    authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: JSON.parse(c.transports) as string[] })),
  });
  await storeChallenge(ctx, actor, "webauthn-register", options.challenge);
  return options as unknown as Record<string, unknown>;
}

export async function webauthnRegisterVerify(
  ctx: AppContext,
  actor: Actor,
  response: RegistrationResponseJSON,
): Promise<MfaStatusView> {
  await assertMayEnrol(ctx, actor);
  const expectedChallenge = await takeChallenge(ctx, actor, "webauthn-register");
  const { rpID, origin } = relyingParty(ctx);
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
  } catch {
    // The library throws for malformed or mismatching data; to the caller it is one failed attempt.
    throw new AppError("mfa_failed", "The passkey could not be verified");
  }
  if (!verification.verified) throw new AppError("mfa_failed", "The passkey could not be verified");
  const { credential } = verification.registrationInfo;
  const inserted = await insertPasskeyIfNew(ctx.db.db, {
    id: credential.id,
    account_id: actor.accountId,
    public_key: Buffer.from(credential.publicKey).toString("base64url"),
    counter: credential.counter,
    transports: JSON.stringify(credential.transports ?? response.response.transports ?? []),
    created_at: ctx.clock.now(),
    last_used_at: null,
  });
  if (!inserted) throw new AppError("conflict", "This passkey is already registered");
  return satisfySession(ctx, actor, "passkey", true);
}

export async function webauthnAuthenticateOptions(ctx: AppContext, actor: Actor): Promise<Record<string, unknown>> {
  authorizeOwnMfa(actor);
  const existing = await listPasskeys(ctx.db.db, actor.accountId);
  if (existing.length === 0) throw new NotFoundError("No passkey is registered for this account");
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(ctx).rpID,
    allowCredentials: existing.map((c) => ({ id: c.id, transports: JSON.parse(c.transports) as string[] })),
    userVerification: "required",
  });
  await storeChallenge(ctx, actor, "webauthn-authenticate", options.challenge);
  return options as unknown as Record<string, unknown>;
}

export async function webauthnAuthenticateVerify(
  ctx: AppContext,
  actor: Actor,
  response: AuthenticationResponseJSON,
): Promise<MfaStatusView> {
  authorizeOwnMfa(actor);
  await checkMfaBudget(ctx, actor.accountId);
  const expectedChallenge = await takeChallenge(ctx, actor, "webauthn-authenticate");
  const stored = await findPasskey(ctx.db.db, response.id, actor.accountId);
  if (!stored) return recordMfaFailure(ctx, actor.accountId);
  const { rpID, origin } = relyingParty(ctx);
  let verified = false;
  let newCounter = stored.counter;
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
      credential: {
        id: stored.id,
        publicKey: new Uint8Array(Buffer.from(stored.public_key, "base64url")),
        counter: stored.counter,
        transports: JSON.parse(stored.transports) as string[],
      },
    });
    verified = result.verified;
    newCounter = result.authenticationInfo.newCounter;
  } catch {
    verified = false;
  }
  if (!verified) return recordMfaFailure(ctx, actor.accountId);
  await recordPasskeyUse(ctx.db.db, { credentialId: stored.id, counter: newCounter, now: ctx.clock.now() });
  return satisfySession(ctx, actor, "passkey", false);
}
