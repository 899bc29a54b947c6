// SPDX-License-Identifier: AGPL-3.0-or-later
import { useCallback, useMemo, useState } from "react";
import { Page, Section } from "../components/page";
import type { Ready } from "../counsellor/case-types";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import { StaffGate } from "../staff/staff-gate";
import { ChatView } from "./chat-view";
import { NewChatForm } from "./new-chat-form";
import { type ChatSummary, useChatList, useDirectory } from "./use-chats";
import "../counsellor/counsellor.css";
import "./chats.css";

/**
 * /chats — "Team-Chats" in the staff shell (issue #16): my team chats and direct chats with colleagues, end-to-end
 * encrypted like cases (chat-keys.ts; docs/CRYPTO.md §7e). The list on one side, the open chat with its members
 * and composer on the other; a new chat with a colleague or with a team I belong to.
 */
export function ChatsPage() {
  const { t } = useT();
  return <StaffGate title={t("chats.title")}>{(staff) => <ChatsScreen staff={staff} />}</StaffGate>;
}

function ChatsScreen({ staff }: { staff: Ready }) {
  const { t } = useT();
  const directory = useDirectory(staff);
  const chats = useChatList(staff);
  const [openId, setOpenId] = useState<string | null>(null);

  const teams = directory.kind === "ready" ? directory.value.teams : null;
  const colleagues = directory.kind === "ready" ? directory.value.colleagues : null;
  // Members are named as the organisation's directory shows them: by the name they chose, else their login name.
  const names = useMemo(() => new Map((colleagues ?? []).map((c) => [c.accountId, c.name])), [colleagues]);
  const plainNameOf = useCallback((accountId: string) => names.get(accountId), [names]);
  // Administrators and team leads change the members of team chats they belong to (ADR 0040), as the server allows.
  const role = useSession()?.account.role;
  const manages = role === "org_admin" || (directory.kind === "ready" && directory.value.leadsTeam);
  const nameOf = useCallback(
    (accountId: string) =>
      accountId === staff.accountId ? t("chats.you") : (names.get(accountId) ?? t("chats.someone")),
    [names, staff.accountId, t],
  );
  const titleOf = useCallback(
    (chat: ChatSummary) => {
      const others = chat.memberIds.filter((id) => id !== staff.accountId).map(nameOf);
      if (chat.kind === "direct") return t("chats.directWith", { name: others[0] ?? t("chats.someone") });
      return chat.title ?? t("chats.teamWith", { names: others.join(", ") || t("chats.onlyYou") });
    },
    [nameOf, staff.accountId, t],
  );

  const list = chats.kind === "ready" ? chats.value : [];
  const open = list.find((c) => c.id === openId) ?? null;

  return (
    <Page title={t("chats.title")} lead={t("chats.lead")}>
      <div className="chats">
        <div className="chats__list">
          <Section title={t("chats.listTitle")}>
            {chats.kind === "loading" ? <p role="status">{t("chats.loading")}</p> : null}
            {chats.kind === "failed" ? (
              <p className="notice notice--error">{t("chats.loadFailed", { code: chats.error })}</p>
            ) : null}
            {chats.kind === "ready" && list.length === 0 ? <p>{t("chats.none")}</p> : null}
            {list.length > 0 ? (
              <ul className="chats__entries">
                {list.map((chat) => (
                  <li key={chat.id}>
                    <button
                      type="button"
                      className="chats__entry"
                      aria-current={chat.id === openId ? "true" : undefined}
                      onClick={() => setOpenId(chat.id)}
                    >
                      <span>{titleOf(chat)}</span>
                      {chat.unread > 0 && chat.id !== openId ? (
                        <span className="chats__unread">{t("chats.unread", { count: chat.unread })}</span>
                      ) : null}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </Section>
          <NewChatForm
            staff={staff}
            teams={teams ?? []}
            colleagues={colleagues ?? []}
            chats={list}
            onOpen={async (id) => {
              await chats.reload().catch(() => {});
              setOpenId(id);
            }}
          />
        </div>
        <div className="chats__open">
          {open ? (
            <ChatView
              key={open.id}
              staff={staff}
              chat={open}
              title={titleOf(open)}
              nameOf={nameOf}
              plainNameOf={plainNameOf}
              manages={manages}
              colleagues={colleagues ?? []}
              onMembersChanged={() => void chats.reload().catch(() => {})}
              onLeft={() => {
                setOpenId(null);
                void chats.reload().catch(() => {});
              }}
            />
          ) : (
            <p>{t("chats.pick")}</p>
          )}
        </div>
      </div>
    </Page>
  );
}
