// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deNotifyPush } from "./de-notify-push";

/** English "notice on this device" and staff bell texts (see de-notify-push.ts). */
export const enNotifyPush: typeof deNotifyPush = {
  notifyPush: {
    title: "Notice on this device",
    what: "If you like, this device shows a short notice as soon as there is a new answer in your counselling. This is optional.",
    staffWhat:
      "If you like, this device shows a short notice for a new enquiry for your team, a new message in your case, a case handed to you and – as team lead – an emergency access to a case of your team.",
    points: {
      content:
        "The notice only says “New message in Obhut”. Never the text of the message, never a name, never the topic or the counselling service.",
      service:
        "The notice goes through your browser's push service (for example Google's, Mozilla's or Apple's). That service learns when a notice comes, not what is in it.",
      ends: "Logging out and the quick exit end the notices on this device.",
    },
    sharedDevice:
      "There are no notices on this device: they are only possible on your own device, when you chose “my own device” at login.",
    staffSharedDevice:
      "There are no notices on this device: they are only possible when you keep your keys on this device (above).",
    unsupported: "This browser cannot receive notices.",
    enable: "Notify me on this device",
    enabled: "This device is notified now.",
    serviceUnavailable: "This browser's push service gave no subscription. Nothing was set up; please try again later.",
    denied: "The browser did not allow notifications. You can change that in the browser's settings.",
    failed: "That did not work (error: {{code}}).",
    loadFailed: "The notice settings could not be loaded (error: {{code}}).",
    listTitle: "Notified devices",
    none: "No device is notified at the moment.",
    item: "Through {{service}}, since {{date}}",
    thisLogin: "this login",
    remove: "Remove",
    removeLabel: "Remove the notice through {{service}} since {{date}}",
    removed: "The device is no longer notified.",
  },
  bell: {
    nav: "Notifications",
    unread_one: "{{count}} unread",
    unread_other: "{{count}} unread",
    title: "Notifications",
    intro: "What happened in your teams and cases, without content. Entries are deleted after 30 days.",
    empty: "No notifications.",
    markAll: "Mark all as read",
    allRead: "All notifications are marked as read.",
    unreadMark: "Unread:",
    kinds: {
      new_enquiry: "New enquiry for your team",
      new_message: "New message in your case",
      handed_to_me: "A case was handed to you",
      break_glass: "Emergency access to a case of your team",
      dsr_due_soon: "A data-subject request is due in 7 days",
      dsr_overdue: "A data-subject request is overdue",
      enquiry_waiting: "An enquiry of your team waits too long for someone to take it",
      assignee_absent: "A new message in a case whose counsellor is away",
      document_approval: "A document waits for approval",
      audit_chain_failed: "The audit log failed its verification",
      job_failed: "A background job failed",
      config_problem: "The setup check found a problem",
      breach_due_soon: "A breach notification deadline is near",
      breach_overdue: "A breach notification deadline has passed",
      training_due: "A training is due for you",
    },
    loadFailed: "The notifications could not be loaded (error: {{code}}).",
    failed: "That did not work (error: {{code}}).",
  },
};
