// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useAttachmentTexts } from "../components/attachment-texts";
import { useT } from "../i18n/use-t";
import { getSession, subscribeSession } from "../keys/session-store";
import { MAX_TEXT_CHARS } from "../messaging/body";
import { acceptAttribute } from "../messaging/attachment-policy";
import { type SealedFile, sealFile } from "../messaging/attachments";
import type { UseAttachments } from "../messaging/use-conversation";
import { TextArea } from "./text-area";

/**
 * Unsent text per account and case, in memory: it survives the case page
 * being left — for a new login after the session ended — and is dropped once
 * the server stored the message, on logout and on quick exit (both clear the
 * session). On the client's own device (ADR 0027) it is also kept encrypted
 * in the device database (keys/kept-drafts.ts), so a reload, a restored tab
 * or a tab the phone discarded finds it again; on a shared device nothing is
 * written anywhere.
 */
const drafts = new Map<string, string>();
subscribeSession(() => {
  if (!getSession()) drafts.clear();
});

/** Writes in the order typed, so an older save never lands after a newer one. */
let keptWrites: Promise<unknown> = Promise.resolve();
function keepDraft(draftKey: string, text: string): Promise<boolean> {
  const accountId = getSession()?.account.id;
  if (!accountId) return Promise.resolve(false);
  const write = keptWrites.then(async () => {
    const { saveKeptDraft } = await import("../keys/kept-drafts");
    return saveKeptDraft(accountId, draftKey, text);
  });
  keptWrites = write.catch(() => false);
  return write.catch(() => false);
}

export function Composer({
  send,
  attachments,
  ready,
  draftKey,
}: {
  send: (text: string, files?: SealedFile[]) => Promise<void>;
  attachments: UseAttachments;
  /** False while the conversation is still being opened (history, keys): sending waits for it. */
  ready: boolean;
  draftKey: string;
}) {
  const { t } = useT();
  const texts = useAttachmentTexts();
  const [text, setTextState] = useState(() => drafts.get(draftKey) ?? "");
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  /** The text last written to this device's draft store (own device only); shown as "saved". */
  const [keptText, setKeptText] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // After a reload on the person's own device: the kept draft, unless they started typing already.
  useEffect(() => {
    const accountId = getSession()?.account.id;
    if (!accountId || drafts.has(draftKey)) return;
    let live = true;
    void import("../keys/kept-drafts")
      .then(({ loadKeptDraft }) => loadKeptDraft(accountId, draftKey))
      .then((kept) => {
        if (!live || kept === null || drafts.has(draftKey)) return;
        drafts.set(draftKey, kept);
        setTextState((current) => (current === "" ? kept : current));
        setKeptText(kept);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [draftKey]);

  const persist = (next: string) =>
    void keepDraft(draftKey, next).then((kept) => {
      if (kept) setKeptText(next);
    });

  const setText = (value: string | ((current: string) => string)) =>
    setTextState((current) => {
      const next = typeof value === "function" ? value(current) : value;
      if (next !== "") drafts.set(draftKey, next);
      else drafts.delete(draftKey);
      if (next !== current) persist(next);
      return next;
    });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (text.trim() === "" && files.length === 0) {
      setError(t("clientCase.empty"));
      return;
    }
    // Checked before anything is cleared: the text stays in the editor to be shortened or split.
    if (text.length > MAX_TEXT_CHARS) {
      setError(
        t("clientCase.textTooLong", { max: MAX_TEXT_CHARS.toLocaleString(), length: text.length.toLocaleString() }),
      );
      return;
    }
    // The organisation's size cap and allowed types, before anything is encrypted.
    if (files.length > 0) {
      const policy = attachments.policy ?? (await attachments.ensurePolicy().catch(() => null));
      const refusal = policy ? texts.refusal(files, policy) : texts.unavailable();
      if (refusal) {
        setError(refusal);
        return;
      }
    }
    if (!ready) {
      setError(t("clientCase.notReady"));
      return;
    }
    setError(null);
    const draft = text;
    const picked = files;
    // The outbox keeps the text (and the sealed files) until the server stored the message;
    // the draft memory keeps it too, until then, for a new login if the session ended meanwhile.
    setTextState("");
    setFiles([]);
    if (fileInput.current) fileInput.current.value = "";
    try {
      const sealed = await Promise.all(
        picked.map(async (file) =>
          sealFile({ name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }),
        ),
      );
      await send(draft, sealed);
      if (drafts.get(draftKey) === draft) {
        drafts.delete(draftKey);
        persist("");
      }
    } catch {
      // Shown in the outbox with a retry button; if sealing failed, the text returns to the editor.
      setText((current) => (current === "" ? draft : current));
    }
  };

  return (
    <form className="form composer" noValidate onSubmit={(event) => void submit(event)}>
      <TextArea id="case-compose" label={t("clientCase.compose")} value={text} onValue={setText} rows={2} />
      {/* Said only where it is true: on the person's own device, once this very text is stored. */}
      <p className="field__hint" role="status">
        {text !== "" && keptText === text ? t("keptDevice.draftKept") : null}
      </p>
      {error ? (
        <p id="case-compose-error" className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {/* One compact row under the text, so the composer stays small at the bottom of a phone screen:
          attaching opens on request (with the allowed types), "Senden" sits on the right. */}
      <div className="composer__actions">
        <details className="composer__attach">
          <summary>
            {t("clientCase.attach")}
            {files.length > 0 ? ` (${files.length})` : null}
          </summary>
          <div className="field">
            <label htmlFor="case-files">{t("clientCase.attachChoose")}</label>
            <p id="case-files-hint" className="field__hint">
              {attachments.policy ? texts.hint(attachments.policy) : t("clientCase.attachHint")}
            </p>
            <input
              id="case-files"
              ref={fileInput}
              type="file"
              multiple
              accept={attachments.policy ? acceptAttribute(attachments.policy) : undefined}
              aria-describedby="case-files-hint"
              onChange={(event) => setFiles([...(event.target.files ?? [])])}
            />
          </div>
        </details>
        <button type="submit" className="button button--primary">
          {t("clientCase.send")}
        </button>
      </div>
    </form>
  );
}
