// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseEventView, CaseView } from "@obhut/protocol";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { useLoad } from "../api/use-action";
import { Page, Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { type DisplayMessage, getCase, newId, useConversation } from "../messaging";
import { BreakGlassPrompt } from "../dpo/break-glass-prompt";
import { Link } from "../router/router";
import { CaseActions, assigneeFromInbox } from "./case-actions";
import { CaseFacts } from "./case-facts";
import { CaseNotes } from "./case-notes";
import type { Ready } from "./case-types";
import { ConversationPanel } from "./conversation-panel";
import { ExportPanel } from "./export-panel";
import { LegalHoldPanel } from "./legal-hold-panel";
import { caseActions } from "../staff/format";
import { openNotesWith } from "./notes";
import { StaffGate } from "../staff/staff-gate";
import { Timeline } from "./timeline";
import { teamMembers } from "./endpoints";
import { useKeySetup } from "./use-key-setup";
import "./counsellor.css";

/**
 * What the case page shows: the case, or (closed to me, break glass) the
 * colleague who holds it, if known, or that there is no such case for me.
 */
type Screen =
  | { kind: "case"; view: { case: CaseView; events: CaseEventView[] } }
  | { kind: "taken"; by: string | null }
  | { kind: "missing" };

/** /inbox/case?id=… — one case for its team (issue 6, items 6, 7, 9, 10). */
export function CasePage() {
  const { t } = useT();
  return <StaffGate title={t("caseView.titleLoading")}>{(staff) => <CaseScreen staff={staff} />}</StaffGate>;
}

function caseIdFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get("id");
}

function CaseScreen({ staff }: { staff: Ready }) {
  const { t } = useT();
  const { messaging, ring } = staff;
  const [caseId] = useState(caseIdFromUrl);
  // Every failure, also of a reload after a live event, ends in "no such case" (a handover may close it to me).
  const screen = useLoad(
    async (signal): Promise<Screen> => {
      if (!caseId) return { kind: "missing" };
      try {
        return { kind: "case", view: await messaging.api.request(getCase, { params: { caseId }, signal }) };
      } catch (error) {
        if (error instanceof ApiError && error.code === "break_glass_required") {
          return { kind: "taken", by: await assigneeFromInbox(messaging.api, caseId) };
        }
        return { kind: "missing" };
      }
    },
    [caseId, messaging],
  );
  const { reload } = screen;

  useEffect(
    () =>
      messaging.realtime.onCase((frame) => {
        if (frame.caseId === caseId) void reload();
      }),
    [messaging, caseId, reload],
  );

  const view = screen.kind === "ready" && screen.value.kind === "case" ? screen.value.view : null;
  const c = view?.case ?? null;
  const teamId = c?.teamId;
  // Members, leads and admins may list the team (names for the timeline, colleagues for a handover).
  const team = useLoad(
    async (signal) =>
      teamId
        ? (await messaging.api.request(teamMembers, { params: { orgId: staff.orgId, teamId }, signal })).members
        : null,
    [messaging, staff.orgId, teamId],
  );
  const members = team.kind === "ready" ? team.value : null;

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

  if (screen.kind === "ready" && screen.value.kind === "missing") {
    return (
      <Page title={t("caseView.titleLoading")}>
        <p className="notice notice--error">{t("caseView.noCase")}</p>
        <p>
          <Link to="/inbox">{t("caseView.back")}</Link>
        </p>
      </Page>
    );
  }
  if (screen.kind === "ready" && screen.value.kind === "taken") {
    const takenBy = screen.value.by;
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
      {isLead ? <LegalHoldPanel staff={staff} caseId={c.id} /> : null}
    </Page>
  );
}
