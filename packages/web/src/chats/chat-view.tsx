// SPDX-License-Identifier: AGPL-3.0-or-later
import { useCallback, useEffect, useMemo, useRef } from "react";
import { useLoad } from "../api/use-action";
import { Section } from "../components/page";
import type { Ready } from "../counsellor/case-types";
import { ConversationPanel } from "../counsellor/conversation-panel";
import { useT } from "../i18n/use-t";
import { type DisplayMessage, getConversation, useConversation } from "../messaging";
import { useMarkRead } from "../messaging/use-mark-read";
import { followingTrust } from "../messaging/trust";
import { chatRotator, staffChatTrust } from "./chat-keys";
import { ChatMembers } from "./chat-members";
import type { ChatSummary, Colleague } from "./use-chats";

/**
 * One open chat: its members (chat-members.tsx: added and removed by the creator of a team chat, or by a member
 * who is an administrator or team lead), the decrypted messages with their senders' names, and the composer, where
 * "@" mentions a member of a team chat (ADR 0040). A removal makes the chat owe a new epoch; the next browser that
 * sends makes it, for the members the server lists now (chat-keys.ts `chatRotator`).
 */
export function ChatView({
  staff,
  chat,
  title,
  nameOf,
  plainNameOf,
  manages,
  colleagues,
  onMembersChanged,
  onLeft,
}: {
  staff: Ready;
  chat: ChatSummary;
  title: string;
  nameOf: (accountId: string) => string;
  /** A member's chosen name as the directory has it (also mine: what "@" writes), or undefined. */
  plainNameOf: (accountId: string) => string | undefined;
  /** I am an administrator or lead a team: I may change members of team chats I belong to. */
  manages: boolean;
  colleagues: readonly Colleague[];
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

  // Someone else added or removed a member: the chat list learnt it (conversation_updated); the list here follows.
  const memberKey = chat.memberIds.join(",");
  const shownKey = useRef(memberKey);
  const { reload } = details;
  useEffect(() => {
    if (shownKey.current === memberKey) return;
    shownKey.current = memberKey;
    void reload().catch(() => {});
  }, [memberKey, reload]);

  const members = details.kind === "ready" ? details.value.members : [];
  const iOwn = details.kind === "ready" && details.value.conversation.role === "owner";
  // "@" offers the others of a team chat, by the name they chose (ADR 0040); the mention is sealed in the body.
  const mentionCandidates = useMemo(
    () =>
      chat.kind === "team"
        ? members
            .filter((m) => m.accountId !== staff.accountId)
            .flatMap((m) => {
              const name = plainNameOf(m.accountId);
              return name ? [{ accountId: m.accountId, name }] : [];
            })
        : undefined,
    [chat.kind, members, staff.accountId, plainNameOf],
  );
  const mentions = useMemo(() => ({ selfId: staff.accountId, nameOf: plainNameOf }), [staff.accountId, plainNameOf]);

  return (
    <Section title={title}>
      {details.kind === "ready" ? (
        <ChatMembers
          staff={staff}
          chat={chat}
          members={members}
          iOwn={iOwn}
          manages={manages}
          colleagues={colleagues}
          nameOf={nameOf}
          onChanged={async () => {
            await details.reload().catch(() => {});
            onMembersChanged();
          }}
          onLeft={onLeft}
        />
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
        mentionCandidates={mentionCandidates}
        mentions={chat.kind === "team" ? mentions : undefined}
      />
    </Section>
  );
}
