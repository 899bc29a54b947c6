// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseEventView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";
import type { DisplayMessage } from "../messaging/conversation";
import { deliveryState, type PeerReceipts } from "../messaging/read-state";
import type { UseAttachments } from "../messaging/use-conversation";
import { dayKey, DaySeparator } from "./day-separator";
import { MessageItem } from "./timeline-message";

type Entry = { at: number; key: string } & (
  { kind: "message"; message: DisplayMessage } | { kind: "event"; event: CaseEventView }
);

/**
 * Case events (greeting, accepted, handed over, closed) and messages, interleaved by time, with a
 * separator where the day changes (as messengers do). Own messages sit right, the agency's left, with
 * their state (sent, delivered, read — as far as the organisation shares receipts); "Neue Nachrichten"
 * stands before the first message that arrived since the conversation was last read.
 */
export const UNREAD_MARKER_ID = "unread-marker";

export function CaseTimeline({
  events,
  messages,
  names,
  attachments,
  receipts,
  unreadSeq,
}: {
  events: readonly CaseEventView[];
  messages: readonly DisplayMessage[];
  /** Display names of staff by account id, from the case and its events. */
  names: ReadonlyMap<string, string>;
  attachments: UseAttachments;
  receipts: PeerReceipts;
  /** The message the "new messages" marker stands before (read-state.ts firstUnreadSeq), or null. */
  unreadSeq: number | null;
}) {
  const { t } = useT();
  const entries: Entry[] = [
    ...events
      .filter((event) => event.type !== "opened")
      .map((event): Entry => ({ kind: "event", event, at: event.createdAt, key: `e-${event.id}` })),
    ...messages.map((message): Entry => ({
      kind: "message",
      message,
      at: message.createdAt,
      key: `m-${message.seq}`,
    })),
  ].sort((a, b) => a.at - b.at || (a.kind === "message" ? -1 : 1));
  return (
    <ol className="timeline">
      {entries.flatMap((entry, index) => [
        ...(index === 0 || dayKey(entries[index - 1]!.at) !== dayKey(entry.at)
          ? [<DaySeparator key={`d-${entry.key}`} at={entry.at} />]
          : []),
        ...(entry.kind === "message" && entry.message.seq === unreadSeq
          ? [
              <li key="unread" id={UNREAD_MARKER_ID} className="timeline__unread">
                <span role="status">{t("clientCase.newMessages")}</span>
              </li>,
            ]
          : []),
        entry.kind === "event" ? (
          <li key={entry.key} className={`timeline__event timeline__event--${entry.event.type}`}>
            <EventText event={entry.event} />
          </li>
        ) : (
          <li
            key={entry.key}
            className={entry.message.own ? "timeline__message timeline__message--own" : "timeline__message"}
          >
            <MessageItem
              message={entry.message}
              attachments={attachments}
              state={entry.message.own ? deliveryState(entry.message.seq, receipts) : null}
              sender={
                entry.message.own
                  ? t("clientCase.you")
                  : (names.get(entry.message.senderId) ?? t("clientCase.counsellor"))
              }
            />
          </li>
        ),
      ])}
    </ol>
  );
}

function EventText({ event }: { event: CaseEventView }) {
  const { t } = useT();
  // Staff without a display name come without a name (never their login name): "your counsellor" instead.
  const name = event.assigneeName ?? (event.assigneeId ? null : event.actorName) ?? t("clientCase.unnamedCounsellor");
  switch (event.type) {
    case "greeting":
    case "absence_reply":
      return (
        <>
          <p className="timeline__label">{t(`clientCase.events.${event.type}`)}</p>
          {event.text ? (
            <p className="preserve-lines" dir="auto">
              {event.text}
            </p>
          ) : null}
        </>
      );
    case "handed_over":
      if (!event.assigneeId) return <p>{t("clientCase.events.handed_over_team")}</p>;
      return (
        <p>
          {event.assigneeName
            ? t("clientCase.events.handed_over", { name: event.assigneeName })
            : t("clientCase.events.handed_over_unnamed")}
        </p>
      );
    case "accepted":
    case "assigned":
      return <p>{t(`clientCase.events.${event.type}`, { name })}</p>;
    default:
      return <p>{t(`clientCase.events.${event.type}`)}</p>;
  }
}
