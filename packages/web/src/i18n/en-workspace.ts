// SPDX-License-Identifier: AGPL-3.0-or-later
import { enCannedReplies } from "./en-canned-replies";
import type { deWorkspace } from "./de-workspace";

/** English texts for the inbox's split view and its keyboard shortcuts; typed against the German ones. */
export const enWorkspace: typeof deWorkspace = {
  workspace: {
    sideLabel: "Details, actions and notes of the case",
    listLabel: "Case list",
    none: "Choose a case on the left. Use j and k to move between cases and Enter to open one.",
  },
  shortcuts: {
    button: "Keyboard shortcuts",
    title: "Keyboard shortcuts in the inbox",
    lead: "Shortcuts do nothing while you are typing in a field.",
    or: "or",
    close: "Close",
    action: {
      next: "Next case in the list",
      previous: "Previous case in the list",
      open: "Open the selected case",
      reply: "Go to the reply box",
      leave: "Leave the reply box, back to the case in the list",
      help: "Open this overview",
      insertSnippet: "In the reply box: insert a canned reply",
    },
  },
  ...enCannedReplies,
};
