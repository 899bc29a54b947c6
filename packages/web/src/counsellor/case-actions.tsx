// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView } from "@obhut/protocol";
import { useEffect, useState, type FormEvent } from "react";
import { ApiError, type ApiClient } from "../api/client";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { getCase, listCases, usePresence } from "../messaging";
import type { Member, Ready } from "./case-types";
import { RebindForm } from "./case-rebind";
import { acceptCase, archiveCase, assignCase, closeCase, handOverCase, listTeams } from "./endpoints";
import type { caseActions } from "../staff/format";
import { caseKeyContext } from "./staff-keys";
import { errorCode } from "../staff/use-staff";

type Can = ReturnType<typeof caseActions>;

/**
 * A colleague's name with their presence as text ("anna – online"), so it
 * does not rest on colour. The server sends presence only for members of the
 * case's conversations and only where the organisation shares it among staff.
 */
function useMemberLabel(staff: Ready): (m: Member) => string {
  const { t } = useT();
  const presence = usePresence(staff.messaging.realtime);
  return (m) => {
    const state = presence.get(m.accountId);
    return state === "online" || state === "away" ? t(`caseView.presence.${state}`, { name: m.username }) : m.username;
  };
}

/** Who holds a case of my teams, from the team inbox (which lists colleagues' cases without their content). */
export async function assigneeFromInbox(api: ApiClient, caseId: string): Promise<string | null> {
  try {
    const { cases } = await api.request(listCases, { query: { scope: "team" } });
    return cases.find((x) => x.id === caseId)?.assigneeName ?? null;
  } catch {
    return null;
  }
}

/**
 * Accept, assign, hand over, close, archive (issue 6, items 6 and 9). The
 * server decides every step again; a lost race for a new enquiry comes back
 * as 409 case_taken, and the case is fetched to name who took it.
 */
export function CaseActions({
  staff,
  c,
  can,
  members,
  onChanged,
  writeNote,
}: {
  staff: Ready;
  c: CaseView;
  can: Can;
  members: Member[] | null;
  onChanged: (next: CaseView) => void;
  writeNote: (text: string) => Promise<void>;
}) {
  const { t } = useT();
  const { api } = staff.messaging;
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const label = useMemberLabel(staff);

  const run = async (name: string, step: () => Promise<{ case: CaseView }>) => {
    if (busy) return;
    setBusy(name);
    setMessage(null);
    try {
      const answer = await step();
      onChanged(answer.case);
      setMessage({ kind: "success", text: t("caseView.done") });
    } catch (error) {
      if (error instanceof ApiError && error.code === "case_taken") {
        const now = await api.request(getCase, { params: { caseId: c.id } }).catch(() => null);
        // A colleague's case may be closed to me (break glass): the team list still names who has it.
        const who = now ? now.case.assigneeName : await assigneeFromInbox(api, c.id);
        setMessage({
          kind: "error",
          text: who ? t("caseView.taken", { name: who }) : t("caseView.takenUnknown"),
        });
        if (now) onChanged(now.case);
      } else {
        setMessage({ kind: "error", text: t("caseView.failed", { code: errorCode(error) }) });
      }
    } finally {
      setBusy(null);
    }
  };

  const params = { caseId: c.id };
  const nothing = !can.accept && !can.assign && !can.handOver && !can.close && !can.archive;
  if (nothing && !message) return null;

  return (
    <Section title={t("caseView.actions")}>
      <p className={message?.kind === "error" ? "notice notice--error" : "visually-hidden"} role="status">
        {message?.text ?? ""}
      </p>
      <div className="button-row">
        {can.accept ? (
          <button
            type="button"
            className="button button--primary"
            aria-disabled={busy !== null}
            onClick={() => void run("accept", () => api.request(acceptCase, { params }))}
          >
            {busy === "accept" ? t("caseView.accepting") : t("caseView.accept")}
          </button>
        ) : null}
        {can.close ? (
          <button
            type="button"
            className="button"
            aria-disabled={busy !== null}
            aria-describedby="close-hint"
            onClick={() => void run("close", () => api.request(closeCase, { params }))}
          >
            {t("caseView.close")}
          </button>
        ) : null}
        {can.archive ? (
          <button
            type="button"
            className="button"
            aria-disabled={busy !== null}
            onClick={() => void run("archive", () => api.request(archiveCase, { params }))}
          >
            {t("caseView.archive")}
          </button>
        ) : null}
      </div>
      {can.close ? (
        <p id="close-hint" className="field__hint">
          {t("caseView.closeHint")}
        </p>
      ) : null}
      {can.assign && members ? (
        <AssignForm
          members={members}
          label={label}
          current={c.assigneeId}
          busy={busy !== null}
          onAssign={(assigneeId) => void run("assign", () => api.request(assignCase, { params, body: { assigneeId } }))}
        />
      ) : null}
      {can.handOver ? (
        <HandoverForm
          staff={staff}
          c={c}
          members={members}
          label={label}
          busy={busy}
          onHandOver={(target, note) =>
            void run("handover", async () => {
              // The note goes first, while I still belong to the case; it is part of what gets re-wrapped.
              if (note.trim() !== "") await writeNote(`${t("caseNotes.handoverPrefix")}: ${note}`);
              if (target.kind === "colleague") {
                return api.request(handOverCase, { params, body: { toAccountId: target.id } });
              }
              staff.ring.refresh();
              const fresh = (await api.request(getCase, { params })).case;
              const teamWraps = await staff.ring.rewrapForTeam(caseKeyContext(fresh), target.id);
              return api.request(handOverCase, { params, body: { toTeamId: target.id, teamWraps } });
            })
          }
        />
      ) : null}
      {can.handOver ? <RebindForm staff={staff} c={c} onChanged={onChanged} /> : null}
    </Section>
  );
}

