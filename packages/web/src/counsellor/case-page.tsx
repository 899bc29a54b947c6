// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseEventView, CaseView } from "@obhut/protocol";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { Page, Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { type DisplayMessage, getCase, newId, useConversation } from "../messaging";
import { BreakGlassPrompt } from "../dpo/break-glass-prompt";
import { Link } from "../router/router";
import { CaseActions, assigneeFromInbox } from "./case-actions";
import type { Member, Ready } from "./case-types";
import { ConversationPanel } from "./conversation-panel";
import { ExportPanel } from "./export-panel";
import { LegalHoldPanel } from "./legal-hold-panel";
import { caseActions, formatDateTime } from "../staff/format";
import { openNotesWith } from "./notes";
import { caseKeyContext } from "./staff-keys";
import { StaffGate } from "../staff/staff-gate";
import { Timeline } from "./timeline";
import { errorCode } from "../staff/use-staff";
import { teamMembers } from "./endpoints";
import "./counsellor.css";

type Setup = NonNullable<Parameters<typeof useConversation>[2]>;

/** /inbox/case?id=… — one case for its team (issue 6, items 6, 7, 9, 10). */
export function CasePage() {
  const { t } = useT();
  return <StaffGate title={t("caseView.titleLoading")}>{(staff) => <CaseScreen staff={staff} />}</StaffGate>;
}

function caseIdFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get("id");
}

function CaseScreen({ staff }: { staff: Ready }) {
  const { t, i18n } = useT();
  const { messaging, ring } = staff;
  const [caseId] = useState(caseIdFromUrl);
  const [view, setView] = useState<{ case: CaseView; events: CaseEventView[] } | null>(null);
  const [missing, setMissing] = useState(false);
  const [members, setMembers] = useState<Member[] | null>(null);
  /** Set when a colleague now holds the case and it is closed to me (break glass): their name, if known. */
  const [takenBy, setTakenBy] = useState<string | null | undefined>(undefined);

  const reload = useCallback(async () => {
    if (!caseId) return setMissing(true);
    try {
      setView(await messaging.api.request(getCase, { params: { caseId } }));
      setTakenBy(undefined);
    } catch (error) {
      if (error instanceof ApiError && error.code === "break_glass_required") {
        setTakenBy(await assigneeFromInbox(messaging.api, caseId));
      } else setMissing(true);
    }
  }, [caseId, messaging]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(
    () =>
      messaging.realtime.onCase((frame) => {
        if (frame.caseId === caseId) void reload();
      }),
    [messaging, caseId, reload],
  );

  const c = view?.case ?? null;
  const teamId = c?.teamId;
  // Members, leads and admins may list the team (names for the timeline, colleagues for a handover).
  useEffect(() => {
    if (!teamId) return;
    messaging.api
      .request(teamMembers, { params: { orgId: staff.orgId, teamId } })
      .then((answer) => setMembers(answer.members))
      .catch(() => setMembers(null));
  }, [messaging, staff.orgId, teamId]);

  const caseSetup = useKeySetup(staff, c, c?.conversationId ?? null);
  const notesSetup = useKeySetup(staff, c, c?.notesConversationId ?? null);
  const chat = useConversation(messaging, c?.conversationId ?? null, caseSetup);
  const notes = useConversation(messaging, c?.notesConversationId ?? null, notesSetup);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const m of members ?? []) map.set(m.accountId, m.username);
    for (const e of view?.events ?? []) {
      if (e.actorId && e.actorName) map.set(e.actorId, e.actorName);
      if (e.assigneeId && e.assigneeName) map.set(e.assigneeId, e.assigneeName);
    }
    if (c) map.set(c.clientId, c.clientName);
    return map;
  }, [members, view, c]);
  const nameOf = useCallback(
    (m: Pick<DisplayMessage, "senderId" | "own">) =>
      m.own ? t("staffMessages.you") : (names.get(m.senderId) ?? t("caseView.someone")),
    [names, t],
  );

  /** Writes a note, creating the notes conversation with its first epoch if the case has none yet. */
  const writeNote = useCallback(
    async (text: string) => {
      if (!c) return;
      if (c.notesConversationId) {
        await notes.send(text);
        return;
      }
      await openNotesWith({ messaging, ring, c, conversationId: newId(), text });
      ring.refresh();
      await reload();
    },
    [c, notes, messaging, ring, reload],
  );

  if (missing) {
    return (
      <Page title={t("caseView.titleLoading")}>
        <p className="notice notice--error">{t("caseView.noCase")}</p>
        <p>
          <Link to="/inbox">{t("caseView.back")}</Link>
        </p>
      </Page>
    );
  }
  if (takenBy !== undefined) {
    return (
      <Page title={t("caseView.titleLoading")}>
        <p className="notice notice--error" role="status">
          {takenBy ? t("caseView.taken", { name: takenBy }) : t("caseView.takenUnknown")}
        </p>
        {/* Break glass: a stated reason opens the case for an hour (audited, shown to the team lead). */}
        <BreakGlassPrompt api={messaging.api} caseId={caseId!} onGranted={() => void reload()} />
        <p>
          <Link to="/inbox">{t("caseView.back")}</Link>
        </p>
      </Page>
    );
  }
  if (!view || !c) {
    return (
      <Page title={t("caseView.titleLoading")}>
        <p role="status">{t("common.loading")}</p>
      </Page>
    );
  }

  const isLead = members?.some((m) => m.accountId === staff.accountId && m.role === "lead") ?? false;
  const can = caseActions(c, { accountId: staff.accountId, isLead });
  const writable = c.state !== "archived";

  return (
    <Page title={t("caseView.title", { name: c.clientName })}>
      <p>
        <Link to="/inbox">{t("caseView.back")}</Link>
      </p>
      <Section title={t("caseView.facts")}>
        <dl className="case-facts">
          <dt>{t("caseView.state")}</dt>
          <dd data-testid="case-state">{t(`caseState.${c.state}`)}</dd>
          <dt>{t("caseView.team")}</dt>
          <dd>{c.teamName}</dd>
          <dt>{t("caseView.assignee")}</dt>
          <dd data-testid="case-assignee">{c.assigneeName ?? t("caseView.nobody")}</dd>
          <dt>{t("caseView.created")}</dt>
          <dd>{formatDateTime(i18n.language, c.createdAt)}</dd>
          <dt>{t("caseView.waiting")}</dt>
          <dd>{c.waitingSince === null ? t("caseView.notWaiting") : formatDateTime(i18n.language, c.waitingSince)}</dd>
        </dl>
        {c.assigneeAbsence ? (
          <div className="notice notice--warn">
            <p>{t("caseView.absence")}</p>
            <p className="message__text">{c.assigneeAbsence}</p>
          </div>
        ) : null}
        {c.state === "archived" ? <p className="notice">{t("caseView.archivedNote")}</p> : null}
      </Section>
      <CaseActions
        staff={staff}
        c={c}
        can={can}
        members={members}
        onChanged={(next) => {
          setView((v) => (v ? { ...v, case: next } : v));
          ring.refresh();
          void reload();
        }}
        writeNote={writeNote}
      />
      <Section title={t("caseView.conversation")}>
        <ConversationPanel
          conversation={chat}
          nameOf={nameOf}
          canWrite={writable && c.assigneeId === staff.accountId}
          label={t("caseView.conversation")}
          emptyText={t("staffMessages.none")}
          allowFiles
          composerId="case-reply"
          composerLabel={t("staffMessages.label")}
          submitLabel={t("staffMessages.send")}
        />
      </Section>
      <Section title={t("caseNotes.title")}>
        <p>{t("caseNotes.hint")}</p>
        {c.notesConversationId ? (
          <ConversationPanel
            conversation={notes}
            nameOf={nameOf}
            canWrite={writable}
            label={t("caseNotes.title")}
            emptyText={t("caseNotes.none")}
            allowFiles={false}
            composerId="case-note"
            composerLabel={t("caseNotes.label")}
            submitLabel={t("caseNotes.add")}
          />
        ) : (
          <FirstNote enabled={writable} onWrite={writeNote} />
        )}
      </Section>
      <Section title={t("caseView.timeline")}>
        <Timeline events={view.events} />
      </Section>
      <ExportPanel staff={staff} c={c} chat={chat} notes={notes} nameOf={nameOf} />
      {isLead ? <LegalHoldPanel staff={staff} caseId={c.id} /> : null}
    </Page>
  );
}

