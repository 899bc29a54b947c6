// SPDX-License-Identifier: AGPL-3.0-or-later
import type { InvitationView, StaffAccountView, StaffRole, TeamView } from "@obhut/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useT } from "../i18n/use-t";
import { CopyField } from "../mfa/copy-field";
import { type AdminContext, AdminPage, StatusMessage, useAction } from "./admin-shell";
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
import { joinTeam, leaveTeam, offboard } from "./team-ops";

export const STAFF_ROLES: readonly StaffRole[] = ["counsellor", "org_admin", "dpo", "report_office"];

/** The link a new staff member opens; the token stays in the fragment, which browsers never send. */
export const inviteLink = (token: string) => `${window.location.origin}/invite#token=${token}`;

export function UsersPage() {
  const { t } = useT();
  return (
    <AdminPage title={t("admin.users.title")} lead={t("admin.users.teamLead")}>
      {(admin) => <Users admin={admin} />}
    </AdminPage>
  );
}

function Users({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const [accounts, setAccounts] = useState<StaffAccountView[] | null>(null);
  const [teams, setTeams] = useState<TeamView[]>([]);
  const [invitations, setInvitations] = useState<InvitationView[]>([]);
  const [status, run] = useAction();
  const [link, setLink] = useState<string | null>(null);
  const [role, setRole] = useState<StaffRole>("counsellor");
  const [teamId, setTeamId] = useState("");
  const [confirming, setConfirming] = useState<string | null>(null);

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

  const invite = async (event: FormEvent) => {
    event.preventDefault();
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

  const deactivate = (account: StaffAccountView) =>
    run(t("admin.users.keysWorking"), t("admin.users.offboarded", { name: account.username }), async () => {
      setConfirming(null);
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

  return (
    <>
      <StatusMessage status={status} />
      <section className="section" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t("admin.users.inviteHeading")}</h2>
        <form className="form" onSubmit={(e) => void invite(e)}>
          <div className="field">
            <label htmlFor="invite-role">{t("admin.users.role")}</label>
            <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`admin.roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="invite-team">{t("admin.users.team")}</label>
            <select id="invite-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
              <option value="">{t("admin.users.noTeam")}</option>
              {teams.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--primary">
            {t("admin.users.inviteSubmit")}
          </button>
        </form>
        {link ? (
          <div className="notice notice--success">
            <p>{t("admin.users.linkOnce")}</p>
            <CopyField id="invite-link" label={t("admin.users.linkLabel")} value={link} />
          </div>
        ) : null}
        {invitations.length > 0 ? (
          <>
            <h3>{t("admin.users.pendingHeading")}</h3>
            <ul className="admin-list">
              {invitations.map((inv) => (
                <li key={inv.id} className="admin-card">
                  <p>
                    {t(`admin.roles.${inv.role}`)}
                    {inv.teamId ? ` · ${teamName(inv.teamId)}` : ""} ·{" "}
                    {t("admin.users.expires", { date: new Date(inv.expiresAt).toLocaleDateString() })}
                  </p>
                  <button type="button" className="button" onClick={() => void revoke(inv)}>
                    {t("admin.users.revokeInvitation")}
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="section" aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">{t("admin.users.accountsHeading")}</h2>
        {accounts === null ? <p>{t("admin.loading")}</p> : null}
        <ul className="admin-list">
          {(accounts ?? []).map((account) => (
            <AccountCard
              key={account.id}
              account={account}
              self={account.id === admin.accountId}
              teams={teams}
              teamName={teamName}
              confirming={confirming === account.id}
              onJoin={(team) => void join(account, team)}
              onLeave={(team) => void leave(account, team)}
              onAskDeactivate={() => setConfirming(account.id)}
              onCancel={() => setConfirming(null)}
              onDeactivate={() => void deactivate(account)}
              onEndSessions={() => void endSessions(account)}
              onResetFactor={() => void resetFactor(account)}
            />
          ))}
        </ul>
      </section>
    </>
  );
}

function AccountCard(props: {
  account: StaffAccountView;
  self: boolean;
  teams: TeamView[];
  teamName: (id: string) => string;
  confirming: boolean;
  onJoin: (teamId: string) => void;
  onLeave: (teamId: string) => void;
  onAskDeactivate: () => void;
  onCancel: () => void;
  onDeactivate: () => void;
  onEndSessions: () => void;
  onResetFactor: () => void;
}) {
  const { t } = useT();
  const { account } = props;
  const active = account.disabledAt === null;
  const open = props.teams.filter((x) => !account.teams.some((m) => m.teamId === x.id));
  const [team, setTeam] = useState("");
  const selectId = `join-${account.id}`;
  const factor = [
    account.secondFactor.totp ? t("admin.users.factorApp") : null,
    account.secondFactor.passkeys > 0
      ? t("admin.users.factorPasskeys", { count: account.secondFactor.passkeys })
      : null,
  ].filter(Boolean);
  return (
    <li className="admin-card" data-username={account.username}>
      <h3>{account.username}</h3>
      <dl className="admin-facts">
        <dt>{t("displayName.label")}</dt>
        <dd>{account.displayName ?? t("displayName.none")}</dd>
        <dt>{t("admin.users.role")}</dt>
        <dd>{t(`admin.roles.${account.role}`, { defaultValue: account.role })}</dd>
        <dt>{t("admin.users.state")}</dt>
        <dd className="account-state">{active ? t("admin.users.active") : t("admin.users.deactivated")}</dd>
        <dt>{t("admin.users.secondFactor")}</dt>
        <dd>{factor.length ? factor.join(", ") : t("admin.users.factorNone")}</dd>
        <dt>{t("admin.users.teams")}</dt>
        <dd>
          {account.teams.length === 0 ? t("admin.users.noTeams") : null}
          <ul className="admin-inline-list">
            {account.teams.map((m) => (
              <li key={m.teamId}>
                {props.teamName(m.teamId)}
                {m.role === "lead" ? ` (${t("admin.users.teamLead")})` : ""}{" "}
                {active ? (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t("admin.users.leaveLabel", { name: account.username, team: props.teamName(m.teamId) })}
                    onClick={() => props.onLeave(m.teamId)}
                  >
                    {t("admin.users.leave")}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {active && open.length > 0 ? (
        <div className="admin-row">
          <div className="field">
            <label htmlFor={selectId}>{t("admin.users.addToTeam", { name: account.username })}</label>
            <select id={selectId} value={team} onChange={(e) => setTeam(e.target.value)}>
              <option value="">{t("admin.users.chooseTeam")}</option>
              {open.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="button" disabled={!team} onClick={() => props.onJoin(team)}>
            {t("admin.users.join")}
          </button>
        </div>
      ) : null}
      {!props.self ? (
        <div className="actions">
          {active ? (
            <>
              <button type="button" className="button" onClick={props.onEndSessions}>
                {t("admin.users.endSessions")}
              </button>
              <button type="button" className="button" onClick={props.onResetFactor}>
                {t("admin.users.resetFactor")}
              </button>
              {props.confirming ? (
                <div className="notice notice--warn">
                  <p>{t("admin.users.deactivateConfirm", { name: account.username })}</p>
                  <div className="actions">
                    <button type="button" className="button button--primary" onClick={props.onDeactivate}>
                      {t("admin.users.deactivateYes")}
                    </button>
                    <button type="button" className="button" onClick={props.onCancel}>
                      {t("admin.users.cancel")}
                    </button>
                  </div>
                </div>
              ) : (
                <button type="button" className="button" onClick={props.onAskDeactivate}>
                  {t("admin.users.deactivate")}
                </button>
              )}
            </>
          ) : (
            <button type="button" className="button" onClick={props.onDeactivate}>
              {t("admin.users.finishOffboarding")}
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
}
