// SPDX-License-Identifier: AGPL-3.0-or-later
import { type StaffAccountView, type StaffDirectoryEntry, StaffRole, type TeamView } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { presentStaffAccount } from "./presenter-admin";
import { recordAudit } from "../../core/audit";
import { oweRotationAfterAdminRemoval, syncTeamCases } from "../cases";
import { leaveStaffChats } from "../messaging";
import { type AnnounceContext, announceEndedSessions, endSessionsOf, orgStaffAccount } from "../identity";
import { orgAdminStates } from "./org-log";
import { deleteOrgKeyWrapsOf } from "./store-keys";
import {
  deleteDeviceKeysOf,
  listConfirmedTotpOf,
  listPasskeysOf,
  listStaffAccountRows,
  markAccountDisabled,
  setStaffRole,
} from "./store-accounts";
import {
  findTeam,
  findTeamRole,
  listActiveTeamMembers,
  listOrganisationTeams,
  listTeamMembershipsOf,
  listTeamRolesOf,
  removeFromAllTeams,
} from "./store-teams";

type Db = Kysely<Database> | Transaction<Database>;

/** Staff accounts of an organisation with their teams and second-factor state, in one pass. */
export async function loadStaffAccounts(db: Db, orgId: string, accountId?: string): Promise<StaffAccountView[]> {
  const accounts = await listStaffAccountRows(db, orgId, accountId);
  if (accounts.length === 0) return [];
  const ids = accounts.map((a) => a.id);
  const [teams, totp, passkeys] = await Promise.all([
    listTeamMembershipsOf(db, ids),
    listConfirmedTotpOf(db, ids),
    listPasskeysOf(db, ids),
  ]);
  return accounts.map((a) =>
    presentStaffAccount(a, {
      teams: teams.filter((t) => t.account_id === a.id),
      totp: totp.some((t) => t.account_id === a.id),
      passkeys: passkeys.filter((p) => p.account_id === a.id).length,
    }),
  );
}

export async function listStaffAccounts(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<StaffAccountView[]> {
  authorize(props.actor, "account.list", { type: "organisation", organisationId: props.orgId });
  return loadStaffAccounts(ctx.db.db, props.orgId);
}

/**
 * The organisation must keep an administrator whose keys the log certifies:
 * without one nobody could sign log entries (add a member, rotate a team
 * key) or hold the organisation keys. Removing an active admin therefore
 * needs another active, confirmed admin; pending admins do not count.
 */
async function refuseLastConfirmedAdmin(db: Db, orgId: string, accountId: string): Promise<void> {
  const admins = await orgAdminStates(db, orgId);
  if (!admins.some((a) => a.id === accountId)) return;
  if (!admins.some((a) => a.id !== accountId && a.confirmed))
    throw new AppError(
      "last_admin",
      "This is the organisation's last confirmed administrator; confirm another administrator first",
    );
}

/**
 * Deactivates a staff member: no further logins (disabled_at), every session
 * ends now (also on open WebSockets of every node) and team memberships are
 * removed, and they leave their staff chats and channels (each owes a new
 * epoch, ADR 0042), all in one transaction. What the server cannot do — removing the
 * member's key from the organisation log and rotating team keys — an admin's
 * browser does next with the key endpoints; the member's existing wraps
 * then only open generations they could already read.
 */
export async function deactivateAccount(
  ctx: Pick<AppContext, "db" | "clock"> & AnnounceContext,
  props: { actor: Actor | null; orgId: string; accountId: string },
): Promise<{ account: StaffAccountView; endedSessions: number; teamsLeft: number }> {
  if (props.actor)
    authorize(props.actor, "account.deactivate", {
      type: "account",
      organisationId: props.orgId,
      accountId: props.accountId,
    });
  const now = ctx.clock.now();
  const result = await ctx.db.db.transaction().execute(async (trx) => {
    const target = await orgStaffAccount(trx, props.orgId, props.accountId);
    if (target.disabled_at === null) {
      // The operator's CLI may still do it (a compromised last admin must be stoppable); the console may not.
      if (props.actor) await refuseLastConfirmedAdmin(trx, props.orgId, target.id);
      await markAccountDisabled(trx, target.id, now);
    }
    // A former admin keeps no organisation key: the remaining admins rotate the archive key (ADR 0026).
    const orgKeyWraps = await deleteOrgKeyWrapsOf(trx, target.id);
    // They held the archive key and, as custodian, every team key: every open case owes a new epoch (ADR 0029).
    if (orgKeyWraps > 0) await oweRotationAfterAdminRemoval(trx, props.orgId, now);
    const teams = await removeFromAllTeams(trx, target.id);
    // Their case access ends with their team membership; the history stays.
    for (const t of teams) await syncTeamCases(trx, now, t.team_id);
    // Their chats and channels hold epoch keys wrapped to their own key: they leave, and each owes a new epoch.
    const chatsLeft = await leaveStaffChats(trx, target.id, now);
    const ended = await endSessionsOf(trx, { accountId: target.id, now });
    // Remembered browsers could otherwise open the keys again if the account were reactivated.
    await deleteDeviceKeysOf(trx, target.id);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor?.accountId ?? null,
      action: "account.deactivated",
      target: { type: "account", id: target.id },
      data: {
        teamsLeft: teams.length,
        chatsLeft,
        sessionsEnded: ended.length,
        orgKeyWraps,
        via: props.actor ? "api" : "cli",
      },
    });
    return { ended, teamsLeft: teams.length };
  });
  await announceEndedSessions(ctx, result.ended);
  const [account] = await loadStaffAccounts(ctx.db.db, props.orgId, props.accountId);
  return { account: account!, endedSessions: result.ended.length, teamsLeft: result.teamsLeft };
}