/** The trust and key source for one conversation of the case, once the org log is verified. */
function useKeySetup(staff: Ready, c: CaseView | null, conversationId: string | null): Setup | null {
  const [setup, setSetup] = useState<Setup | null>(null);
  const ctxKey = c ? `${c.id}/${c.teamId}/${c.notesConversationId ?? ""}` : "";
  useEffect(() => {
    setSetup(null);
    if (!c || !conversationId) return;
    let cancelled = false;
    const ctx = caseKeyContext(c);
    staff.ring
      .caseTrust(ctx, conversationId)
      .then((trust) => {
        if (!cancelled) setSetup({ trust, keySource: staff.ring.caseKeySource(ctx) });
      })
      .catch(() => {
        if (!cancelled) setSetup(null);
      });
    return () => {
      cancelled = true;
    };
    // ctxKey stands for the parts of the case the keys depend on.
  }, [staff.ring, ctxKey, conversationId]);
  return setup;
}

function FirstNote({ enabled, onWrite }: { enabled: boolean; onWrite: (text: string) => Promise<void> }) {
  const { t } = useT();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!enabled) return <p>{t("caseNotes.none")}</p>;
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        if (busy || text.trim() === "") return;
        setBusy(true);
        setProblem(null);
        onWrite(text)
          .then(() => setText(""))
          .catch((error: unknown) => setProblem(error instanceof ApiError ? error.code : errorCode(error)))
          .finally(() => setBusy(false));
      }}
    >
      <p>{t("caseNotes.none")}</p>
      <div className="field">
        <label htmlFor="case-note">{t("caseNotes.label")}</label>
        <textarea id="case-note" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {problem ? (
        <p className="notice notice--error" role="alert">
          {t("caseView.failed", { code: problem })}
        </p>
      ) : null}
      <p>
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? t("caseNotes.saving") : t("caseNotes.add")}
        </button>
      </p>
    </form>
  );
}
