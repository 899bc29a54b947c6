// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deNotificationRules } from "./de-notification-rules";

/** Rules for notices (ADR 0044), English. */
export const enNotificationRules: typeof deNotificationRules = {
  noticeRules: {
    title: "What you are notified of",
    lead: "For each kind of event, choose how you hear of it. A notice never says what was written or who it is about – only that there is something new.",
    emailHint:
      "E-mails go only to a confirmed address (section “E-mail notices”), push only to a device you switched on.",
    channels: { bell: "In Obhut", email: "By e-mail", push: "On the device" },
    kinds: {
      new_enquiry: "New enquiry for one of my teams",
      new_message: "New message in one of my cases",
      handed_to_me: "A case was handed to me",
      break_glass: "Emergency access to a case of my team",
      enquiry_waiting: "An enquiry of my team waits too long for someone to take it",
      dsr_due_soon: "A data-subject request is due in 7 days",
      dsr_overdue: "A data-subject request is overdue",
      document_approval: "A document waits for approval",
      audit_chain_failed: "The audit log failed its verification",
      job_failed: "A background job failed",
      config_problem: "The setup check found a problem",
      breach_due_soon: "A breach notification deadline is near",
      breach_overdue: "A breach notification deadline has passed",
    },
    save: "Save notice choices",
    saved: "Saved.",
    none: "There are no notices for your role.",
    loadFailed: "The choices could not be loaded (error: {{code}}).",
    failed: "That did not work (error: {{code}}). Please try again.",
    weekends: "Also at weekends (all of Saturday and Sunday)",
    weekendsOn: "Also all of Saturday and Sunday.",
    pushOff: "Your organisation does not offer notices on the device.",
    admin: {
      rulesTitle: "Ways of notifying",
      rulesLead: "What your organisation offers at all. A way switched off sends nothing and is offered to no one.",
      email: "Notices by e-mail",
      push: "Notices on the device (push)",
      clientEmail: "Clients may use e-mail notices",
      waitLabel: "Tell team leads when an enquiry has been unassigned for this many hours",
      waitHint: "1 to 720 hours; leave empty: never.",
      waitInvalid: "Please enter a whole number from 1 to 720 or leave the field empty.",
      save: "Save ways",
      saved: "Saved.",
    },
  },
};
