// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { Member, Ready } from "./case-types";
import { listTeams } from "./endpoints";

export type Target = { kind: "colleague"; id: string } | { kind: "team"; id: string };

/** Hands the case over to a colleague of its team or, re-wrapping its keys, to another team. */
export function HandoverForm({
  staff,
  c,
  members,
  label,
  busy,
  onHandOver,
}: {
  staff: Ready;
  c: CaseView;
  members: Member[] | null;
  label: (m: Member) => string;
  busy: string | null;
  onHandOver: (target: Target, note: string) => void;
}) {
  const { t } = useT();
  const colleagues = (members ?? []).filter((m) => m.accountId !== staff.accountId && m.accountId !== c.assigneeId);
  const [kind, setKind] = useState<"colleague" | "team">("colleague");
  const [colleague, setColleague] = useState("");
  const [team, setTeam] = useState("");
  const [note, setNote] = useState("");

  // Other teams of the organisation that have a key: from the verified org log.
  const keyed = useLoad(
    async () =>
      [...(await staff.ring.orgState()).teams]
        .filter(([id, s]) => id !== c.teamId && s.generations.length > 0)
        .map(([id]) => id),
    [staff.ring, c.teamId],
  );
  const teams = keyed.kind === "ready" ? keyed.value : [];
  // Their names come from the server (display only; which teams may receive the case is the log's word).
  const named = useLoad(
    async (signal) => {
      const answer = await staff.messaging.api.request(listTeams, { params: { orgId: staff.orgId }, signal });
      return new Map(answer.teams.map((team) => [team.id, team.name]));
    },
    [staff.messaging, staff.orgId],
  );
  const teamNames = named.kind === "ready" ? named.value : new Map<string, string>();

  const colleagueId = colleague || colleagues[0]?.accountId || "";
  const teamId = team || teams[0] || "";
  const ready = kind === "colleague" ? colleagueId !== "" : teamId !== "";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || !ready) return;
    onHandOver({ kind, id: kind === "colleague" ? colleagueId : teamId }, note);
  };

  return (
    <form className="staff-form" onSubmit={submit}>
      <h3>{t("caseView.handoverTitle")}</h3>
      <fieldset className="fieldset">
        <legend>{t("caseView.handoverKind")}</legend>
        {(["colleague", "team"] as const).map((k) => (
          <div className="checkbox-field" key={k}>
            <input
              type="radio"
              id={`handover-kind-${k}`}
              name="handover-kind"
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            <label htmlFor={`handover-kind-${k}`}>
              {k === "colleague" ? t("caseView.toColleague") : t("caseView.toTeam")}
            </label>
          </div>
        ))}
      </fieldset>
      {kind === "colleague" ? (
        colleagues.length > 0 ? (
          <div className="field">
            <label htmlFor="handover-colleague">{t("caseView.colleague")}</label>
            <select id="handover-colleague" value={colleagueId} onChange={(e) => setColleague(e.target.value)}>
              {colleagues.map((m) => (
                <option key={m.accountId} value={m.accountId}>
                  {label(m)}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p className="notice">{t("caseView.membersUnavailable")}</p>
        )
      ) : teams.length > 0 ? (
        <div className="field">
          <label htmlFor="handover-team">{t("caseView.targetTeam")}</label>
          <select id="handover-team" value={teamId} onChange={(e) => setTeam(e.target.value)}>
            {teams.map((id) => (
              <option key={id} value={id}>
                {teamNames.get(id) ?? `${t("caseView.team")} ${id.slice(0, 8)}`}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="notice">{t("caseView.noOtherTeam")}</p>
      )}
      <div className="field">
        <label htmlFor="handover-note">{t("caseView.handoverNote")}</label>
        <textarea id="handover-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <p>
        <button type="submit" className="button" aria-disabled={busy !== null || !ready}>
          {busy === "handover" && kind === "team" ? t("caseView.handingOver") : t("caseView.handover")}
        </button>
      </p>
    </form>
  );
}
