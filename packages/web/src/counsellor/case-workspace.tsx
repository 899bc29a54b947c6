// SPDX-License-Identifier: AGPL-3.0-or-later
import { CaseAppointments } from "../appointments/case-appointments";
import { useCallback, useMemo, type ReactNode } from "react";
import { Page, Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { type DisplayMessage, newId, useConversation } from "../messaging";
import { useMarkRead } from "../messaging/use-mark-read";
import { BreakGlassPrompt } from "../dpo/break-glass-prompt";
import { Link } from "../router/router";
import { caseActions } from "../staff/format";
import { CaseActions } from "./case-actions";
import { CaseLoading, CaseMissing, CaseTaken } from "./case-closed";
import { CaseFacts } from "./case-facts";
import { CaseNotes } from "./case-notes";
import type { Ready } from "./case-types";
import { ConversationPanel } from "./conversation-panel";
import { ExportPanel } from "./export-panel";
import { CasePrivacyPanel } from "./case-privacy-panel";
import { LegalHoldPanel } from "./legal-hold-panel";
import { openNotesWith } from "./notes";
import { Timeline } from "./timeline";
import { useCaseScreen } from "./use-case-screen";
import { useKeySetup } from "./use-key-setup";

/** The reply box of the case conversation; the inbox's "r" shortcut focuses it. */
export const CASE_REPLY_ID = "case-reply";

/**
 * One case: the conversation with its reply box as the main area, and facts,
 * actions, notes, timeline, export and privacy in a side column. As its own
 * page (`/inbox/case?id=…`, phones and tablets) everything stacks in one
 * column; `embedded` in the inbox's split view (≥ 1280 px) it has no page
 * heading of its own and the side column sits next to the conversation, so
 * the reply box is in view without scrolling past the handover forms.
 */
export function CaseWorkspace({ staff, caseId, embedded }: { staff: Ready; caseId: string | null; embedded: boolean }) {
  const { t } = useT();
  const { messaging, ring } = staff;
  const { screen, view, members } = useCaseScreen(staff, caseId);
  const { reload } = screen;
  const c = view?.case ?? null;

  const caseSetup = useKeySetup(staff, c, c?.conversationId ?? null);
  const notesSetup = useKeySetup(staff, c, c?.notesConversationId ?? null);
  const chat = useConversation(messaging, c?.conversationId ?? null, caseSetup);
  const notes = useConversation(messaging, c?.notesConversationId ?? null, notesSetup);
  // The client sees "read" where the organisation shares receipts in case conversations.
  useMarkRead(chat);

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

  const missing = screen.kind === "ready" && screen.value.kind === "missing";
  const taken = screen.kind === "ready" && screen.value.kind === "taken" ? screen.value : null;
  if (embedded) {
    // No second page heading in the split view; break glass stays on the case's own page.
    if (missing) return <EmbeddedNotice>{t("caseView.noCase")}</EmbeddedNotice>;
    if (taken) {
      // Break glass right here: a stated reason opens the case for an hour (audited, shown to the team lead).
      return (
        <section className="case-workspace" aria-label={t("caseView.titleLoading")}>
          <p className="notice notice--error" role="status">
            {taken.by ? t("caseView.taken", { name: taken.by }) : t("caseView.takenUnknown")}
          </p>
          <BreakGlassPrompt api={messaging.api} caseId={caseId!} onGranted={() => void reload()} />
        </section>
      );
    }
    if (!view || !c) return <p role="status">{t("common.loading")}</p>;
  } else {
    if (missing) return <CaseMissing />;
    if (taken) return <CaseTaken api={messaging.api} caseId={caseId!} by={taken.by} onGranted={() => void reload()} />;
    if (!view || !c) return <CaseLoading />;
  }

  const isLead = members?.some((m) => m.accountId === staff.accountId && m.role === "lead") ?? false;
  const can = caseActions(c, { accountId: staff.accountId, isLead });
  const writable = c.state !== "archived";
  const title = t("caseView.title", { name: c.clientName });

  const conversation = (
    <Section title={t("caseView.conversation")}>
      <ConversationPanel
        conversation={chat}
        nameOf={nameOf}
        canWrite={writable && c.assigneeId === staff.accountId}
        label={t("caseView.conversation")}
        emptyText={t("staffMessages.none")}
        allowFiles
        composerId={CASE_REPLY_ID}
        composerLabel={t("staffMessages.label")}
        submitLabel={t("staffMessages.send")}
        scrollable={embedded}
        snippets={{ staff, teamId: c.teamId, informal: c.addressForm === "informal" }}
      />
    </Section>
  );
  const side = (
    <>
      <CaseFacts c={c} />
      {c.state === "new" || c.state === "active" ? (
        <CaseAppointments api={staff.messaging.api} caseId={c.id} bookLink={null} />
      ) : null}
      <CaseActions
        staff={staff}
        c={c}
        can={can}
        members={members}
        onChanged={(next) => {
          screen.set((s) => (s.kind === "case" ? { kind: "case", view: { ...s.view, case: next } } : s));
          ring.refresh();
          void reload();
        }}
        writeNote={writeNote}
      />
      <CaseNotes
        notes={notes}
        hasNotes={c.notesConversationId !== null}
        writable={writable}
        nameOf={nameOf}
        onWrite={writeNote}
      />
      <Section title={t("caseView.timeline")}>
        <Timeline events={view.events} />
      </Section>
      <ExportPanel staff={staff} c={c} chat={chat} notes={notes} nameOf={nameOf} />
      <CasePrivacyPanel staff={staff} c={c} nameOf={(accountId) => names.get(accountId)} />
      {isLead ? <LegalHoldPanel staff={staff} caseId={c.id} /> : null}
    </>
  );

  if (embedded) {
    return (
      <section className="case-workspace" aria-labelledby="case-workspace-title">
        <div className="case-workspace__title">
          <h2 id="case-workspace-title">{title}</h2>
          <p>
            {/* Closes the case beside the list, to where it is now (as on the case's own page). */}
            <Link to={c.assigneeId === staff.accountId ? "/inbox?view=mine" : "/inbox"}>{t("caseView.back")}</Link>
          </p>
        </div>
        <div className="case-workspace__main">{conversation}</div>
        <aside className="case-workspace__side" aria-label={t("workspace.sideLabel")}>
          {side}
        </aside>
      </section>
    );
  }
  // The case's own page (a link from elsewhere, a phone): the same order — the conversation with the reply box
  // first, then facts, actions and notes in the side panel (beside it from 1280 px, below it on narrower screens).
  return (
    <Page title={title}>
      <p>
        {/* Back to where the case is now: my cases once I hold it (it left "new" when I accepted it). */}
        <Link to={c.assigneeId === staff.accountId ? "/inbox?view=mine" : "/inbox"}>{t("caseView.back")}</Link>
      </p>
      <div className="case-workspace case-workspace--page">
        <div className="case-workspace__main">{conversation}</div>
        <aside className="case-workspace__side" aria-label={t("workspace.sideLabel")}>
          {side}
        </aside>
      </div>
    </Page>
  );
}

function EmbeddedNotice({ children }: { children: ReactNode }) {
  return (
    <section className="case-workspace">
      <p className="notice notice--error" role="status">
        {children}
      </p>
    </section>
  );
}
