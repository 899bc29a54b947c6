// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deOwedEpochs } from "./de-owed-epochs";

/** English texts of de-owed-epochs.ts (conversations waiting for a new key, on the console's overview). */
export const enOwedEpochs: typeof deOwedEpochs = {
  owedEpochs: {
    heading: "New keys for conversations",
    explain:
      "When someone may no longer read a conversation, it gets a new key: after an offboarding, a handover to another team, or when someone left a chat. The server cannot create this key, because it does not know the keys. The browser of the next person allowed to open the conversation does it by itself. Until then nobody can write in that conversation.",
    none: "No conversation is waiting for a new key.",
    cases_one: "{{count}} conversation in cases is waiting for a new key.",
    cases_other: "{{count}} conversations in cases are waiting for a new key.",
    adminRemoved_one:
      "{{count}} of them after someone was removed from the administration. The team keys must be renewed first.",
    adminRemoved_other:
      "{{count}} of them after someone was removed from the administration. The team keys must be renewed first.",
    chats_one: "{{count}} team chat or channel is waiting for a new key.",
    chats_other: "{{count}} team chats or channels are waiting for a new key.",
    dueByLimit_one:
      "{{count}} conversation reached the limit of messages or days. It gets a new key with the next message.",
    dueByLimit_other:
      "{{count}} conversations reached the limit of messages or days. They get a new key with the next message.",
    mine_one: "You can open {{count}} of these conversations yourself, because you lead the case's team.",
    mine_other: "You can open {{count}} of these conversations yourself, because you lead the case's team.",
    renew: "Renew now in this browser",
    progress: "Creating new keys: {{done}} of {{total}} done. You can keep working meanwhile.",
    done_one: "Done: {{count}} conversation has a new key.",
    done_other: "Done: {{count}} conversations have a new key.",
    partly:
      "{{done}} of {{total}} conversations have a new key. {{failed}} could not be renewed here. That happens as soon as someone from the team opens them.",
  },
};
