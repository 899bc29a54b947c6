// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { AttachmentItem } from "../components/attachment-item";
import { formatSize } from "../components/attachment-texts";
import { ImagePreview, isPreviewable } from "../components/image-preview";
import { useT } from "../i18n/use-t";
import type { DisplayMessage } from "../messaging/conversation";
import type { DeliveryState } from "../messaging/read-state";
import type { UseAttachments } from "../messaging/use-conversation";

/** Longer texts are folded to their start; "mehr anzeigen" opens them (a long letter does not bury the rest). */
export const FOLD_AFTER = 600;

/** The text up to FOLD_AFTER characters, cut at the last word boundary before it. */
export function foldedText(text: string): string {
  if (text.length <= FOLD_AFTER) return text;
  const cut = text.slice(0, FOLD_AFTER);
  const space = cut.search(/\s\S*$/);
  const kept = (space > FOLD_AFTER / 2 ? cut.slice(0, space) : cut).trimEnd();
  return `${kept || cut} …`;
}

export function MessageItem({
  message,
  sender,
  attachments,
  state = null,
}: {
  message: DisplayMessage;
  sender: string;
  attachments: UseAttachments;
  /** One's own message's state; null for the others'. */
  state?: DeliveryState | null;
}) {
  const { t, i18n } = useT();
  const [open, setOpen] = useState(false);
  const time = new Date(message.createdAt).toLocaleTimeString(i18n.language, { timeStyle: "short" });
  return (
    <>
      <p className="timeline__meta">
        <strong>{sender}</strong> · <time dateTime={new Date(message.createdAt).toISOString()}>{time}</time>
        {message.edited ? ` · ${t("clientCase.edited")}` : null}
        {message.formerKey ? ` · ${t("epochs.formerKey")}` : null}
      </p>
      {message.deleted ? (
        <p className="timeline__problem">{t("clientCase.deleted")}</p>
      ) : message.body ? (
        <>
          {message.body.text ? <MessageText text={message.body.text} open={open} onOpen={setOpen} /> : null}
          {message.body.attachments.length > 0 ? (
            <ul className="attachments">
              {message.body.attachments.map((ref) => (
                <li key={ref.id}>
                  {isPreviewable(ref) ? <ImagePreview attachment={ref} attachments={attachments} /> : null}
                  <AttachmentItem
                    attachment={ref}
                    attachments={attachments}
                    label={t("clientCase.download", { name: ref.name, size: formatSize(ref.size, i18n.language) })}
                    canDelete={message.own}
                    buttonClass="button button--link"
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p className="timeline__problem">
          {message.problem === "unsupported" ? t("clientCase.unsupported") : t("clientCase.unreadable")}
        </p>
      )}
      {state ? (
        <p className="timeline__state">
          <span aria-hidden="true">{state === "sent" ? "✓" : "✓✓"}</span> {t(`clientCase.delivery.${state}`)}
        </p>
      ) : null}
    </>
  );
}

function MessageText({ text, open, onOpen }: { text: string; open: boolean; onOpen: (open: boolean) => void }) {
  const { t } = useT();
  const folds = text.length > FOLD_AFTER;
  return (
    <>
      {/* Messages take their direction from their own text (Arabic in a German page, German in an Arabic one). */}
      <p className="preserve-lines" dir="auto">
        {folds && !open ? foldedText(text) : text}
      </p>
      {folds ? (
        <button type="button" className="button button--link" aria-expanded={open} onClick={() => onOpen(!open)}>
          {open ? t("clientCase.showLess") : t("clientCase.showMore")}
        </button>
      ) : null}
    </>
  );
}
