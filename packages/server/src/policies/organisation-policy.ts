// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RolePolicyView } from "@obhut/protocol";
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

/** Throws "not found" unless the organisation exists (its id came from the URL). */
export async function ensureOrganisation(db: Db, orgId: string): Promise<void> {
  const org = await db.selectFrom("organisations").select("id").where("id", "=", orgId).executeTakeFirst();
  if (!org) throw new NotFoundError("No such organisation");
}
