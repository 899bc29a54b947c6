// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OrganisationView } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { presentOrganisation } from "./presenter-organisations";
import { recordAudit } from "../../core/audit";
import { newId } from "../../core/ids";
import { findOrganisation, insertOrganisation } from "./store-organisations";

export async function getOrganisation(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<OrganisationView> {
  authorize(props.actor, "organisation.read", { type: "organisation", organisationId: props.orgId });
  const row = await findOrganisation(ctx.db.db, props.orgId);
  if (!row) throw new NotFoundError("No such organisation");
  return presentOrganisation(row);
}

/**
 * Creates an empty organisation (operator, via the CLI). It has no root key
 * and no log yet: its first admin's browser creates the genesis when they
 * accept the invitation the CLI prints (see modules/organisation/invitations.ts).
 */
export async function createOrganisation(
  ctx: Pick<AppContext, "db" | "clock">,
  props: { name: string },
): Promise<OrganisationView> {
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertOrganisation(trx, { id, name: props.name, root_public_key: null, created_at: now });
    await recordAudit(trx, now, {
      organisationId: id,
      actorId: null,
      action: "organisation.created",
      target: { type: "organisation", id },
      data: { via: "cli" },
    });
  });
  return { id, name: props.name, rootPublicKey: null, createdAt: now };
}
