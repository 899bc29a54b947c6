// SPDX-License-Identifier: AGPL-3.0-or-later
import { useCallback, useMemo } from "react";
import { Page, Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { type DisplayMessage, newId, useConversation } from "../messaging";
import { useMarkRead } from "../messaging/use-mark-read";
import { Link } from "../router/router";
import { CaseActions } from "./case-actions";
import { CaseLoading, CaseMissing, CaseTaken } from "./case-closed";
import { CaseFacts } from "./case-facts";
import { CaseNotes } from "./case-notes";
import type { Ready } from "./case-types";
import { ConversationPanel } from "./conversation-panel";
import { ExportPanel } from "./export-panel";
import { CasePrivacyPanel } from "./case-privacy-panel";
import { LegalHoldPanel } from "./legal-hold-panel";
import { caseActions } from "../staff/format";
import { openNotesWith } from "./notes";
import { StaffGate } from "../staff/staff-gate";
import { Timeline } from "./timeline";
import { useCaseScreen } from "./use-case-screen";
import { useKeySetup } from "./use-key-setup";
import "./counsellor.css";

/** /inbox/case?id=… — one case for its team (issue 6, items 6, 7, 9, 10). */
export function CasePage() {
  const { t } = useT();
  return <StaffGate title={t("caseView.titleLoading")}>{(staff) => <CaseScreen staff={staff} />}</StaffGate>;
}

function CaseScreen({ staff }: { staff: Ready }) {
  const { t } = useT();
  const { messaging, ring } = staff;
  const { caseId, screen, view, members } = useCaseScreen(staff);
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

  if (screen.kind === "ready" && screen.value.kind === "missing") return <CaseMissing />;
  if (screen.kind === "ready" && screen.value.kind === "taken") {
    return <CaseTaken api={messaging.api} caseId={caseId!} by={screen.value.by} onGranted={() => void reload()} />;
  }
  if (!view || !c) return <CaseLoading />;

  const isLead = members?.some((m) => m.accountId === staff.accountId && m.role === "lead") ?? false;
  const can = caseActions(c, { accountId: staff.accountId, isLead });
  const writable = c.state !== "archived";

  return (
    <Page title={t("caseView.title", { name: c.clientName })}>
      <p>
        {/* Back to where the case is now: my cases once I hold it (it left "new" when I accepted it). */}
        <Link to={c.assigneeId === staff.accountId ? "/inbox?view=mine" : "/inbox"}>{t("caseView.back")}</Link>
      </p>
      <CaseFacts c={c} />
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
    </Page>
  );
}
