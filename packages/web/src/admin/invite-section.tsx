// SPDX-License-Identifier: AGPL-3.0-or-later
import type { InvitationView, StaffRole, TeamView } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { useT } from "../i18n/use-t";
import { CopyField } from "../mfa/copy-field";
import { STAFF_ROLES } from "./staff-roles";

/** Invite a staff member (role, optional team), show the link once, list and revoke pending invitations. */
export function InviteSection(props: {
  teams: TeamView[];
  invitations: InvitationView[];
  link: string | null;
  teamName: (id: string) => string;
  onInvite: (role: StaffRole, teamId: string) => Promise<void>;
  onRevoke: (invitation: InvitationView) => void;
}) {
  const { t } = useT();
  const [role, setRole] = useState<StaffRole>("counsellor");
  const [teamId, setTeamId] = useState("");

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    await props.onInvite(role, teamId);
  };

  return (
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
            {props.teams.map((x) => (
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
      {props.link ? (
        <div className="notice notice--success">
          <p>{t("admin.users.linkOnce")}</p>
          <CopyField id="invite-link" label={t("admin.users.linkLabel")} value={props.link} />
        </div>
      ) : null}
      {props.invitations.length > 0 ? (
        <>
          <h3>{t("admin.users.pendingHeading")}</h3>
          <ul className="admin-list">
            {props.invitations.map((inv) => (
              <li key={inv.id} className="admin-card">
                <p>
                  {t(`admin.roles.${inv.role}`)}
                  {inv.teamId ? ` · ${props.teamName(inv.teamId)}` : ""} ·{" "}
                  {t("admin.users.expires", { date: new Date(inv.expiresAt).toLocaleDateString() })}
                </p>
                <button type="button" className="button" onClick={() => props.onRevoke(inv)}>
                  {t("admin.users.revokeInvitation")}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
