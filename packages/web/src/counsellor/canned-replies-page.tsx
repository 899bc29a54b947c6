// SPDX-License-Identifier: AGPL-3.0-or-later
import { useId, useState, type FormEvent } from "react";
import { useAction, useLoad } from "../api/use-action";
import { Page, Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { StaffGate } from "../staff/staff-gate";
import { type CannedReply, loadCannedReplies, removeCannedReply, saveCannedReply } from "./canned-replies";
import type { Ready } from "./case-types";
import { listTeams } from "./endpoints";
import "./counsellor.css";

/**
 * Textbausteine (issue 16): a team's canned replies. Its leads create, edit
 * and delete them; its members see the list read-only (and insert them from
 * the reply box). Sealed and opened in the browser (CRYPTO.md §7f).
 */
export function CannedRepliesPage() {
  const { t } = useT();
  return <StaffGate title={t("cannedReplies.title")}>{(staff) => <CannedReplies staff={staff} />}</StaffGate>;
}

function CannedReplies({ staff }: { staff: Ready }) {
  const { t } = useT();
  const { api } = staff.messaging;
  const teams = useLoad(
    async (signal) => (await api.request(listTeams, { params: { orgId: staff.orgId }, signal })).teams,
    [api, staff.orgId],
  );
  const mine = teams.kind === "ready" ? teams.value.filter((team) => team.myRole !== null) : [];
  const [chosen, setChosen] = useState<string | null>(null);
  const team = mine.find((m) => m.id === chosen) ?? mine[0] ?? null;
  const teamSelectId = useId();

  return (
    <Page title={t("cannedReplies.title")} lead={t("cannedReplies.lead")}>
      {teams.kind === "loading" ? <p role="status">{t("cannedReplies.loading")}</p> : null}
      {teams.kind === "failed" ? (
        <p className="notice notice--error">{t("cannedReplies.loadFailed", { code: teams.error })}</p>
      ) : null}
      {teams.kind === "ready" && !team ? <p>{t("cannedReplies.noTeam")}</p> : null}
      {mine.length > 1 ? (
        <div className="field">
          <label htmlFor={teamSelectId}>{t("cannedReplies.team")}</label>
          <select id={teamSelectId} value={team?.id ?? ""} onChange={(e) => setChosen(e.target.value)}>
            {mine.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {team ? <TeamSnippets key={team.id} staff={staff} teamId={team.id} isLead={team.myRole === "lead"} /> : null}
    </Page>
  );
}

function TeamSnippets({ staff, teamId, isLead }: { staff: Ready; teamId: string; isLead: boolean }) {
  const { t } = useT();
  const list = useLoad((signal) => loadCannedReplies(staff, teamId, signal), [staff, teamId], { keep: true });
  const [editing, setEditing] = useState<CannedReply | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // A new, empty form after each save (nothing of the last snippet stays in the fields).
  const [round, setRound] = useState(0);
  const remove = useAction(async (id: string) => {
    await removeCannedReply(staff, teamId, id);
    // The list first, then the message: what the status says is already true on the page.
    await list.reload();
    setConfirming(null);
    setDone(t("cannedReplies.removed"));
  });

  return (
    <>
      {isLead ? (
        <SnippetForm
          key={editing ? `edit-${editing.id}-${round}` : `new-${round}`}
          staff={staff}
          teamId={teamId}
          editing={editing}
          onDone={async () => {
            await list.reload();
            setEditing(null);
            setRound((r) => r + 1);
            setDone(t("cannedReplies.saved"));
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <p>{t("cannedReplies.readOnly")}</p>
      )}
      <p role="status" className={done ? "notice notice--success" : "visually-hidden"}>
        {done ?? ""}
      </p>
      <Section title={t("cannedReplies.listTitle")}>
        {list.kind === "loading" ? <p role="status">{t("cannedReplies.loading")}</p> : null}
        {list.kind === "failed" ? (
          <p className="notice notice--error">{t("cannedReplies.loadFailed", { code: list.error })}</p>
        ) : null}
        {list.kind === "ready" && list.value.refused > 0 ? (
          <p className="notice notice--error">{t("cannedReplies.refused", { count: list.value.refused })}</p>
        ) : null}
        {list.kind === "ready" && list.value.replies.length === 0 ? <p>{t("cannedReplies.none")}</p> : null}
        {remove.error ? (
          <p className="notice notice--error" role="alert">
            {t("cannedReplies.failed", { code: remove.error })}
          </p>
        ) : null}
        {list.kind === "ready" && list.value.replies.length > 0 ? (
          <ul className="canned-list">
            {list.value.replies.map((r) => (
              <li key={r.id} className="canned-list__item">
                <h3>{r.title}</h3>
                <p className="canned-list__text">{r.text}</p>
                {r.textInformal ? (
                  <p className="canned-list__text">
                    <strong>{t("cannedReplies.informalBadge")}:</strong> {r.textInformal}
                  </p>
                ) : null}
                {isLead ? (
                  confirming === r.id ? (
                    <div role="group" aria-label={t("cannedReplies.remove", { title: r.title })}>
                      <p>{t("cannedReplies.confirmRemove", { title: r.title })}</p>
                      <button
                        type="button"
                        className="button button--primary"
                        aria-disabled={remove.pending}
                        onClick={() => void remove.run(r.id)}
                      >
                        {t("cannedReplies.confirmRemoveButton")}
                      </button>{" "}
                      <button type="button" className="button" onClick={() => setConfirming(null)}>
                        {t("cannedReplies.cancel")}
                      </button>
                    </div>
                  ) : (
                    <p>
                      <button
                        type="button"
                        className="button"
                        onClick={() => {
                          setDone(null);
                          setEditing(r);
                          document.getElementById("canned-title")?.focus();
                        }}
                      >
                        {t("cannedReplies.edit", { title: r.title })}
                      </button>{" "}
                      <button type="button" className="button" onClick={() => setConfirming(r.id)}>
                        {t("cannedReplies.remove", { title: r.title })}
                      </button>
                    </p>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </Section>
    </>
  );
}

function SnippetForm({
  staff,
  teamId,
  editing,
  onDone,
  onCancel,
}: {
  staff: Ready;
  teamId: string;
  editing: CannedReply | null;
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useT();
  const [title, setTitle] = useState(editing?.title ?? "");
  const [text, setText] = useState(editing?.text ?? "");
  const [informal, setInformal] = useState(editing?.textInformal ?? "");
  const [invalid, setInvalid] = useState(false);
  const save = useAction(async () => {
    await saveCannedReply(
      staff,
      teamId,
      { title: title.trim(), text, ...(informal.trim() ? { textInformal: informal } : {}) },
      editing?.id ?? null,
    );
    await onDone();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.pending) return;
    if (title.trim() === "" || text.trim() === "") {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    void save.run();
  };
  return (
    <Section title={editing ? t("cannedReplies.editTitle", { title: editing.title }) : t("cannedReplies.newTitle")}>
      <form className="staff-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="canned-title">{t("cannedReplies.fieldTitle")}</label>
          <input id="canned-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="canned-text">{t("cannedReplies.fieldText")}</label>
          <textarea id="canned-text" rows={5} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="canned-text-informal">{t("cannedReplies.fieldTextInformal")}</label>
          <p id="canned-text-informal-hint" className="field__hint">
            {t("cannedReplies.fieldTextInformalHint")}
          </p>
          <textarea
            id="canned-text-informal"
            rows={5}
            value={informal}
            aria-describedby="canned-text-informal-hint"
            onChange={(e) => setInformal(e.target.value)}
          />
        </div>
        {invalid ? (
          <p className="field__error" role="alert">
            {t("cannedReplies.required")}
          </p>
        ) : null}
        {save.error ? (
          <p className="notice notice--error" role="alert">
            {t("cannedReplies.failed", { code: save.error })}
          </p>
        ) : null}
        <p>
          <button type="submit" className="button button--primary" aria-disabled={save.pending}>
            {editing ? t("cannedReplies.save") : t("cannedReplies.create")}
          </button>
          {editing ? (
            <>
              {" "}
              <button type="button" className="button" onClick={onCancel}>
                {t("cannedReplies.cancel")}
              </button>
            </>
          ) : null}
        </p>
      </form>
    </Section>
  );
}
