// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import { recordAudit } from "../../core/audit";
import { countFailure, forgiveFailure, type FailureCount } from "./failure-counter";
import { clearFailureCount, findFailureCount } from "./store-login";

/**
 * How many unproven password attempts a login name gets (docs/THREAT_MODEL.md,
 * "Online guessing and lockout"). With OPAQUE the answer to login step 1
 * already tells the client whether its password guess was right, so every
 * step 1 is charged when it is made and given back when its proof succeeds:
 * what stays counted are exactly the failed and abandoned attempts.
 */
export const LOGIN_BUDGET = {
  windowMs: 15 * 60 * 1000,
  /** Per login name and client address: one place guessing is refused without touching anyone else. */
  perAddress: 10,
  /** Per login name from everywhere: above it, only devices the owner has logged in from before may try. */
  perName: 100,
  /** Per known device (its cookie) and name, so a copied cookie buys no more than an address. */
  perKnownDevice: 10,
  /** Unproven attempts per name in one window at which a staff account's organisation is told (audit, metric). */
  alertAt: 20,
  /** Lifetime of the known-device cookie, renewed at every successful login from that device. */
  knownDeviceMs: 180 * 24 * 60 * 60 * 1000,
} as const;

/** What the server knows about the client asking: its address (HMAC-ed before use) and its cookies. */
export interface LoginClient {
  address: string;
  cookie(name: string): string | undefined;
}

export interface LoginBudgetKeys {
  /** The name's counter (existing or not): `login_states.username_key`. */
  name: string;
  /** The counter this client spends: its known device's, else its address's (or the account's, see below). */
  own: string;
  ownBudget: OwnBudget;
}

/** Only "address" is held to the name's ceiling: the others are clients the owner has vouched for. */
type OwnBudget = "address" | "device" | "identified";

export interface BudgetAccount {
  id: string;
  kind: string;
  organisation_id: string | null;
}

/**
 * Keys are HMACs under a key derived from the instance's rate-limit secret,
 * so neither names nor addresses are stored in clear or can be confirmed by
 * hashing a guess, and every node computes the same keys.
 */
function mac(ctx: AppContext, ...parts: string[]): string {
  const key = crypto
    .createHmac("sha256", Buffer.from(ctx.secrets.rateLimitKey, "base64url"))
    .update("obhut/v1/login-budget")
    .digest();
  return crypto.createHmac("sha256", key).update(parts.join("\0")).digest("base64url").slice(0, 32);
}

export function loginNameBudgetKey(ctx: AppContext, normalisedUsername: string): string {
  return `ln:${mac(ctx, "name", normalisedUsername)}`;
}

/** Scoped to the login routes: the cookie proves an earlier successful login of this name on this device. */
export const KNOWN_DEVICE_COOKIE_PATH = "/api/auth/login";

export function knownDeviceCookieName(ctx: AppContext, nameKey: string): string {
  // __Secure- (not __Host-): the cookie is scoped to a path.
  const prefix = ctx.config.publicUrl.startsWith("https:") ? "__Secure-" : "";
  return `${prefix}obhut_known_${mac(ctx, "cookie", nameKey).slice(0, 16)}`;
}

/** A fresh token for this name: MAC over name key and issue time, nothing stored on the server. */
export function issueKnownDevice(ctx: AppContext, nameKey: string): string {
  const issuedAt = ctx.clock.now();
  return mac(ctx, "device", nameKey, String(issuedAt)).slice(0, 22) + issuedAt.toString(36);
}

function knownDevice(ctx: AppContext, nameKey: string, client: LoginClient): string | undefined {
  const token = client.cookie(knownDeviceCookieName(ctx, nameKey));
  if (!token || token.length < 23) return undefined;
  const tag = token.slice(0, 22);
  const issuedAt = Number.parseInt(token.slice(22), 36);
  const now = ctx.clock.now();
  if (!Number.isSafeInteger(issuedAt) || issuedAt > now || issuedAt + LOGIN_BUDGET.knownDeviceMs <= now)
    return undefined;
  const expected = mac(ctx, "device", nameKey, String(issuedAt)).slice(0, 22);
  if (!crypto.timingSafeEqual(Buffer.from(tag), Buffer.from(expected))) return undefined;
  return tag;
}

/**
 * Without a client, the caller is already identified by a session (the
 * password unlock after single sign-on, where the IdP chose the name): a
 * budget of its own that a stranger cannot reach and the ceiling does not stop.
 */
