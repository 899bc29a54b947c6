// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database, InvitationsTable } from "../../infra/db/schema";

/** Invitation rows; only the token's hash is ever stored or looked up. */

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

export async function insertInvitation(trx: Trx, row: InvitationsTable): Promise<void> {
  await trx.insertInto("invitations").values(row).execute();
}

/** The organisation's newest invitations (at most 500). */
export async function listInvitationRows(db: Db, orgId: string): Promise<InvitationsTable[]> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where("organisation_id", "=", orgId)
    .orderBy("created_at", "desc")
    .limit(500)
    .execute();
}

/** An invitation of this organisation, with whether it was used or revoked. */
export async function findOrgInvitation(
  db: Db,
  orgId: string,
  invitationId: string,
): Promise<Pick<InvitationsTable, "id" | "used_at" | "revoked_at"> | undefined> {
  return db
    .selectFrom("invitations")
    .select(["id", "used_at", "revoked_at"])
    .where("id", "=", invitationId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
}

export async function markInvitationRevoked(trx: Trx, invitationId: string, now: number): Promise<void> {
  await trx.updateTable("invitations").set({ revoked_at: now }).where("id", "=", invitationId).execute();
}

/** The invitation with this token hash and its organisation's name and root key, whatever its state. */
export async function findInvitationByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom("invitations")
    .innerJoin("organisations", "organisations.id", "invitations.organisation_id")
    .select([
      "invitations.id",
      "invitations.organisation_id",
      "invitations.role",
      "invitations.team_id",
      "invitations.expires_at",
      "invitations.used_at",
      "invitations.revoked_at",
      "organisations.name as organisation_name",
      "organisations.root_public_key",
    ])
    .where("invitations.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/**
 * Marks the invitation used if it still is usable (unused, unrevoked,
 * unexpired) — a conditional UPDATE, so of two concurrent claims exactly
 * one gets the row; undefined for the other.
 */
export async function claimInvitation(
  trx: Trx,
  invitationId: string,
  props: { usedBy: string; now: number },
): Promise<Pick<InvitationsTable, "id" | "organisation_id" | "role" | "team_id"> | undefined> {
  return trx
    .updateTable("invitations")
    .set({ used_at: props.now, used_by: props.usedBy })
    .where("id", "=", invitationId)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", props.now)
    .returning(["id", "organisation_id", "role", "team_id"])
    .executeTakeFirst();
}
