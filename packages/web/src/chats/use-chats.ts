// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect } from "react";
import { useLoad } from "../api/use-action";
import { listTeams, teamMembers } from "../counsellor/endpoints";
import { ConversationKeyring, getConversation, participantKeySource } from "../messaging";
import type { Ready } from "../counsellor/case-types";
import { openChatTitle, staffChatTrust } from "./chat-keys";
import { listConversations } from "./endpoints";

/** A team I belong to, with its members (me included). */
export interface ChatTeam {
  id: string;
  name: string;
  members: { accountId: string; username: string }[];
}

/** One of my chats as the list shows it. */
export interface ChatSummary {
  id: string;
  kind: "team" | "direct";
  role: string;
  unread: number;
  lastSeq: number;
  memberIds: string[];
  /** The chat's title, opened in this browser (signed by its creator); null: none. */
  title: string | null;
}

/**
 * The colleagues I can start a chat with: the members of my teams (the teams' member lists are what staff may
 * read). Names are login names, as the case page shows them.
 */
export function useDirectory(staff: Ready) {
  const { api } = staff.messaging;
  return useLoad(
    async (signal): Promise<ChatTeam[]> => {
      const { teams } = await api.request(listTeams, { params: { orgId: staff.orgId }, signal });
      const mine = teams.filter((t) => t.myRole !== null);
      return Promise.all(
        mine.map(async (t) => ({
          id: t.id,
          name: t.name,
          members: (await api.request(teamMembers, { params: { orgId: staff.orgId, teamId: t.id }, signal })).members,
        })),
      );
    },
    [api, staff.orgId],
  );
}

/** My team and direct chats with their members and unread counts, newest activity first; reloaded on messages. */
export function useChatList(staff: Ready) {
  const { messaging } = staff;
  const { api, realtime } = messaging;
  const list = useLoad(
    async (signal): Promise<ChatSummary[]> => {
      const { conversations } = await api.request(listConversations, { signal });
      const chats = conversations.filter((c) => c.kind === "team" || c.kind === "direct");
      const titled = chats.some((c) => c.titleEnvelope);
      const trust = titled ? staffChatTrust(await messaging.orgLogs.load(staff.orgId)) : null;
      return Promise.all(
        chats.map(async (c) => {
          const { members } = await api.request(getConversation, { params: { id: c.id }, signal });
          const ownerId = members.find((m) => m.role === "owner")?.accountId;
          const title =
            c.titleEnvelope && trust && ownerId
              ? await openChatTitle({
                  envelope: c.titleEnvelope,
                  conversationId: c.id,
                  ownerId,
                  trust,
                  keyring: new ConversationKeyring({
                    api,
                    conversationId: c.id,
                    registry: messaging.epochs,
                    keySource: participantKeySource(messaging.keys.encryption.secretKey),
                    trust,
                  }),
                })
              : null;
          return {
            id: c.id,
            kind: c.kind as "team" | "direct",
            role: c.role,
            unread: c.unread,
            lastSeq: c.lastSeq,
            memberIds: members.map((m) => m.accountId),
            title,
          };
        }),
      );
    },
    [messaging, staff.orgId],
  );
  const { reload } = list;
  // Unread marks follow new messages live: every listed chat is followed from its newest message on.
  const followed = list.kind === "ready" ? list.value.map((c) => `${c.id}:${c.lastSeq}`).join(",") : "";
  useEffect(() => {
    if (!followed) return;
    const stops = followed.split(",").map((entry) => {
      const [id, seq] = entry.split(":");
      return realtime.subscribe(id!, Number(seq), () => void reload().catch(() => {}));
    });
    return () => stops.forEach((stop) => stop());
  }, [realtime, reload, followed]);
  return list;
}
