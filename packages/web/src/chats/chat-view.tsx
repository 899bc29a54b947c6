// SPDX-License-Identifier: AGPL-3.0-or-later
import { useCallback, useMemo, useState } from "react";
import { useAction, useLoad } from "../api/use-action";
import { Section } from "../components/page";
import type { Ready } from "../counsellor/case-types";
import { ConversationPanel } from "../counsellor/conversation-panel";
import { useT } from "../i18n/use-t";
import { type DisplayMessage, getConversation, useConversation } from "../messaging";
import { useMarkRead } from "../messaging/use-mark-read";
import { followingTrust } from "../messaging/trust";
import { chatRotator, staffChatTrust } from "./chat-keys";
import { removeConversationMember } from "./endpoints";
import type { ChatSummary } from "./use-chats";

/**
 * One open chat: its members (the creator of a team chat may remove one), the decrypted messages with their
 * senders' names, and the composer. A removal makes the chat owe a new epoch; the next browser that sends makes
 * it, for the members the server lists now (chat-keys.ts `chatRotator`).
 */
export function ChatView({
  staff,
  chat,
  title,
  nameOf,
  onMembersChanged,
  onLeft,
}: {
  staff: Ready;
  chat: ChatSummary;
  title: string;
  nameOf: (accountId: string) => string;
  onMembersChanged: () => void;
  /** I left the chat: it is gone from my list. */
  onLeft: () => void;
}) {
  const { t } = useT();
  const { messaging } = staff;
  const details = useLoad(
    (signal) => messaging.api.request(getConversation, { params: { id: chat.id }, signal }),
    [messaging, chat.id],
  );
  const orgLog = useLoad(() => messaging.orgLogs.load(staff.orgId), [messaging, staff.orgId]);
  const verifiedLog = orgLog.kind === "ready" ? orgLog.value : null;
  // The store is made again whenever this object changes: only the verified log and the chat may change it.
  const setup = useMemo(() => {
    if (!verifiedLog) return null;
    return {
      // Follows the log: a colleague certified after this page opened is trusted once the log shows them.
      trust: followingTrust({
        orgLog: verifiedLog,
        load: () => messaging.orgLogs.load(staff.orgId),
        build: staffChatTrust,
      }),
      rotator: chatRotator({
        api: messaging.api,
        orgLogs: messaging.orgLogs,
        organisationId: staff.orgId,
        conversationId: chat.id,
        memberIds: async () =>
          (await messaging.api.request(getConversation, { params: { id: chat.id } })).members.map((m) => m.accountId),
        signer: messaging.keys.signing,
      }),
    };
  }, [verifiedLog, messaging, staff.orgId, chat.id]);
  const conversation = useConversation(messaging, chat.id, setup);
  useMarkRead(conversation);

  const messageName = useCallback(
    (m: Pick<DisplayMessage, "senderId" | "own">) => (m.own ? t("staffMessages.you") : nameOf(m.senderId)),
    [nameOf, t],
  );

  const members = details.kind === "ready" ? details.value.members : [];
  const iOwn = details.kind === "ready" && details.value.conversation.role === "owner";
  const mayRemove = iOwn && chat.kind === "team";
  const [confirming, setConfirming] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const removal = useAction(async (accountId: string) => {
    await messaging.api.request(removeConversationMember, { params: { id: chat.id, accountId } });
    setConfirming(null);
    setRemoved(nameOf(accountId));
    await details.reload().catch(() => {});
    onMembersChanged();
  });

  // A member who did not start a team chat may leave it: like a removal, the next message gets a key without them.
  const mayLeave = details.kind === "ready" && !iOwn && chat.kind === "team";
  const [leaving, setLeaving] = useState(false);
  const leave = useAction(async () => {
    await messaging.api.request(removeConversationMember, { params: { id: chat.id, accountId: staff.accountId } });
    onLeft();
  });

  return (
    <Section title={title}>
      <h3 id="chat-members-heading">{t("chats.members.title")}</h3>
      <ul className="chats__members" aria-labelledby="chat-members-heading">
        {members.map((m) => (
          <li key={m.accountId}>
            <span>
              {nameOf(m.accountId)}
              {m.role === "owner" ? ` (${t("chats.members.creator")})` : ""}
            </span>
            {mayRemove && m.accountId !== staff.accountId ? (
              confirming === m.accountId ? (
                <span className="chats__confirm">
                  <span>{t("chats.members.confirm", { name: nameOf(m.accountId) })}</span>
                  <button
                    type="button"
                    className="button"
                    aria-disabled={removal.pending}
                    onClick={() => void removal.run(m.accountId)}
                  >
                    {t("chats.members.confirmRemove", { name: nameOf(m.accountId) })}
                  </button>
                  <button type="button" className="button button--link" onClick={() => setConfirming(null)}>
                    {t("chats.members.cancel")}
                  </button>
                </span>
              ) : (
                <button type="button" className="button" onClick={() => setConfirming(m.accountId)}>
                  {t("chats.members.remove", { name: nameOf(m.accountId) })}
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
      {removal.error ? (
        <p className="notice notice--error" role="alert">
          {t("chats.members.removeFailed", { code: removal.error })}
        </p>
      ) : null}
      {removed ? <p role="status">{t("chats.members.removed", { name: removed })}</p> : null}
      {mayLeave ? (
        <p className="chats__confirm">
          {leaving ? (
            <>
              <span>{t("chats.leave.confirm")}</span>
              <button type="button" className="button" aria-disabled={leave.pending} onClick={() => void leave.run()}>
                {t("chats.leave.confirmLeave")}
              </button>
              <button type="button" className="button button--link" onClick={() => setLeaving(false)}>
                {t("chats.members.cancel")}
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setLeaving(true)}>
              {t("chats.leave.button")}
            </button>
          )}
        </p>
      ) : null}
      {leave.error ? (
        <p className="notice notice--error" role="alert">
          {t("chats.leave.failed", { code: leave.error })}
        </p>
      ) : null}
      <h3>{t("chats.messages")}</h3>
      <ConversationPanel
        conversation={conversation}
        nameOf={messageName}
        canWrite
        label={t("chats.messages")}
        emptyText={t("chats.empty")}
        allowFiles
        composerId="chat-reply"
        composerLabel={t("chats.composer")}
        submitLabel={t("staffMessages.send")}
      />
    </Section>
  );
}
