// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deNotifyEmail } from "./de-notify-email";

/** English "e-mail notices" texts (see de-notify-email.ts). */
export const enNotifyEmail: typeof deNotifyEmail = {
  notifyEmail: {
    title: "Notice by e-mail",
    what: "If you like, we send you a short e-mail as soon as there is a new answer in your counselling. This is optional.",
    staffWhat:
      "If you like, we send you a short e-mail as soon as a new enquiry arrives for one of your teams. The e-mail only says “A new enquiry” – no name, no topic, no text. This is optional.",
    points: {
      content:
        "The e-mail only says: “There is a new answer”. Never the text of the message, never your user name, never the topic or the name of the counselling service.",
      sender: "It comes from a neutral name the organisation chose, for example “Your counselling service”.",
      hidden: "Counsellors never see your address.",
      remove: "You can delete the address at any time. Then no more e-mails are sent.",
      confirm: "Notices are sent only after you open the link in the confirmation e-mail.",
    },
    privacyHint:
      "Think about who else can read your mailbox. If that is someone who should not know about the counselling, better leave this field empty.",
    unavailable: "This service does not send e-mails at the moment. Notices are not available.",
    loadFailed: "Could not load the notice settings (error: {{code}}).",
    state: {
      none: "No e-mail address is stored. You get no notices.",
      pending: "Waiting for confirmation: we sent an e-mail to {{address}}. Open the link in it (valid for 24 hours).",
      active: "Active: notices go to {{address}}.",
    },
    label: "Your e-mail address",
    hint: "Only you see this address.",
    invalid: "Please enter an e-mail address, for example name@example.org.",
    newEnquiry: "Also notify me of new enquiries for my teams",
    send: "Send confirmation e-mail",
    sent: "The confirmation e-mail is on its way. Please open the link in it.",
    remove: "Delete address",
    removed: "The address is deleted. You get no more notices.",
    newEnquirySave: "Save choice",
    newEnquirySaved: "Saved.",
    failed: "That did not work (error: {{code}}). Please try again.",
    sendUnavailable: "The e-mail could not be sent just now. Please try again later.",
    rateLimited: "Too many attempts. Please wait a little and try again.",
    confirm: {
      title: "Confirm e-mail address",
      checking: "Confirming the address …",
      done: "Thank you. Your address is confirmed. You now get a short e-mail when there is a new answer.",
      gone: "This link is no longer valid. It was already used or is older than 24 hours. You can send a new confirmation e-mail on your account page.",
      noToken:
        "The link is incomplete. Please open the whole link from the e-mail, or send a new confirmation e-mail on your account page.",
      failed: "The confirmation did not work (error: {{code}}). Please try again.",
      accountLink: "Go to your account page",
    },
    admin: {
      title: "Sender name of e-mail notices",
      lead: "People who turned on e-mail notices receive them under this name. Choose a neutral name: anyone who sees the mailbox sees it. Name no service and no topic (so not “Addiction counselling Northtown”).",
      label: "Sender name",
      hint: "1 to 80 characters, for example “Ihre Beratungsstelle”.",
      invalid: "Please enter 1 to 80 characters.",
      current: "Now: “{{name}}”",
      save: "Save sender name",
      saved: "The sender name is saved.",
    },
  },
};
