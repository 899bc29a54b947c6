// SPDX-License-Identifier: AGPL-3.0-or-later
import type { InvitationView, StaffAccountView, StaffRole, TeamView } from "@obhut/protocol";
import { useCallback, useEffect, useState } from "react";
import { useT } from "../i18n/use-t";
import { type AdminContext } from "./admin-context";
import { useAction } from "./admin-status";
import {
  addTeamMember,
  createInvitation,
  deactivateAccount,
  listAccounts,
  listInvitations,
  listTeams,
  removeTeamMember,
  resetSecondFactor,
  revokeInvitation,
  revokeSessions,
} from "./endpoints";
import { inviteLink } from "./staff-roles";
import { joinTeam, leaveTeam, offboard } from "./team-ops";

/**
 * The users page's data and actions: accounts, teams and pending
 * invitations, reloaded after every change; one status for the page.
 */
export function useUsers(admin: AdminContext) {
  const { t } = useT();
  const { api, orgId } = admin;
  const [accounts, setAccounts] = useState<StaffAccountView[] | null>(null);
  const [teams, setTeams] = useState<TeamView[]>([]);
  const [invitations, setInvitations] = useState<InvitationView[]>([]);
  const [status, run] = useAction();
  const [link, setLink] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [a, tm, inv] = await Promise.all([
      api.request(listAccounts, { params: { orgId } }),
      api.request(listTeams, { params: { orgId } }),
      api.request(listInvitations, { params: { orgId } }),
    ]);
    setAccounts(a.accounts);
    setTeams(tm.teams);
    setInvitations(inv.invitations.filter((i) => i.status === "pending"));
  }, [api, orgId]);

  useEffect(() => {
    void load().catch(() => setAccounts([]));
  }, [load]);

  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? id;

  const invite = async (role: StaffRole, teamId: string) => {
    setLink(null);
    await run(t("admin.working"), t("admin.users.invited"), async () => {
      const res = await api.request(createInvitation, {
        params: { orgId },
        body: { role, ...(teamId ? { teamId } : {}) },
      });
      setLink(inviteLink(res.token));
      await load();
    });
  };

  const join = (account: StaffAccountView, team: string) =>
    run(
      t("admin.users.keysWorking"),
      t("admin.users.joined", { name: account.username, team: teamName(team) }),
      async () => {
        await api.request(addTeamMember, {
          params: { orgId, teamId: team },
          body: { accountId: account.id, role: "member" },
        });
        await joinTeam(admin.ops, { teamId: team, accountId: account.id });
        await load();
      },
    );

  const leave = (account: StaffAccountView, team: string) =>
    run(
      t("admin.users.keysWorking"),
      t("admin.users.left", { name: account.username, team: teamName(team) }),
      async () => {
        await api.request(removeTeamMember, { params: { orgId, teamId: team, accountId: account.id } });
        await leaveTeam(admin.ops, { teamId: team, accountId: account.id });
        await load();
      },
    );

  /** `started` runs once the action is under way (not when another one is still running). */
  const deactivate = (account: StaffAccountView, started: () => void) =>
    run(t("admin.users.keysWorking"), t("admin.users.offboarded", { name: account.username }), async () => {
      started();
      if (account.disabledAt === null)
        await api.request(deactivateAccount, { params: { orgId, accountId: account.id } });
      const result = await offboard(admin.ops, { accountId: account.id });
      await load();
      return result;
    });

  const endSessions = (account: StaffAccountView) =>
    run(t("admin.working"), t("admin.users.sessionsEnded", { name: account.username }), () =>
      api.request(revokeSessions, { params: { orgId, accountId: account.id } }),
    );

  const resetFactor = (account: StaffAccountView) =>
    run(t("admin.working"), t("admin.users.factorReset", { name: account.username }), async () => {
      await api.request(resetSecondFactor, { params: { orgId, accountId: account.id } });
      await load();
    });

  const revoke = (invitation: InvitationView) =>
    run(t("admin.working"), t("admin.users.invitationRevoked"), async () => {
      await api.request(revokeInvitation, { params: { orgId, invitationId: invitation.id } });
      await load();
    });

  return {
    accounts,
    teams,
    invitations,
    status,
    link,
    teamName,
    invite,
    join,
    leave,
    deactivate,
    endSessions,
    resetFactor,
    revoke,
  };
}
