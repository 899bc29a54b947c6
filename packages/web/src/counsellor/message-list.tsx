// SPDX-License-Identifier: AGPL-3.0-or-later
import { AttachmentItem } from "../components/attachment-item";
import { useT } from "../i18n/use-t";
import type { DisplayMessage, UseConversation } from "../messaging";
import { formatDateTime } from "../staff/format";

/**
 * The decrypted messages of one conversation, then the outbox: what failed
 * can be sent again or discarded (its text goes back to the composer).
 */
export function MessageList({
  conversation,
  nameOf,
  label,
  onDiscarded,
  scrollable = false,
}: {
  conversation: UseConversation;
  nameOf: (m: DisplayMessage) => string;
  label: string;
  onDiscarded: (text: string) => void;
  /** Scrolls within a capped height (split view), so it must be reachable by keyboard to scroll. */
  scrollable?: boolean;
}) {
  const { t, i18n } = useT();
  const { snapshot, attachments } = conversation;
  return (
    <ol
      className={scrollable ? "message-list message-list--scroll" : "message-list"}
      aria-label={label}
      tabIndex={scrollable ? 0 : undefined}
    >
      {snapshot.messages.map((m) => (
        <li key={m.seq} className={m.own ? "message message--own" : "message"} data-seq={m.seq}>
          <p className="message__meta">
            {nameOf(m)} · {formatDateTime(i18n.language, m.createdAt)}
            {m.edited ? ` · ${t("staffMessages.edited")}` : ""}
            {m.formerKey ? ` · ${t("epochs.formerKey")}` : ""}
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
                  onDiscarded(o.body.text);
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
  );
}
