// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Insertable, Kysely, Transaction } from "kysely";
import type { Database, TeamsTable } from "../../infra/db/schema";

/**
 * Team and team-membership rows: the server's directory of who is in which
 * team. No authorisation here — the services decide, then call these.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;
type TeamRole = "member" | "lead";

/** The organisation's teams, by name. */
export async function listOrganisationTeams(
  db: Db,
  orgId: string,
): Promise<Pick<TeamsTable, "id" | "name" | "agency_id" | "is_intake">[]> {
  return db
    .selectFrom("teams")
    .select(["id", "name", "agency_id", "is_intake"])
    .where("organisation_id", "=", orgId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/** A team by id, with the organisation it belongs to (callers compare it with the path's). */
export async function findTeam(db: Db, teamId: string): Promise<{ id: string; organisation_id: string } | undefined> {
  return db.selectFrom("teams").select(["id", "organisation_id"]).where("id", "=", teamId).executeTakeFirst();
}

/** A team of this organisation, if it is one. */
export async function findOrgTeam(db: Db, orgId: string, teamId: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("teams")
    .select("id")
    .where("id", "=", teamId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
}

/** Those of the given teams that belong to this organisation. */
export async function listOrgTeams(db: Db, orgId: string, teamIds: string[]): Promise<{ id: string }[]> {
  return db.selectFrom("teams").select("id").where("organisation_id", "=", orgId).where("id", "in", teamIds).execute();
}

export async function insertTeam(trx: Trx, row: Insertable<TeamsTable>): Promise<void> {
  await trx.insertInto("teams").values(row).execute();
}

/** The account's role in the team, if it is a member. */
export async function findTeamRole(db: Db, teamId: string, accountId: string): Promise<{ role: TeamRole } | undefined> {
  return db
    .selectFrom("team_members")
    .select("role")
    .where("team_id", "=", teamId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

/** The teams an account is in, with its role in each. */
export async function listTeamRolesOf(db: Db, accountId: string): Promise<{ team_id: string; role: TeamRole }[]> {
  return db.selectFrom("team_members").select(["team_id", "role"]).where("account_id", "=", accountId).execute();
}

/** The team memberships of several accounts. */
export async function listTeamMembershipsOf(
  db: Db,
  accountIds: string[],
): Promise<{ account_id: string; team_id: string; role: TeamRole }[]> {
  return db
    .selectFrom("team_members")
    .select(["account_id", "team_id", "role"])
    .where("account_id", "in", accountIds)
    .execute();
}

/** The members of several teams. */
export async function listMembersOfTeams(
  db: Db,
  teamIds: string[],
): Promise<{ team_id: string; account_id: string }[]> {
  return db.selectFrom("team_members").select(["team_id", "account_id"]).where("team_id", "in", teamIds).execute();
}

/** A team's members whose accounts are active, by login name. */
export async function listActiveTeamMembers(
  db: Db,
  teamId: string,
): Promise<{ id: string; username: string; role: TeamRole }[]> {
  return db
    .selectFrom("team_members")
    .innerJoin("accounts", "accounts.id", "team_members.account_id")
    .select(["accounts.id", "accounts.username", "team_members.role"])
    .where("team_members.team_id", "=", teamId)
    .where("accounts.disabled_at", "is", null)
    .orderBy("accounts.username")
    .execute();
}

export async function insertTeamMember(
  trx: Trx,
  member: { teamId: string; accountId: string; role: TeamRole; addedAt: number },
): Promise<void> {
  await trx
    .insertInto("team_members")
    .values({ team_id: member.teamId, account_id: member.accountId, role: member.role, added_at: member.addedAt })
    .execute();
}

export async function setTeamMemberRole(trx: Trx, teamId: string, accountId: string, role: TeamRole): Promise<void> {
  await trx
    .updateTable("team_members")
    .set({ role })
    .where("team_id", "=", teamId)
    .where("account_id", "=", accountId)
    .execute();
}

/** Removes one membership; returns how many rows went (0 if it was not one). */
export async function deleteTeamMember(trx: Trx, teamId: string, accountId: string): Promise<number> {
  const removed = await trx
    .deleteFrom("team_members")
    .where("team_id", "=", teamId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return Number(removed.numDeletedRows);
}

/** Removes every membership of an account; returns the teams it left. */
export async function removeFromAllTeams(trx: Trx, accountId: string): Promise<{ team_id: string }[]> {
  return trx.deleteFrom("team_members").where("account_id", "=", accountId).returning("team_id").execute();
}
