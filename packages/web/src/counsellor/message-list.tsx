// SPDX-License-Identifier: AGPL-3.0-or-later
import { AttachmentItem } from "../components/attachment-item";
import { useT } from "../i18n/use-t";
import type { DisplayMessage, UseConversation } from "../messaging";
import { splitMentions } from "../messaging/mentions";
import { formatDateTime } from "../staff/format";

/** How a team chat shows mentions (ADR 0040): whose "@Name" is highlighted, and who reads (marked when mentioned). */
export interface MentionDisplay {
  selfId: string;
  /** The name the sender's browser wrote after "@" (the member's chosen name), or undefined. */
  nameOf: (accountId: string) => string | undefined;
}

/** A message's text, with "@Name" of its mentioned members highlighted. */
function MessageText({
  text,
  mentioned,
  display,
}: {
  text: string;
  mentioned: readonly string[];
  display?: MentionDisplay;
}) {
  if (!display || mentioned.length === 0) return <p className="message__text">{text}</p>;
  return (
    <p className="message__text">
      {splitMentions(text, mentioned, display.nameOf).map((piece, i) =>
        piece.mention ? (
          <mark key={i} className={piece.mention === display.selfId ? "mention mention--me" : "mention"}>
            {piece.text}
          </mark>
        ) : (
          piece.text
        ),
      )}
    </p>
  );
}

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
  mentions,
}: {
  conversation: UseConversation;
  nameOf: (m: DisplayMessage) => string;
  label: string;
  onDiscarded: (text: string) => void;
  /** Scrolls within a capped height (split view), so it must be reachable by keyboard to scroll. */
  scrollable?: boolean;
  mentions?: MentionDisplay;
}) {
  const { t, i18n } = useT();
  const { snapshot, attachments } = conversation;
  return (
    <ol
      className={scrollable ? "message-list message-list--scroll" : "message-list"}
      aria-label={label}
      tabIndex={scrollable ? 0 : undefined}
    >
      {snapshot.messages.map((m, i, all) => {
        // Team chats: messages written before I joined (no key of their epoch for me) — one line for each run.
        if (mentions && m.problem === "noKey" && !m.deleted) {
          if (all[i - 1]?.problem === "noKey" && !all[i - 1]!.deleted) return null;
          let run = 1;
          while (all[i + run]?.problem === "noKey" && !all[i + run]!.deleted) run += 1;
          return (
            <li key={m.seq} className="message" data-seq={m.seq}>
              <p>{t("staffMessages.beforeJoining", { count: run })}</p>
            </li>
          );
        }
        const mentionsMe = !!mentions && !m.own && !m.deleted && (m.body?.mentions ?? []).includes(mentions.selfId);
        return (
          <li
            key={m.seq}
            className={`message${m.own ? " message--own" : ""}${mentionsMe ? " message--mentioned" : ""}`}
            data-seq={m.seq}
          >
            <p className="message__meta">
              {nameOf(m)} · {formatDateTime(i18n.language, m.createdAt)}
              {m.edited ? ` · ${t("staffMessages.edited")}` : ""}
              {m.formerKey ? ` · ${t("epochs.formerKey")}` : ""}
              {mentionsMe ? <strong> · {t("chats.mention.you")}</strong> : null}
            </p>
            {m.deleted ? (
              <p>{t("staffMessages.deleted")}</p>
            ) : m.body ? (
              <>
                {m.body.text ? (
                  <MessageText text={m.body.text} mentioned={m.body.mentions ?? []} display={mentions} />
                ) : null}
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
        );
      })}
      {snapshot.outbox.map((o) => (
        <li key={o.clientMsgId} className="message message--own">
          <p className="message__meta">
            {o.state !== "failed"
              ? t("staffMessages.sending")
              : o.error === "membership_ended"
                ? t("chats.membershipEnded")
                : t("staffMessages.failed", { code: o.error ?? "error" })}
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
