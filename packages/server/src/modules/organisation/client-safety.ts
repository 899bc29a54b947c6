// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ClientSafetyView } from "@obhut/protocol";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import type { AppContext } from "../../core/context";
import { NotFoundError } from "../../core/errors";
import { authorize, ensureOrganisation } from "../../policies";
import { findClientSafety, storeClientSafety } from "./store-client-safety";
import { organisationExists } from "./store-organisations";

/**
 * Where quick exit leads on an organisation's client pages (issue #15,
 * item 9). Admins set it, the DPO sees it, and anyone may read it without a
 * login: the client's browser must know it before anything else, and it is
 * no secret (it is where the button visibly goes).
 */

const NONE: ClientSafetyView = { quickExitUrl: null, updatedAt: null };

export async function readClientSafety(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<ClientSafetyView> {
  authorize(props.actor, "organisation.client_safety.read", { type: "organisation", organisationId: props.orgId });
  await ensureOrganisation(ctx.db.db, props.orgId);
  const row = await findClientSafety(ctx.db.db, props.orgId);
  return row ? { quickExitUrl: row.quick_exit_url, updatedAt: row.updated_at } : NONE;
}

/** Sets (or with null clears) the target; audited with the address, which is configuration, not content. */
export async function updateClientSafety(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; quickExitUrl: string | null },
): Promise<ClientSafetyView> {
  authorize(props.actor, "organisation.client_safety.update", { type: "organisation", organisationId: props.orgId });
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await ensureOrganisation(trx, props.orgId);
    await storeClientSafety(trx, props.orgId, {
      quick_exit_url: props.quickExitUrl,
      updated_by: props.actor.accountId,
      updated_at: now,
    });
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "organisation.client_safety_updated",
      target: { type: "organisation", id: props.orgId },
      data: { quickExitUrl: props.quickExitUrl },
    });
  });
  return { quickExitUrl: props.quickExitUrl, updatedAt: now };
}

/** The public answer for client pages; an unknown organisation is 404 like every public lookup. */
export async function publicQuickExitTarget(ctx: AppContext, orgId: string): Promise<string | null> {
  if (!(await organisationExists(ctx.db.db, orgId))) throw new NotFoundError("No such organisation");
  return (await findClientSafety(ctx.db.db, orgId))?.quick_exit_url ?? null;
}
