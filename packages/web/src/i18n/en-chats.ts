// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deChats } from "./de-chats";

/** English texts of de-chats.ts (team chats and direct chats among staff). */
export const enChats: typeof deChats = {
  chats: {
    nav: "Team chats",
    title: "Team chats",
    lead: "Chats with colleagues, end-to-end encrypted: only a chat's members can read it.",
    listTitle: "Your chats",
    loading: "Loading chats …",
    loadFailed: "The chats could not be loaded ({{code}}).",
    none: "You have no chats yet.",
    pick: "Choose a chat or start a new one.",
    you: "You",
    someone: "A colleague",
    onlyYou: "only you",
    directWith: "Direct chat with {{name}}",
    teamWith: "Team chat with {{names}}",
    unread: "{{count}} new",
    messages: "Messages",
    empty: "No messages in this chat yet.",
    composer: "Message",
    members: {
      title: "Members",
      creator: "started the chat",
      remove: "Remove {{name}}",
      confirm: "{{name}} will not be able to read new messages in this chat.",
      confirmRemove: "Remove {{name}} now",
      cancel: "Cancel",
      removed: "{{name}} was removed from the chat. The next message gets a new key without them.",
      removeFailed: "The member could not be removed ({{code}}).",
    },
    new: {
      title: "New chat",
      kind: "Kind of chat",
      direct: "Direct chat with a colleague",
      team: "Team chat with one of your teams",
      person: "Colleague",
      teamField: "Team",
      noColleagues: "There are no colleagues in your teams yet.",
      noTeams: "You do not belong to a team yet.",
      teamAlone: "You are the only member of this team so far.",
      start: "Start chat",
      starting: "Setting up the chat …",
      failed: "The chat could not be started ({{code}}).",
    },
  },
};
