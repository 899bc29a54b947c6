// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OrganisationPolicyView, RolePolicyView } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { Actor } from "../core/actor";
import type { AppContext } from "../core/context";
import type { Database } from "../infra/db/schema";
import { NotFoundError } from "../core/errors";
import { authorize } from "./index";
import { ORGANISATION_STAFF_ROLES } from "./roles";
import { recordAudit } from "../core/audit";

type Db = Kysely<Database> | Transaction<Database>;

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  mfaRequired: boolean;
}

const MINUTE = 60_000;
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

async function loadPolicy(db: Db, orgId: string): Promise<RolePolicyView[]> {
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

export async function readOrganisationPolicy(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<OrganisationPolicyView> {
  authorize(props.actor, "organisation.policy.read", { type: "organisation", organisationId: props.orgId });
  await ensureOrganisation(ctx.db.db, props.orgId);
  return {
    roles: await loadPolicy(ctx.db.db, props.orgId),
    client: {
      idleMinutes: DEFAULT_POLICY.client.idleMs / MINUTE,
      absoluteMinutes: DEFAULT_POLICY.client.absoluteMs / MINUTE,
    },
  };
}

/** Replaces the rules of the given roles; takes effect on the next request of every open session. */
export async function updateOrganisationPolicy(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; roles: RolePolicyView[] },
): Promise<OrganisationPolicyView> {
  authorize(props.actor, "organisation.policy.update", { type: "organisation", organisationId: props.orgId });
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await ensureOrganisation(trx, props.orgId);
    for (const r of props.roles) {
      const values = {
        idle_ms: r.idleMinutes * MINUTE,
        absolute_ms: r.absoluteMinutes * MINUTE,
        mfa_required: r.mfaRequired ? 1 : 0,
        updated_by: props.actor.accountId,
        updated_at: now,
      };
      await trx
        .insertInto("organisation_policies")
        .values({ organisation_id: props.orgId, role: r.role, ...values })
        .onConflict((oc) => oc.columns(["organisation_id", "role"]).doUpdateSet(values))
        .execute();
      await recordAudit(trx, now, {
        organisationId: props.orgId,
        actorId: props.actor.accountId,
        action: "organisation.policy_updated",
        target: { type: "organisation", id: props.orgId },
        data: {
          role: r.role,
          idleMinutes: r.idleMinutes,
          absoluteMinutes: r.absoluteMinutes,
          mfaRequired: r.mfaRequired,
        },
      });
    }
  });
  return readOrganisationPolicy(ctx, props);
}

/**
 * Stores "no second factor required" for every staff role of an organisation
 * (default timeouts). Used by the demo organisation, whose printed logins
 * must work without an authenticator app, and by tests not about the second factor.
 */
export async function waiveSecondFactor(db: Db, orgId: string, now: number): Promise<void> {
  for (const role of ORGANISATION_STAFF_ROLES) {
    const values = {
      idle_ms: DEFAULT_POLICY.staff.idleMs,
      absolute_ms: DEFAULT_POLICY.staff.absoluteMs,
      mfa_required: 0,
      updated_by: null,
      updated_at: now,
    };
    await db
      .insertInto("organisation_policies")
      .values({ organisation_id: orgId, role, ...values })
      .onConflict((oc) => oc.columns(["organisation_id", "role"]).doUpdateSet(values))
      .execute();
  }
}
