// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { useT } from "../i18n/use-t";
import type { DisplayMessage, UseConversation } from "../messaging";
import type { MentionCandidate } from "../messaging/mentions";
import { type MentionDisplay, MessageList } from "./message-list";
import { RotationStatus } from "./rotation-status";
import { type SnippetSource, StaffComposer } from "./staff-composer";

/**
 * One decrypted conversation (the case chat, or the internal notes) with a
 * composer. `canWrite` is false for archived cases. Files are sealed in the
 * browser before upload (messaging/attachments.ts).
 */
export function ConversationPanel({
  conversation,
  nameOf,
  canWrite,
  label,
  emptyText,
  allowFiles,
  composerId,
  composerLabel,
  submitLabel,
  scrollable = false,
  snippets,
  mentionCandidates,
  mentions,
}: {
  conversation: UseConversation;
  nameOf: (m: DisplayMessage) => string;
  canWrite: boolean;
  label: string;
  emptyText: string;
  allowFiles: boolean;
  composerId: string;
  composerLabel: string;
  submitLabel: string;
  /** The split view caps the messages' height so the reply box stays in view. */
  scrollable?: boolean;
  /** Offer the team's canned replies in the reply box. */
  snippets?: SnippetSource;
  /** Team chats: the members "@" offers in the composer (ADR 0040). */
  mentionCandidates?: readonly MentionCandidate[];
  /** Team chats: how mentions in messages are shown (highlighted; marked for the one mentioned). */
  mentions?: MentionDisplay;
}) {
  const { t } = useT();
  const { snapshot } = conversation;
  const [text, setText] = useState("");

  return (
    <div>
      {snapshot.status === "loading" ? <p role="status">{t("staffMessages.loading")}</p> : null}
      {snapshot.status === "error" ? (
        <p className="notice notice--error">{t("staffMessages.loadFailed", { code: snapshot.loadError ?? "error" })}</p>
      ) : null}
      {snapshot.hasOlder ? (
        <button type="button" className="button" onClick={() => void conversation.loadOlder()}>
          {t("staffMessages.loadOlder")}
        </button>
      ) : null}
      {snapshot.status === "ready" && snapshot.messages.length === 0 && snapshot.outbox.length === 0 ? (
        <p>{emptyText}</p>
      ) : null}
      <RotationStatus snapshot={snapshot} />
      <MessageList
        conversation={conversation}
        nameOf={nameOf}
        label={label}
        onDiscarded={setText}
        scrollable={scrollable}
        mentions={mentions}
      />
      {canWrite && snapshot.status === "ready" ? (
        <StaffComposer
          conversation={conversation}
          text={text}
          setText={setText}
          allowFiles={allowFiles}
          composerId={composerId}
          composerLabel={composerLabel}
          submitLabel={submitLabel}
          snippets={snippets}
          mentionCandidates={mentionCandidates}
        />
      ) : null}
    </div>
  );
}
