// SPDX-License-Identifier: AGPL-3.0-or-later
import { useId, useRef, useState, type FormEvent } from "react";
import { useAction } from "../api/use-action";
import { useAttachmentTexts } from "../components/attachment-texts";
import { useT } from "../i18n/use-t";
import { type UseConversation, acceptAttribute, sealFile } from "../messaging";
import { MAX_TEXT_CHARS } from "../messaging/body";
import { insertAt } from "./canned-replies";
import { CannedReplyPicker, type CannedReplyPickerHandle } from "./canned-reply-picker";
import type { Ready } from "./case-types";
import type { MentionCandidate } from "../messaging/mentions";
import { useMentionBox } from "./mention-box";

/** Where the reply box offers the team's canned replies (the case conversation, not the notes). */
export interface SnippetSource {
  staff: Ready;
  teamId: string;
  /** The case's topic addresses the client with "du": the informal text is inserted. */
  informal: boolean;
}

/**
 * The composer of a staff conversation. Bad input is explained and nothing
 * typed is cleared; files are sealed in the browser before upload
 * (messaging/attachments.ts). The text is the panel's, so a discarded
 * message can come back into it.
 */
export function StaffComposer({
  conversation,
  text,
  setText,
  allowFiles,
  composerId,
  composerLabel,
  submitLabel,
  snippets,
  mentionCandidates,
}: {
  conversation: UseConversation;
  text: string;
  setText: (text: string) => void;
  allowFiles: boolean;
  composerId: string;
  composerLabel: string;
  submitLabel: string;
  snippets?: SnippetSource;
  /** Team chats: the members "@" offers (the composer becomes a combobox; ADR 0040). */
  mentionCandidates?: readonly MentionCandidate[];
}) {
  const { t } = useT();
  const texts = useAttachmentTexts();
  const { attachments } = conversation;
  const [inputProblem, setInputProblem] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const fileId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<CannedReplyPickerHandle>(null);
  const [inserted, setInserted] = useState<string | null>(null);
  const mentionBox = useMentionBox({ candidates: mentionCandidates, text, setText, textRef });
  // At the caret (or over the selection); the caret goes after the insertion, the text stays editable.
  const insert = (snippet: string, title: string) => {
    const box = textRef.current;
    const { text: next, caret } = insertAt(
      text,
      snippet,
      box?.selectionStart ?? text.length,
      box?.selectionEnd ?? text.length,
    );
    setText(next);
    setInserted(title);
    requestAnimationFrame(() => {
      textRef.current?.focus();
      textRef.current?.setSelectionRange(caret, caret);
    });
  };
  const sending = useAction(async (draft: string, files: File[], mentions: string[]) => {
    const sealed = await Promise.all(
      files.map(async (f) => sealFile({ name: f.name, type: f.type, bytes: new Uint8Array(await f.arrayBuffer()) })),
    );
    const sent = conversation.send(draft, sealed, mentions);
    setText("");
    mentionBox.reset();
    if (fileRef.current) fileRef.current.value = "";
    await sent;
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending.pending) return;
    const files = fileRef.current?.files ? [...fileRef.current.files] : [];
    if (text.trim() === "" && files.length === 0) return setInputProblem(t("staffMessages.empty"));
    if (text.length > MAX_TEXT_CHARS) {
      return setInputProblem(
        t("staffMessages.textTooLong", { length: text.length.toLocaleString(), max: MAX_TEXT_CHARS.toLocaleString() }),
      );
    }
    // The organisation's size cap and allowed types, before anything is encrypted.
    if (files.length > 0) {
      const policy = attachments.policy ?? (await attachments.ensurePolicy().catch(() => null));
      const refusal = policy ? texts.refusal(files, policy) : texts.unavailable();
      if (refusal) return setInputProblem(refusal);
    }
    setInputProblem(null);
    await sending.run(text, files, mentionBox.mentions());
  };

  return (
    <>
      {sending.error ? (
        <p className="notice notice--error" role="alert">
          {t("caseView.failed", { code: sending.error })}
        </p>
      ) : null}
      <form className="composer" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={composerId}>{composerLabel}</label>
          <textarea
            id={composerId}
            ref={textRef}
            rows={4}
            value={text}
            {...mentionBox.inputProps}
            aria-describedby={mentionBox.hint ? `${composerId}-mention-hint` : undefined}
            onChange={(e) => {
              setText(e.target.value);
              mentionBox.onChanged(e.target.value, e.target.selectionStart ?? e.target.value.length);
            }}
            aria-keyshortcuts={snippets ? "Alt+T" : undefined}
            onKeyDown={(e) => {
              if (mentionBox.onKeyDown(e)) return;
              // Alt+T by the key's position, so it works where Alt+T types a character (macOS).
              if (snippets && e.altKey && !e.ctrlKey && !e.metaKey && e.code === "KeyT") {
                e.preventDefault();
                picker.current?.open();
              }
            }}
          />
          {mentionBox.listbox}
          {mentionBox.hint ? (
            <p id={`${composerId}-mention-hint`} className="field__hint">
              {mentionBox.hint}
            </p>
          ) : null}
        </div>
        {snippets ? (
          <div className="composer__snippets">
            <CannedReplyPicker
              ref={picker}
              staff={snippets.staff}
              teamId={snippets.teamId}
              informal={snippets.informal}
              onPick={(snippet, reply) => insert(snippet, reply.title)}
            />
            <p role="status" className="field__hint">
              {inserted ? t("cannedReplies.inserted", { title: inserted }) : ""}
            </p>
          </div>
        ) : null}
        {allowFiles ? (
          <div className="field">
            <label htmlFor={fileId}>{t("staffMessages.attach")}</label>
            {attachments.policy ? (
              <p id={`${fileId}-hint`} className="field__hint">
                {texts.hint(attachments.policy)}
              </p>
            ) : null}
            <input
              id={fileId}
              ref={fileRef}
              type="file"
              multiple
              accept={attachments.policy ? acceptAttribute(attachments.policy) : undefined}
              aria-describedby={attachments.policy ? `${fileId}-hint` : undefined}
            />
          </div>
        ) : null}
        {inputProblem ? (
          <p className="field__error" role="alert">
            {inputProblem}
          </p>
        ) : null}
        <p>
          <button type="submit" className="button button--primary" aria-disabled={sending.pending}>
            {sending.pending ? t("staffMessages.sending") : submitLabel}
          </button>
        </p>
      </form>
    </>
  );
}