/**
 * Changes a staff member's role; it applies from their next request (the
 * session reads the role each time). Promotion to `org_admin` makes a
 * *pending* administrator: the keys follow when a confirmed admin confirms
 * them in the console (ADR 0026). Demotion of an administrator is refused
 * for the last confirmed one and deletes their organisation key wraps; the
 * acting admin's browser then appends `admin-removed` and rotates the
 * archive and team keys.
 */
export async function changeAccountRole(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; accountId: string; role: StaffRole },
): Promise<StaffAccountView> {
  authorize(props.actor, "account.role.change", {
    type: "account",
    organisationId: props.orgId,
    accountId: props.accountId,
  });
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const [row] = await listStaffAccountRows(trx, props.orgId, props.accountId);
    if (!row) throw new NotFoundError("No such account");
    if (row.disabled_at !== null) throw new AppError("conflict", "The account is deactivated");
    if (row.role === props.role) return;
    let orgKeyWraps = 0;
    if (row.role === "org_admin") {
      await refuseLastConfirmedAdmin(trx, props.orgId, row.id);
      orgKeyWraps = await deleteOrgKeyWrapsOf(trx, row.id);
      if (orgKeyWraps > 0) await oweRotationAfterAdminRemoval(trx, props.orgId, now);
    }
    await setStaffRole(trx, row.id, props.role);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "account.role_changed",
      target: { type: "account", id: row.id },
      data: { from: row.role, to: props.role, source: "console", orgKeyWraps },
    });
  });
  const [account] = await loadStaffAccounts(ctx.db.db, props.orgId, props.accountId);
  return account!;
}

/**
 * The organisation's teams with their names and the caller's role in each:
 * staff need the names to hand a case to another team, and the web app
 * uses `myRole` to send counsellors to their inbox after login.
 */
export async function listTeams(ctx: AppContext, props: { actor: Actor; orgId: string }): Promise<TeamView[]> {
  authorize(props.actor, "team.list", { type: "organisation", organisationId: props.orgId });
  const [teams, mine] = await Promise.all([
    listOrganisationTeams(ctx.db.db, props.orgId),
    listTeamRolesOf(ctx.db.db, props.actor.accountId),
  ]);
  const roleIn = new Map(mine.map((m) => [m.team_id, m.role]));
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    agencyId: t.agency_id,
    isIntake: Number(t.is_intake) === 1,
    myRole: roleIn.get(t.id) ?? null,
  }));
}

/**
 * The organisation's staff directory for colleagues (e.g. "Neuer Chat"): active staff accounts with display name,
 * role and teams. Clients are never listed (they belong to no organisation), nor disabled accounts.
 */
export async function listStaffDirectory(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<StaffDirectoryEntry[]> {
  authorize(props.actor, "staff.directory.read", { type: "organisation", organisationId: props.orgId });
  const isStaffRole = (role: string): role is StaffRole => (StaffRole.options as readonly string[]).includes(role);
  const accounts = (await listStaffAccountRows(ctx.db.db, props.orgId)).filter(
    (a) => a.disabled_at === null && isStaffRole(a.role),
  );
  if (accounts.length === 0) return [];
  const teams = await listTeamMembershipsOf(
    ctx.db.db,
    accounts.map((a) => a.id),
  );
  return accounts.map((a) => ({
    accountId: a.id,
    username: a.username,
    displayName: a.display_name ?? null,
    role: a.role as StaffRole,
    teams: teams.filter((t) => t.account_id === a.id).map((t) => ({ teamId: t.team_id, role: t.role })),
  }));
}

export async function listTeamMembers(ctx: AppContext, props: { actor: Actor; orgId: string; teamId: string }) {
  const team = await findTeam(ctx.db.db, props.teamId);
  const own = await findTeamRole(ctx.db.db, props.teamId, props.actor.accountId);
  // A team of another organisation is checked against the path's organisation, so it is "not found" either way.
  authorize(props.actor, "team.members.read", {
    type: "team",
    organisationId: props.orgId,
    teamId: props.teamId,
    actorTeamRole: own?.role ?? null,
  });
  if (!team || team.organisation_id !== props.orgId) throw new NotFoundError("No such team");
  const rows = await listActiveTeamMembers(ctx.db.db, props.teamId);
  return rows.map((r) => ({ accountId: r.id, username: r.username, role: r.role }));
}
