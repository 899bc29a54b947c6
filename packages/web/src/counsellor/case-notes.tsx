// SPDX-License-Identifier: AGPL-3.0-or-later
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import type { DisplayMessage, UseConversation } from "../messaging";
import { FirstNote } from "./case-first-note";
import { ConversationPanel } from "./conversation-panel";

/** The team's encrypted notes on a case; the first note creates their conversation. */
export function CaseNotes({
  notes,
  hasNotes,
  writable,
  nameOf,
  onWrite,
}: {
  notes: UseConversation;
  hasNotes: boolean;
  writable: boolean;
  nameOf: (m: Pick<DisplayMessage, "senderId" | "own">) => string;
  onWrite: (text: string) => Promise<void>;
}) {
  const { t } = useT();
  return (
    <Section title={t("caseNotes.title")}>
      <p>{t("caseNotes.hint")}</p>
      {hasNotes ? (
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
        <FirstNote enabled={writable} onWrite={onWrite} />
      )}
    </Section>
  );
}
