// SPDX-License-Identifier: AGPL-3.0-or-later
import type { InvitationView, StaffAccountView, StaffRole } from "@obhut/protocol";
import { useState } from "react";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { useStatusAction } from "./admin-status";
import {
  addTeamMember,
  changeAccountRole,
  createInvitation,
  deactivateAccount,
  issueAccountReset,
  listAccountResets,
  listAccounts,
  listInvitations,
  listTeams,
  publicKeys,
  removeTeamMember,
  resetSecondFactor,
  revokeInvitation,
  revokeSessions,
} from "./endpoints";
import { inviteLink, resetLinkFor } from "./staff-roles";
import {
  adminEntries,
  confirmAdmin,
  removeAdmin,
  rotateOrgKeysIfOwed,
  rotateTeamsAfterAdminRemoval,
} from "./admin-keys";
import { adoptResetKeys, type ResetState, resetStates } from "./reset-keys";
import { joinTeam, leaveTeam, offboard } from "./team-ops";

const NOT_CONFIRMED = "admin_not_confirmed";

/**
 * The users page's data and actions: accounts, teams and pending
 * invitations, reloaded after every change; one status for the page.
 */
export function useUsers(admin: AdminContext) {
  const { t } = useT();
  const { api, orgId } = admin;
  const data = useLoad(
    async (signal) => {
      // Another admin may have handed me keys (a confirmation) since the key ring last asked the server.
      admin.ops.refresh();
      const [a, tm, inv, log, rs] = await Promise.all([
        api.request(listAccounts, { params: { orgId }, signal }),
        api.request(listTeams, { params: { orgId }, signal }),
        api.request(listInvitations, { params: { orgId }, signal }),
        // Verified in this browser: which administrators the log certifies. A log that fails to verify shows none.
        admin.ops.log.load().catch(() => null),
        api.request(listAccountResets, { params: { orgId }, signal }),
      ]);
      const resets = await resetStates({
        resets: rs.resets,
        accounts: a.accounts,
        selfId: admin.accountId,
        log,
        now: Date.now(),
        publicKeys: (accountId) => api.request(publicKeys, { params: { orgId, accountId }, signal }),
      });
      return {
        accounts: a.accounts,
        admins: log ? adminEntries(log, a.accounts) : null,
        teams: tm.teams,
        invitations: inv.invitations.filter((i) => i.status === "pending"),
        resets,
      };
    },
    [api, orgId, admin.ops],
  );
  const load = data.reload;
  const loaded = data.kind === "ready" ? data.value : null;
  // A failed first load shows an empty list rather than "loading" for ever.
  const accounts = loaded?.accounts ?? (data.kind === "failed" ? [] : null);
  const teams = loaded?.teams ?? [];
  const invitations = loaded?.invitations ?? [];
  const admins = loaded?.admins ?? null;
  const resets = loaded?.resets ?? new Map<string, ResetState>();
  // A pending administrator's own signatures are refused by the log: say why instead of showing the code.
  const pendingSelf = admins?.some((a) => a.account.id === admin.accountId && !a.confirmed) ?? false;
  const { status, run, progress } = useStatusAction((code) =>
    code === "last_admin"
      ? t("admin.admins.lastAdminRefused")
      : code === NOT_CONFIRMED || (code === "bad_signature" && pendingSelf)
        ? t("admin.admins.notConfirmedYet")
        : undefined,
  );
  // Refused before the server changes anything: a membership without its log entry and key would be half done.
  const confirmedFirst = () => {
    if (pendingSelf) throw Object.assign(new Error("administrator not confirmed"), { code: NOT_CONFIRMED });
  };
  const [link, setLink] = useState<string | null>(null);
  const [resetLink, setResetLink] = useState<{ accountId: string; link: string; expiresAt: number } | null>(null);

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
        confirmedFirst();
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
        confirmedFirst();
        await api.request(removeTeamMember, { params: { orgId, teamId: team, accountId: account.id } });
        await leaveTeam(admin.ops, { teamId: team, accountId: account.id });
        await load();
      },
    );

  /** `started` runs once the action is under way (not when another one is still running). */
  const deactivate = (account: StaffAccountView, started: () => void) =>
    run(t("admin.users.keysWorking"), t("admin.users.offboarded", { name: account.username }), async () => {
      confirmedFirst();
      started();
      if (account.disabledAt === null)
        await api.request(deactivateAccount, { params: { orgId, accountId: account.id } });
      const result = await offboard(admin.ops, {
        accountId: account.id,
        onTeamRotated: (done, total) => progress(t("admin.users.offboardProgress", { done, total })),
      });
      // An administrator left: the root, archive and team keys they held are replaced (ADR 0026).
      await rotateOrgKeysIfOwed(admin.ops);
      if (account.role === "org_admin")
        await rotateTeamsAfterAdminRemoval(admin.ops, new Set(result.teams.map((x) => x.teamId)));
      await load();
      return result;
    });

  /**
   * A new role. Promotion to administrator leaves them pending until confirmed; demoting an administrator
   * removes their admin key from the log and rotates the archive and team keys they held (ADR 0026).
   */
  const changeRole = (account: StaffAccountView, role: StaffRole) =>
    run(
      t("admin.users.keysWorking"),
      t("admin.users.roleChanged", { name: account.username, role: t(`admin.roles.${role}`) }),
      async () => {
        const demoting = account.role === "org_admin" && role !== "org_admin";
        if (demoting) confirmedFirst();
        await api.request(changeAccountRole, { params: { orgId, accountId: account.id }, body: { role } });
        if (demoting) {
          await removeAdmin(admin.ops, { accountId: account.id });
          await rotateOrgKeysIfOwed(admin.ops);
          await rotateTeamsAfterAdminRemoval(admin.ops);
        }
        await load();
      },
    );

  /** Certifies a pending administrator's keys in the log and hands over the organisation and team keys. */
  const confirm = (account: StaffAccountView) =>
    run(t("admin.users.keysWorking"), t("admin.admins.confirmed", { name: account.username }), async () => {
      await confirmAdmin(admin.ops, { accountId: account.id });
      await load();
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

  /** A one-time link for a staff member who lost password and recovery code (shown on their card). */
  const issueReset = (account: StaffAccountView) =>
    run(t("adminReset.working"), t("adminReset.issued", { name: account.username }), async () => {
      const res = await api.request(issueAccountReset, { params: { orgId, accountId: account.id } });
      setResetLink({ accountId: account.id, link: resetLinkFor(res.resetToken), expiresAt: res.expiresAt });
      await load();
    });

  /** After the person redeemed the link and read out the fingerprint: certify the new keys (reset-keys.ts). */
  const adoptKeys = (account: StaffAccountView, signingPublicKey: string) =>
    run(t("admin.users.keysWorking"), t("adminReset.adopted", { name: account.username }), async () => {
      confirmedFirst();
      await adoptResetKeys(admin.ops, { account, signingPublicKey });
      setResetLink(null);
      await load();
    });

  const revoke = (invitation: InvitationView) =>
    run(t("admin.working"), t("admin.users.invitationRevoked"), async () => {
      await api.request(revokeInvitation, { params: { orgId, invitationId: invitation.id } });
      await load();
    });

  return {
    accounts,
    admins,
    teams,
    invitations,
    resets,
    resetLink,
    status,
    link,
    teamName,
    invite,
    join,
    leave,
    deactivate,
    changeRole,
    confirm,
    endSessions,
    resetFactor,
    issueReset,
    adoptKeys,
    revoke,
  };
}
