// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deEpochs } from "./de-epochs";

/** English texts of de-epochs.ts (a conversation's new key; the messaging policy's limits). */
export const enEpochs: typeof deEpochs = {
  epochs: {
    formerKey: "key no longer active",
    staff: {
      rotating: "This conversation is getting a new key …",
      rotated: "New key created. Whoever left the conversation cannot open new messages.",
      waiting:
        "This conversation needs a new key. An administrator must first renew the team key. Your message will be sent then.",
      failed: "The new key for this conversation could not be created (error: {{code}}).",
    },
    client: {
      rotating: "The conversation is getting a new key …",
      waiting:
        "Your message can be sent in a moment. The conversation is getting a new key. You do not need to do anything.",
    },
    admin: {
      legend: "A new key for every conversation",
      lead: "Every conversation regularly gets a new key. A key that gets lost then opens only a few messages. The browser of the next person who writes creates the new key.",
      maxMessages: "After how many messages",
      maxMessagesHint: "A number from {{min}} to {{max}}. Default: {{default}}.",
      maxDays: "After how many days",
      maxDaysHint: "A number from {{min}} to {{max}}. Default: {{default}}.",
      invalid: "Please enter whole numbers within the allowed ranges.",
    },
  },
};
