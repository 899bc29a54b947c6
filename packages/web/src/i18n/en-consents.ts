// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deConsents } from "./de-consents";

/** English consent names and the consent form (see de-consents.ts). */
export const enConsents: typeof deConsents = {
  consents: {
    purpose: {
      referral: "Passing information to another service",
      transfer: "Handing the counselling over to another organisation",
      forwarding: "Forwarding documents",
      youth_office_report: "Informing the youth welfare office",
      email_notice: "Notification by e-mail",
      research: "Anonymised evaluation for research",
      other: "Another purpose of your counselling service",
    },
    channel: {
      email: "e-mail",
      postal: "letter",
      fax: "fax",
      phone: "phone",
      in_person: "in person",
      transfer: "handover within Obhut",
      export: "file",
    },
    channels: "By: {{channels}}",
    give: {
      heading: "Give a consent",
      lead: "If your counsellor would like to pass something on, you can agree here. You see exactly what you agree to beforehand and can withdraw the consent at any time.",
      noCases: "Once you write with a counselling service, you can give consents here.",
      case: "For which counselling?",
      caseOption: "{{agency}} (since {{date}})",
      purpose: "What for?",
      recipient: "To whom? (for example “Youth welfare office Mitte”)",
      recipientMissing: "Please write to whom something may be passed on.",
      channelsLegend: "By which way?",
      channelsMissing: "Please choose at least one way.",
      ageLegend: "Your age",
      adult: "I am 18 or older.",
      minor: "I am under 18 and understand what I agree to.",
      textHeading: "What you agree to",
      text: "I agree that {{agency}} passes information from my counselling to {{recipient}} for the purpose “{{purpose}}”, by: {{channels}}. I can withdraw this consent at any time in my account; what happened until then remains lawful.",
      submit: "Give consent",
      given: "Your consent has been saved. It is now in the list and can be withdrawn there.",
    },
  },
};
