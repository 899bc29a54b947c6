// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState, type FormEvent } from "react";
import { useLoad } from "../api/use-action";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { AdminPage } from "./admin-shell";
import { StatusMessage, useStatusAction } from "./admin-status";
import { createTeam, listAccounts, listAgencies, listTeams } from "./endpoints";

/** Teams: list with members and the current key generation from the verified log; create a team. */
export function TeamsPage() {
  const { t } = useT();
  return (
    <AdminPage title={t("admin.teams.title")} lead={t("admin.teams.lead")}>
      {(admin) => <Teams admin={admin} />}
    </AdminPage>
  );
}

function Teams({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const { api, orgId } = admin;
  const data = useLoad(
    async (signal) => {
      const [tm, ac, ag, state] = await Promise.all([
        api.request(listTeams, { params: { orgId }, signal }),
        api.request(listAccounts, { params: { orgId }, signal }),
        api.request(listAgencies, { params: { orgId }, signal }),
        admin.ops.log.load(),
      ]);
      const generations = new Map([...state.teams].map(([id, s]) => [id, s.generations.at(-1)?.generation ?? 0]));
      return { teams: tm.teams, accounts: ac.accounts, agencies: ag.agencies, generations };
    },
    [api, orgId, admin],
  );
  const loaded = data.kind === "ready" ? data.value : null;
  // A failed first load shows an empty list rather than "loading" for ever.
  const teams = loaded?.teams ?? (data.kind === "failed" ? [] : null);
  const accounts = loaded?.accounts ?? [];
  const agencies = loaded?.agencies ?? [];
  const generations = loaded?.generations ?? new Map<string, number>();
  const [name, setName] = useState("");
  const [agencyId, setAgencyId] = useState("");
  const [intake, setIntake] = useState(false);
  const { status, run } = useStatusAction();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(t("admin.working"), t("admin.teams.created", { name }), async () => {
      await api.request(createTeam, {
        params: { orgId },
        body: { name: name.trim(), agencyId: agencyId || null, isIntake: intake && agencyId !== "" },
      });
      await data.reload();
    });
    if (ok) setName("");
  };

  return (
    <>
      <StatusMessage status={status} />
      <section className="section" aria-labelledby="teams-heading">
        <h2 id="teams-heading">{t("admin.teams.listHeading")}</h2>
        {teams === null ? <p>{t("admin.loading")}</p> : null}
        {teams?.length === 0 ? <p>{t("admin.teams.none")}</p> : null}
        <ul className="admin-list">
          {(teams ?? []).map((team) => {
            const members = accounts.filter((a) => a.teams.some((m) => m.teamId === team.id));
            const generation = generations.get(team.id) ?? 0;
            return (
              <li key={team.id} className="admin-card" data-team={team.name}>
                <h3>{team.name}</h3>
                <dl className="admin-facts">
                  <dt>{t("admin.teams.agency")}</dt>
                  <dd>{agencies.find((a) => a.id === team.agencyId)?.name ?? t("admin.teams.noAgency")}</dd>
                  <dt>{t("admin.teams.intake")}</dt>
                  <dd>{team.isIntake ? t("admin.yes") : t("admin.no")}</dd>
                  <dt>{t("admin.teams.key")}</dt>
                  <dd className="team-generation" data-generation={generation}>
                    {generation > 0 ? t("admin.teams.generation", { generation }) : t("admin.teams.noKey")}
                  </dd>
                  <dt>{t("admin.teams.members")}</dt>
                  <dd>{members.length ? members.map((m) => m.username).join(", ") : t("admin.teams.noMembers")}</dd>
                </dl>
              </li>
            );
          })}
        </ul>
        <p>{t("admin.teams.membersHint")}</p>
      </section>
      <section className="section" aria-labelledby="team-new-heading">
        <h2 id="team-new-heading">{t("admin.teams.createHeading")}</h2>
        <form className="form" onSubmit={(e) => void create(e)}>
          <TextField
            id="team-name"
            label={t("admin.teams.name")}
            value={name}
            onValue={setName}
            required
            maxLength={120}
          />
          <div className="field">
            <label htmlFor="team-agency">{t("admin.teams.agency")}</label>
            <select id="team-agency" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
              <option value="">{t("admin.teams.noAgency")}</option>
              {agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="checkbox-field">
            <input
              id="team-intake"
              type="checkbox"
              checked={intake}
              disabled={agencyId === ""}
              aria-describedby="team-intake-hint"
              onChange={(e) => setIntake(e.target.checked)}
            />
            <label htmlFor="team-intake">{t("admin.teams.intakeLabel")}</label>
            <p id="team-intake-hint" className="field__hint">
              {t("admin.teams.intakeHint")}
            </p>
          </div>
          <button type="submit" className="button button--primary">
            {t("admin.teams.create")}
          </button>
        </form>
      </section>
    </>
  );
}
