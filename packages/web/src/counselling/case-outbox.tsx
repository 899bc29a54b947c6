// SPDX-License-Identifier: AGPL-3.0-or-later
import { useT } from "../i18n/use-t";
import { type OutgoingMessage, WAITS_FOR_ROTATION } from "../messaging/conversation";
import type { UseConversation } from "../messaging/use-conversation";
import { Link } from "../router/router";

const sessionEnded = (code: string | null) => code === "unauthenticated" || code === "session_expired";
const waitsForNetwork = (item: OutgoingMessage) =>
  item.retryable && (item.error === "network_error" || item.error === "timeout");
/** Refused by a busy server (ADR 0039): the store sends it again by itself after a while. */
const waitsForServer = (item: OutgoingMessage) => item.retryable && item.error === "unavailable";
/** Waits for the conversation's new key (ADR 0029): the store sends it again by itself. */
const waitsForKey = (item: OutgoingMessage) => item.error !== null && WAITS_FOR_ROTATION.has(item.error);

/** Messages the server has not stored yet: sending, uploading, waiting for the network, or failed. */
export function Outbox({ items, conversation }: { items: readonly OutgoingMessage[]; conversation: UseConversation }) {
  const { t } = useT();
  // The client's own browser gives the conversation its new key before the message goes (ADR 0029).
  const rotating = conversation.snapshot.rotation === "rotating";
  if (items.length === 0) {
    return (
      <p className={rotating ? "timeline__meta" : "visually-hidden"} role="status">
        {rotating ? t("epochs.client.rotating") : ""}
      </p>
    );
  }
  const errorText = (code: string | null) => {
    if (sessionEnded(code)) return t("clientCase.errors.unauthenticated");
    const known = ["network_error", "timeout", "rate_limited", "too_large", "crypto", "unauthenticated"] as const;
    const match = known.find((k) => k === code);
    return t(`clientCase.errors.${match ?? "other"}`);
  };
  const here = `${window.location.pathname}${window.location.search}`;
  return (
    <ul className="outbox">
      {items.map((item) => (
        <li key={item.clientMsgId} className="timeline__message timeline__message--own timeline__message--pending">
          {item.body.text ? <p className="preserve-lines">{item.body.text}</p> : null}
          {item.state === "failed" && (waitsForKey(item) || waitsForNetwork(item) || waitsForServer(item)) ? (
            // Not lost, only waiting: the store sends it again (same id) once the new key or the connection is there.
            <div className="notice notice--warn" role="status">
              <p>
                {t(
                  waitsForKey(item)
                    ? "epochs.client.waiting"
                    : waitsForServer(item)
                      ? "clientCase.busy"
                      : "clientCase.queued",
                )}
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => void conversation.retry(item.clientMsgId).catch(() => {})}
                >
                  {t("clientCase.retry")}
                </button>
              </div>
            </div>
          ) : item.state === "failed" ? (
            <div className="notice notice--error" role="alert">
              <p>
                {t("clientCase.notSent")} {errorText(item.error)}
              </p>
              {sessionEnded(item.error) ? (
                <p>
                  <Link to={`/login?next=${encodeURIComponent(here)}`}>{t("clientCase.loginAgain")}</Link>
                </p>
              ) : null}
              <div className="actions">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => void conversation.retry(item.clientMsgId).catch(() => {})}
                >
                  {t("clientCase.retry")}
                </button>
              </div>
            </div>
          ) : (
            <p role="status" className="timeline__meta">
              {item.state === "uploading"
                ? t("clientCase.uploading")
                : rotating
                  ? t("epochs.client.rotating")
                  : t("clientCase.sending")}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
