// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseEventView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";
import { firstUnreadSeq } from "../messaging/read-state";
import type { UseConversation } from "../messaging/use-conversation";
import { Outbox } from "./case-outbox";
import { CaseTimeline } from "./case-timeline";

/** The case's history: older pages on request, the timeline as a live log, then the outbox. */
export function CaseHistory({
  events,
  names,
  conversation,
}: {
  events: readonly CaseEventView[];
  names: ReadonlyMap<string, string>;
  conversation: UseConversation;
}) {
  const { t } = useT();
  const { snapshot } = conversation;
  return (
    <section className="section" aria-labelledby="case-history">
      <h2 id="case-history">{t("clientCase.history")}</h2>
      {snapshot.hasOlder ? (
        <button type="button" className="button" onClick={() => void conversation.loadOlder()}>
          {t("clientCase.older")}
        </button>
      ) : null}
      {snapshot.status === "loading" ? <p role="status">{t("common.loading")}</p> : null}
      <div role="log" aria-live="polite" aria-labelledby="case-history">
        <CaseTimeline
          events={events}
          messages={snapshot.messages}
          names={names}
          attachments={conversation.attachments}
          receipts={snapshot.receipts}
          unreadSeq={firstUnreadSeq(snapshot.messages, snapshot.unreadAfter)}
        />
      </div>
      <Outbox items={snapshot.outbox} conversation={conversation} />
    </section>
  );
}