export function loginBudgetKeys(ctx: AppContext, nameKey: string, client: LoginClient | undefined): LoginBudgetKeys {
  if (!client) return { name: nameKey, own: `li:${mac(ctx, "identified", nameKey)}`, ownBudget: "identified" };
  const device = knownDevice(ctx, nameKey, client);
  return device
    ? { name: nameKey, own: `ld:${mac(ctx, "device-budget", device)}`, ownBudget: "device" }
    : { name: nameKey, own: `la:${mac(ctx, "address", nameKey, client.address)}`, ownBudget: "address" };
}

function refuse(ctx: AppContext, budget: OwnBudget | "name", spent: FailureCount): never {
  ctx.metrics.loginRefused.inc({ budget });
  const retryAfter = Math.max(1, Math.ceil((spent.windowStart + LOGIN_BUDGET.windowMs - ctx.clock.now()) / 1000));
  throw new AppError(
    "rate_limited",
    budget === "name"
      ? "Too many failed logins for this name; please wait, or log in on a device you have used before"
      : "Too many failed logins for this name; please wait",
    { headers: { "retry-after": String(retryAfter) } },
  );
}

const ownLimit = (keys: LoginBudgetKeys): number =>
  keys.ownBudget === "address" ? LOGIN_BUDGET.perAddress : LOGIN_BUDGET.perKnownDevice;

/**
 * Charges one attempt before the server answers a password guess, or
 * refuses it. The client's own budget comes first, so a refused address
 * never spends the name's budget; over the name's ceiling only known devices
 * go on, so a stranger can neither lock the owner out of a device they have
 * used nor guess without limit from many addresses.
 */
export async function spendLoginAttempt(
  ctx: AppContext,
  keys: LoginBudgetKeys,
  account: BudgetAccount | undefined,
): Promise<void> {
  const limit = ownLimit(keys);
  const own = await countFailure(ctx, keys.own, LOGIN_BUDGET.windowMs);
  if (own.count > limit) refuse(ctx, keys.ownBudget, own);
  const name = await countFailure(ctx, keys.name, LOGIN_BUDGET.windowMs);
  if (keys.ownBudget === "address" && name.count > LOGIN_BUDGET.perName) {
    // Not made after all: the owner on a new device should not pay for the stranger.
    await forgiveFailure(ctx, keys.own);
    refuse(ctx, "name", name);
  }
  await alertOnSustainedFailures(ctx, keys, name, account);
}

/** A failure found only at the end (a wrong recovery signature): counted like an attempt, nothing refused here. */
export async function recordFailedAttempt(
  ctx: AppContext,
  keys: LoginBudgetKeys,
  account: BudgetAccount | undefined,
): Promise<void> {
  await countFailure(ctx, keys.own, LOGIN_BUDGET.windowMs);
  const name = await countFailure(ctx, keys.name, LOGIN_BUDGET.windowMs);
  await alertOnSustainedFailures(ctx, keys, name, account);
}

/** Refuses a client whose own budget is spent, without charging (recovery step 1 gives no password oracle). */
export async function checkOwnBudget(ctx: AppContext, keys: LoginBudgetKeys): Promise<void> {
  const row = await findFailureCount(ctx.db.db, keys.own);
  const limit = ownLimit(keys);
  if (row && row.window_start + LOGIN_BUDGET.windowMs > ctx.clock.now() && row.count >= limit)
    refuse(ctx, keys.ownBudget, { count: row.count, windowStart: row.window_start });
}

/** The proof was right: this client's slate is clean again, and the name gets its attempt back. */
export async function refundLoginAttempt(ctx: AppContext, keys: LoginBudgetKeys): Promise<void> {
  await clearFailureCount(ctx.db.db, keys.own);
  await forgiveFailure(ctx, keys.name);
}

/**
 * Once the name reaches `alertAt` in a window, a staff account's
 * organisation learns of it: one audit event per name and window (the
 * window of a counter of its own, so later windows alert again), never an
 * address. The counter runs for every name alike; only the event needs an
 * account. There are no e-mail or push notifications yet.
 */
async function alertOnSustainedFailures(
  ctx: AppContext,
  keys: LoginBudgetKeys,
  name: FailureCount,
  account: BudgetAccount | undefined,
): Promise<void> {
  if (name.count < LOGIN_BUDGET.alertAt) return;
  const alerts = await countFailure(ctx, `lx:${keys.name.slice(3)}`, LOGIN_BUDGET.windowMs);
  if (alerts.count !== 1) return;
  const kind = account?.kind === "staff" ? "staff" : account ? "client" : "none";
  ctx.metrics.loginFailuresSustained.inc({ kind });
  if (kind !== "staff" || !account) return;
  await recordAudit(ctx.db.db, ctx.clock.now(), {
    organisationId: account.organisation_id,
    actorId: null,
    action: "auth.login_failures_sustained",
    target: { type: "account", id: account.id },
    data: { failures: name.count, windowMinutes: LOGIN_BUDGET.windowMs / 60_000 },
  });
}
