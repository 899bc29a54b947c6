// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect } from "react";
import { useLoad } from "../api/use-action";
import { listTeams, teamMembers } from "../counsellor/endpoints";
import { ConversationKeyring, getConversation, participantKeySource } from "../messaging";
import type { Ready } from "../counsellor/case-types";
import { openChatTitle, staffChatTrust } from "./chat-keys";
import { listConversations, staffDirectory } from "./endpoints";

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

/** A colleague of the organisation: the name they chose to be shown (else their login name) and their login name. */
export interface Colleague {
  accountId: string;
  name: string;
  username: string;
}

/**
 * The teams I belong to, with their members (for a team chat), and the organisation's staff directory: every
 * active colleague by display name (for a direct chat and for naming chat members). Without the directory (an
 * older server) the colleagues are the members of my teams, by login name.
 */
export function useDirectory(staff: Ready) {
  const { api } = staff.messaging;
  return useLoad(
    async (signal): Promise<{ teams: ChatTeam[]; colleagues: Colleague[]; leadsTeam: boolean }> => {
      const { teams } = await api.request(listTeams, { params: { orgId: staff.orgId }, signal });
      const mine = teams.filter((t) => t.myRole !== null);
      const [withMembers, directory] = await Promise.all([
        Promise.all(
          mine.map(async (t) => ({
            id: t.id,
            name: t.name,
            members: (await api.request(teamMembers, { params: { orgId: staff.orgId, teamId: t.id }, signal })).members,
          })),
        ),
        api.request(staffDirectory, { params: { orgId: staff.orgId }, signal }).catch(() => null),
      ]);
      const colleagues = new Map<string, Colleague>();
      for (const team of withMembers)
        for (const m of team.members)
          colleagues.set(m.accountId, { accountId: m.accountId, name: m.username, username: m.username });
      for (const s of directory?.staff ?? [])
        colleagues.set(s.accountId, {
          accountId: s.accountId,
          name: s.displayName ?? s.username,
          username: s.username,
        });
      return {
        teams: withMembers,
        colleagues: [...colleagues.values()],
        leadsTeam: teams.some((t) => t.myRole === "lead"),
      };
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
  // A chat a colleague starts with me, or titles, shows at once (`conversation_updated`), not only when I come back.
  useEffect(() => realtime.onConversationUpdated(() => void reload().catch(() => {})), [realtime, reload]);
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
