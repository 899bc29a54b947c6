// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffAccountView, TeamView } from "@obhut/protocol";
import { useState } from "react";
import { useT } from "../i18n/use-t";
import { AccountActions, type AccountActionHandlers } from "./account-actions";
import type { ResetProps } from "./account-reset-panel";

/** One staff account on the users page: facts, team memberships, joining a team, and the account actions. */
export function AccountCard(
  props: {
    account: StaffAccountView;
    self: boolean;
    teams: TeamView[];
    teamName: (id: string) => string;
    confirming: boolean;
    onJoin: (teamId: string) => void;
    onLeave: (teamId: string) => void;
  } & AccountActionHandlers &
    ResetProps,
) {
  const { t } = useT();
  const { account } = props;
  const active = account.disabledAt === null;
  const open = props.teams.filter((x) => !account.teams.some((m) => m.teamId === x.id));
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
          <Memberships account={account} active={active} teamName={props.teamName} onLeave={props.onLeave} />
        </dd>
      </dl>
      {active && open.length > 0 ? <JoinTeam account={account} open={open} onJoin={props.onJoin} /> : null}
      {!props.self ? <AccountActions {...props} active={active} /> : null}
    </li>
  );
}

function Memberships({
  account,
  active,
  teamName,
  onLeave,
}: {
  account: StaffAccountView;
  active: boolean;
  teamName: (id: string) => string;
  onLeave: (teamId: string) => void;
}) {
  const { t } = useT();
  return (
    <>
      {account.teams.length === 0 ? t("admin.users.noTeams") : null}
      <ul className="admin-inline-list">
        {account.teams.map((m) => (
          <li key={m.teamId}>
            {teamName(m.teamId)}
            {m.role === "lead" ? ` (${t("admin.users.teamLead")})` : ""}{" "}
            {active ? (
              <button
                type="button"
                className="button button--small"
                aria-label={t("admin.users.leaveLabel", { name: account.username, team: teamName(m.teamId) })}
                onClick={() => onLeave(m.teamId)}
              >
                {t("admin.users.leave")}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function JoinTeam({
  account,
  open,
  onJoin,
}: {
  account: StaffAccountView;
  open: TeamView[];
  onJoin: (teamId: string) => void;
}) {
  const { t } = useT();
  const [team, setTeam] = useState("");
  const selectId = `join-${account.id}`;
  return (
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
      <button type="button" className="button" disabled={!team} onClick={() => onJoin(team)}>
        {t("admin.users.join")}
      </button>
    </div>
  );
}
