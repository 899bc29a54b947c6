// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OrganisationPolicyView, RolePolicyView } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import {
  DEFAULT_POLICY,
  MINUTE,
  ORGANISATION_STAFF_ROLES,
  authorize,
  ensureOrganisation,
  loadKeptDeviceIdleMs,
  loadPolicy,
} from "../../policies";
import { storeClientDevicePolicy, storeRolePolicy } from "./store-organisations";

/** The organisation's session and second-factor rules as admins read and change them; policies/ applies them. */

type Db = Kysely<Database> | Transaction<Database>;

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
      keptDeviceIdleMinutes: (await loadKeptDeviceIdleMs(ctx.db.db, props.orgId)) / MINUTE,
    },
  };
}

/**
 * Replaces the rules of the given roles; takes effect on the next request of
 * every open session. The clients' kept-device limit applies at the next
 * unlock of each kept device (modules/identity/devices.ts).
 */
export async function updateOrganisationPolicy(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; roles: RolePolicyView[]; client?: { keptDeviceIdleMinutes: number } },
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
      await storeRolePolicy(trx, props.orgId, r.role, values);
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
    if (props.client) {
      const idleMinutes = props.client.keptDeviceIdleMinutes;
      await storeClientDevicePolicy(trx, props.orgId, {
        idle_ms: idleMinutes * MINUTE,
        updated_by: props.actor.accountId,
        updated_at: now,
      });
      await recordAudit(trx, now, {
        organisationId: props.orgId,
        actorId: props.actor.accountId,
        action: "organisation.policy_updated",
        target: { type: "organisation", id: props.orgId },
        data: { role: "client", keptDeviceIdleMinutes: idleMinutes },
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
    await storeRolePolicy(db, orgId, role, values);
  }
}
