// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deCompliance } from "./de-compliance";

/** English texts for the data-protection pages of the staff area; typed against the German ones. */
export const enCompliance: typeof deCompliance = {
  documents: {
    title: "Guideline and privacy notice",
    lead: "Before you work on cases, read and confirm your organisation's current communication guideline. These texts are not legal advice; your data-protection officer answers questions.",
    failed: "That did not work (error: {{code}}). Please try again.",
    guidelineHeading: "Current communication guideline",
    noGuideline: "Your organisation has not published a communication guideline yet.",
    versionLine: "{{language}}, version {{version}}",
    textLabel: "Text",
    textHint: "Organisational content only, no case data. Published versions cannot be changed.",
    confirm: "I have read the guideline and confirm it",
    confirmed: "Your confirmation has been saved.",
    alreadyConfirmed: "You have confirmed the current version.",
    versionsHeading: "Versions and drafts",
    none: "There are no documents yet.",
    kindLabel: "Document",
    languageLabel: "Language",
    stateLabel: "State",
    actions: "Actions",
    kind: { communication_guideline: "Communication guideline", privacy_notice: "Privacy notice" },
    language: { de: "German", en: "English" },
    state: { draft: "Draft", approved: "Approved", published: "Published", superseded: "Superseded" },
    version: "version {{version}}",
    needsOther: "Needs approval by someone else",
    approve: "Approve",
    approved: "The draft is approved.",
    publish: "Publish",
    published: "The version is published.",
    notApproved:
      "A draft can only be published after another management member (administration or data protection) has approved it.",
    draftHeading: "New draft",
    saveDraft: "Save draft",
    drafted: "The draft is saved. Someone else has to approve it.",
    reportHeading: "Not yet confirmed",
    reportEmpty: "All active staff have confirmed the current version.",
    reportLast: "{{name}} (last confirmed version {{version}})",
  },
};
