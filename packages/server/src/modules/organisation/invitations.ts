// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { INVITATION_DEFAULT_HOURS, type InvitationView, type StaffRole } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { presentInvitation } from "./presenter-invitations";
import { recordAudit } from "../../core/audit";
import { newId, sha256 } from "../../core/ids";
import {
  findInvitationByTokenHash,
  findOrgInvitation,
  insertInvitation,
  listInvitationRows,
  markInvitationRevoked,
} from "./store-invitations";
import { orgLogStarted } from "./store-keys";
import { organisationExists } from "./store-organisations";
import { findOrgTeam } from "./store-teams";

type Db = Kysely<Database> | Transaction<Database>;

const HOUR = 3_600_000;
export const INVALID_INVITATION =
  "This invitation link is not valid (used, revoked or expired); ask an administrator for a new one";

/**
 * Stores a new invitation and returns its token — the only time the token
 * exists outside the invitee's link; the database keeps its SHA-256. Used by
 * the API (after authorisation) and by the operator CLI (no actor).
 */
export async function issueInvitation(
  db: Db,
  now: number,
  props: { orgId: string; role: StaffRole; teamId: string | null; createdBy: string | null; ttlMs: number },
): Promise<{ invitation: InvitationView; token: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const id = newId();
  const row = {
    id,
    organisation_id: props.orgId,
    role: props.role,
    team_id: props.teamId,
    token_hash: sha256(token),
    created_by: props.createdBy,
    created_at: now,
    expires_at: now + props.ttlMs,
    used_at: null,
    used_by: null,
    revoked_at: null,
  };
  const write = async (trx: Transaction<Database>) => {
    if (!(await organisationExists(trx, props.orgId))) throw new NotFoundError("No such organisation");
    if (props.teamId) {
      const team = await findOrgTeam(trx, props.orgId, props.teamId);
      if (!team) throw new NotFoundError("No such team");
    }
    await insertInvitation(trx, row);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.createdBy,
      action: "invitation.created",
      target: { type: "invitation", id },
      data: { role: props.role, teamId: props.teamId, expiresAt: row.expires_at },
    });
  };
  if (db.isTransaction) await write(db as Transaction<Database>);
  else await db.transaction().execute(write);
  return { invitation: presentInvitation(row, now), token };
}

export async function createInvitation(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; role: StaffRole; teamId?: string; expiresInHours?: number },
): Promise<{ invitation: InvitationView; token: string }> {
  authorize(props.actor, "invitation.create", { type: "organisation", organisationId: props.orgId });
  return issueInvitation(ctx.db.db, ctx.clock.now(), {
    orgId: props.orgId,
    role: props.role,
    teamId: props.teamId ?? null,
    createdBy: props.actor.accountId,
    ttlMs: (props.expiresInHours ?? INVITATION_DEFAULT_HOURS) * HOUR,
  });
}

export async function listInvitations(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<InvitationView[]> {
  authorize(props.actor, "invitation.list", { type: "organisation", organisationId: props.orgId });
  const rows = await listInvitationRows(ctx.db.db, props.orgId);
  const now = ctx.clock.now();
  return rows.map((r) => presentInvitation(r, now));
}

export async function revokeInvitation(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; invitationId: string },
): Promise<void> {
  authorize(props.actor, "invitation.revoke", { type: "organisation", organisationId: props.orgId });
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const row = await findOrgInvitation(trx, props.orgId, props.invitationId);
    if (!row) throw new NotFoundError("No such invitation");
    if (row.used_at !== null)
      throw new AppError("conflict", "This invitation has already been used; deactivate the account instead");
    if (row.revoked_at !== null) return;
    await markInvitationRevoked(trx, row.id, now);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "invitation.revoked",
      target: { type: "invitation", id: row.id },
    });
  });
}

/** The invitation behind a token if it can still be used; one error for every reason so links cannot be probed. */
export async function findUsableInvitation(db: Db, token: string, now: number) {
  const row = await findInvitationByTokenHash(db, sha256(token));
  if (!row || row.used_at !== null || row.revoked_at !== null || row.expires_at <= now)
    throw new AppError("invitation_invalid", INVALID_INVITATION);
  const logged = await orgLogStarted(db, row.organisation_id);
  return { ...row, role: row.role as StaffRole, needsGenesis: row.root_public_key === null && !logged };
}

export async function verifyInvitation(ctx: AppContext, token: string) {
  const inv = await findUsableInvitation(ctx.db.db, token, ctx.clock.now());
  return {
    organisationId: inv.organisation_id,
    organisationName: inv.organisation_name,
    role: inv.role,
    teamId: inv.team_id,
    expiresAt: inv.expires_at,
    needsGenesis: inv.needsGenesis,
  };
}