function AssignForm({
  members,
  label,
  current,
  busy,
  onAssign,
}: {
  members: Member[];
  label: (m: Member) => string;
  current: string | null;
  busy: boolean;
  onAssign: (id: string) => void;
}) {
  const { t } = useT();
  const choices = members.filter((m) => m.accountId !== current);
  const [chosen, setChosen] = useState(choices[0]?.accountId ?? "");
  if (choices.length === 0) return null;
  return (
    <form
      className="staff-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy && chosen) onAssign(chosen);
      }}
    >
      <h3>{t("caseView.assignTitle")}</h3>
      <div className="field">
        <label htmlFor="assign-member">{t("caseView.assignTo")}</label>
        <select id="assign-member" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          {choices.map((m) => (
            <option key={m.accountId} value={m.accountId}>
              {label(m)}
            </option>
          ))}
        </select>
      </div>
      <p>
        <button type="submit" className="button" aria-disabled={busy}>
          {t("caseView.assign")}
        </button>
      </p>
    </form>
  );
}

type Target = { kind: "colleague"; id: string } | { kind: "team"; id: string };

function HandoverForm({
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
  const [teams, setTeams] = useState<string[]>([]);
  const [teamNames, setTeamNames] = useState<Map<string, string>>(new Map());
  const [note, setNote] = useState("");

  // Other teams of the organisation that have a key: from the verified org log.
  useEffect(() => {
    staff.ring
      .orgState()
      .then((state) =>
        setTeams([...state.teams].filter(([id, s]) => id !== c.teamId && s.generations.length > 0).map(([id]) => id)),
      )
      .catch(() => setTeams([]));
  }, [staff.ring, c.teamId]);

  // Their names come from the server (display only; which teams may receive the case is the log's word).
  useEffect(() => {
    staff.messaging.api
      .request(listTeams, { params: { orgId: staff.orgId } })
      .then((answer) => setTeamNames(new Map(answer.teams.map((team) => [team.id, team.name]))))
      .catch(() => setTeamNames(new Map()));
  }, [staff.messaging, staff.orgId]);

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
