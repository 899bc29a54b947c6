// SPDX-License-Identifier: AGPL-3.0-or-later
import { KEPT_DEVICE_IDLE_MINUTES, type RolePolicyView } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../infra/db/schema";
import { NotFoundError } from "../core/errors";
import { ORGANISATION_STAFF_ROLES } from "./roles";

type Db = Kysely<Database> | Transaction<Database>;

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  mfaRequired: boolean;
}

export const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Defaults when an organisation has not changed its policy (and always for
 * anonymous clients, who belong to no organisation). Staff idle longer than
 * clients because they work in the app all day, but their absolute limit is
 * one working day; clients on shared devices get a short idle limit.
 */
export const DEFAULT_POLICY = {
  client: { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR, mfaRequired: false },
  staff: { idleMs: 60 * MINUTE, absoluteMs: 10 * HOUR, mfaRequired: true },
} as const satisfies Record<"client" | "staff", SessionPolicy>;

/** Bounds an admin can choose within; outside them a policy stops protecting anyone. */
export const POLICY_LIMITS = {
  idleMs: { min: 5 * MINUTE, max: 12 * HOUR },
  absoluteMs: { min: 1 * HOUR, max: 12 * HOUR },
};

/** The effective limits for a role given the organisation's stored row (if any). */
export function policyForRole(
  kind: "client" | "staff",
  row: { idle_ms: number | null; absolute_ms: number | null; mfa_required?: number | null },
): SessionPolicy {
  const fallback = DEFAULT_POLICY[kind];
  if (row.idle_ms === null || row.absolute_ms === null) return { ...fallback };
  return {
    idleMs: row.idle_ms,
    absoluteMs: row.absolute_ms,
    mfaRequired: kind === "staff" && (row.mfa_required ?? 1) === 1,
  };
}

/**
 * The limits of one session: its role's policy, except that a client's login
 * on a kept device has its own idle limit (`sessions.idle_ms`, ADR 0027).
 */
export function sessionLimits(row: {
  kind: "client" | "staff";
  idle_ms: number | null;
  absolute_ms: number | null;
  session_idle_ms: number | null;
}): SessionPolicy {
  const limits = policyForRole(row.kind, row);
  return row.session_idle_ms === null ? limits : { ...limits, idleMs: Number(row.session_idle_ms) };
}

export async function sessionPolicyForAccount(db: Db, accountId: string): Promise<SessionPolicy> {
  const row = await db
    .selectFrom("accounts")
    .leftJoin("organisation_policies as policy", (join) =>
      join.onRef("policy.organisation_id", "=", "accounts.organisation_id").onRef("policy.role", "=", "accounts.role"),
    )
    .select(["accounts.kind", "policy.idle_ms", "policy.absolute_ms", "policy.mfa_required"])
    .where("accounts.id", "=", accountId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_POLICY.client };
  return policyForRole(row.kind, row);
}

export async function loadPolicy(db: Db, orgId: string): Promise<RolePolicyView[]> {
  const rows = await db.selectFrom("organisation_policies").selectAll().where("organisation_id", "=", orgId).execute();
  return ORGANISATION_STAFF_ROLES.map((role) => {
    const p = policyForRole("staff", rows.find((r) => r.role === role) ?? { idle_ms: null, absolute_ms: null });
    return { role, idleMinutes: p.idleMs / MINUTE, absoluteMinutes: p.absoluteMs / MINUTE, mfaRequired: p.mfaRequired };
  });
}

/** How long a client's kept device may stay idle when no organisation chose (ADR 0027). */
export const DEFAULT_KEPT_DEVICE_IDLE_MS = KEPT_DEVICE_IDLE_MINUTES.default * MINUTE;

/** The organisation's kept-device idle limit for its clients; the default without a choice. */
export async function loadKeptDeviceIdleMs(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("client_device_policies")
    .select("idle_ms")
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
  return row ? Number(row.idle_ms) : DEFAULT_KEPT_DEVICE_IDLE_MS;
}

/**
 * The idle limit of a client's kept device: the strictest of the
 * organisations the client has cases with (an organisation without a choice
 * counts with the default); with no case yet, the default. Never longer than
 * the client session's absolute limit, which a kept device does not extend.
 */
export async function keptDeviceIdleMsForClient(db: Db, accountId: string): Promise<number> {
  const rows = await db
    .selectFrom("cases")
    .leftJoin("client_device_policies as policy", "policy.organisation_id", "cases.organisation_id")
    .select(["cases.organisation_id", "policy.idle_ms"])
    .distinct()
    .where("cases.client_id", "=", accountId)
    .execute();
  const limits = rows.map((r) => (r.idle_ms === null ? DEFAULT_KEPT_DEVICE_IDLE_MS : Number(r.idle_ms)));
  return Math.min(DEFAULT_KEPT_DEVICE_IDLE_MS, DEFAULT_POLICY.client.absoluteMs, ...limits);
}

/** Throws "not found" unless the organisation exists (its id came from the URL). */
export async function ensureOrganisation(db: Db, orgId: string): Promise<void> {
  const org = await db.selectFrom("organisations").select("id").where("id", "=", orgId).executeTakeFirst();
  if (!org) throw new NotFoundError("No such organisation");
}
