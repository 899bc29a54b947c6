// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database, TeamMembersTable } from "../../infra/db/schema";

/**
 * What compliance needs to know about organisations, cases, team members
 * and staff accounts to resolve a subject (subjects.ts) or check a name
 * given with a consent. Reads only; nothing is decided here.
 */
type Db = Kysely<Database> | Transaction<Database>;

/** What a case-level permission check needs of a case. */
export interface SubjectCaseRow {
  id: string;
  organisation_id: string;
  client_id: string;
  assignee_id: string | null;
  team_id: string;
}

export async function organisationExists(db: Db, orgId: string): Promise<boolean> {
  const org = await db.selectFrom("organisations").select("id").where("id", "=", orgId).executeTakeFirst();
  return org !== undefined;
}

/** The account's role in the team, if it is a member. */
export function findTeamMembership(
  db: Db,
  teamId: string,
  accountId: string,
): Promise<Pick<TeamMembersTable, "role"> | undefined> {
  return db
    .selectFrom("team_members")
    .select("role")
    .where("team_id", "=", teamId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

/** A case of this organisation. */
export function findCaseInOrganisation(db: Db, caseId: string, orgId: string): Promise<SubjectCaseRow | undefined> {
  return db
    .selectFrom("cases")
    .select(["id", "organisation_id", "client_id", "assignee_id", "team_id"])
    .where("id", "=", caseId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
}

/** The cases a client has with this organisation. */
export function listClientCasesInOrganisation(db: Db, clientId: string, orgId: string): Promise<SubjectCaseRow[]> {
  return db
    .selectFrom("cases")
    .select(["id", "organisation_id", "client_id", "assignee_id", "team_id"])
    .where("client_id", "=", clientId)
    .where("organisation_id", "=", orgId)
    .execute();
}

/** A case of this organisation with its client only. */
export function findCaseClient(
  db: Db,
  caseId: string,
  orgId: string,
): Promise<{ id: string; client_id: string } | undefined> {
  return db
    .selectFrom("cases")
    .select(["id", "client_id"])
    .where("id", "=", caseId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
}

/** Whether the account is staff of this organisation (disabled or not). */
export async function isStaffOfOrganisation(db: Db, accountId: string, orgId: string): Promise<boolean> {
  const staff = await db
    .selectFrom("accounts")
    .select("id")
    .where("id", "=", accountId)
    .where("organisation_id", "=", orgId)
    .where("kind", "=", "staff")
    .executeTakeFirst();
  return staff !== undefined;
}

/** Active (not disabled) staff of the organisation, by username. */
export function listActiveStaff(db: Db, orgId: string) {
  return db
    .selectFrom("accounts")
    .select(["id", "username", "role"])
    .where("organisation_id", "=", orgId)
    .where("kind", "=", "staff")
    .where("disabled_at", "is", null)
    .orderBy("username")
    .execute();
}
