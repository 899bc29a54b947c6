// SPDX-License-Identifier: AGPL-3.0-or-later
import { useId, useRef, useState, type FormEvent } from "react";
import { AttachmentItem, useAttachmentTexts } from "../components/attachment-item";
import { useT } from "../i18n/use-t";
import { type DisplayMessage, type UseConversation, acceptAttribute, sealFile } from "../messaging";
import { MAX_TEXT_CHARS } from "../messaging/body";
import { formatDateTime } from "../staff/format";
import { errorCode } from "../staff/use-staff";

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
}) {
  const { t, i18n } = useT();
  const texts = useAttachmentTexts();
  const { snapshot, attachments } = conversation;
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [inputProblem, setInputProblem] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const fileId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const files = fileRef.current?.files ? [...fileRef.current.files] : [];
    // Bad input is explained and nothing typed is cleared.
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
    setBusy(true);
    setProblem(null);
    try {
      const sealed = await Promise.all(
        files.map(async (f) => sealFile({ name: f.name, type: f.type, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      const sending = conversation.send(text, sealed);
      setText("");
      if (fileRef.current) fileRef.current.value = "";
      await sending;
    } catch (error) {
      setProblem(errorCode(error));
    } finally {
      setBusy(false);
    }
  };

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
      <ol className="message-list" aria-label={label}>
        {snapshot.messages.map((m) => (
          <li key={m.seq} className={m.own ? "message message--own" : "message"} data-seq={m.seq}>
            <p className="message__meta">
              {nameOf(m)} · {formatDateTime(i18n.language, m.createdAt)}
              {m.edited ? ` · ${t("staffMessages.edited")}` : ""}
            </p>
            {m.deleted ? (
              <p>{t("staffMessages.deleted")}</p>
            ) : m.body ? (
              <>
                {m.body.text ? <p className="message__text">{m.body.text}</p> : null}
                {m.body.attachments.map((a) => (
                  <p key={a.id}>
                    <AttachmentItem
                      attachment={a}
                      attachments={attachments}
                      label={t("staffMessages.download", { name: a.name })}
                      canDelete={m.own}
                    />
                  </p>
                ))}
              </>
            ) : (
              <p>{m.problem === "unsupported" ? t("staffMessages.unsupported") : t("staffMessages.unreadable")}</p>
            )}
          </li>
        ))}
        {snapshot.outbox.map((o) => (
          <li key={o.clientMsgId} className="message message--own">
            <p className="message__meta">
              {o.state === "failed"
                ? t("staffMessages.failed", { code: o.error ?? "error" })
                : t("staffMessages.sending")}
            </p>
            <p className="message__text">{o.body.text}</p>
            {o.state === "failed" ? (
              <div className="button-row">
                <button type="button" className="button" onClick={() => void conversation.retry(o.clientMsgId)}>
                  {t("staffMessages.retry")}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setText(o.body.text);
                    conversation.discard(o.clientMsgId);
                  }}
                >
                  {t("staffMessages.discard")}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {problem ? (
        <p className="notice notice--error" role="alert">
          {t("caseView.failed", { code: problem })}
        </p>
      ) : null}
      {canWrite && snapshot.status === "ready" ? (
        <form className="composer" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor={composerId}>{composerLabel}</label>
            <textarea id={composerId} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
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
            <button type="submit" className="button button--primary" aria-disabled={busy}>
              {busy ? t("staffMessages.sending") : submitLabel}
            </button>
          </p>
        </form>
      ) : null}
    </div>
  );
}
