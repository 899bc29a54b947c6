// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deRetention } from "./de-retention";

/** English texts of de-retention.ts (attachment kinds, retention page, legal holds). */
export const enRetention: typeof deRetention = {
  attachmentKinds: {
    hint: "Tick the kinds of files that may be sent in conversations.",
    kinds: {
      pdf: { label: "PDF", hint: "Files ending in .pdf" },
      images: { label: "Pictures", hint: "Photos and graphics, e.g. .jpg, .png, .heic" },
      word: { label: "Word", hint: "Text documents: .doc, .docx and .odt (LibreOffice)" },
      excel: { label: "Excel", hint: "Spreadsheets: .xls, .xlsx and .ods (LibreOffice)" },
      powerpoint: { label: "PowerPoint", hint: "Presentations: .ppt, .pptx and .odp (LibreOffice)" },
      text: { label: "Text", hint: "Plain text without formatting: .txt" },
      csv: { label: "CSV", hint: "Tables as text: .csv" },
      audio: { label: "Audio", hint: "Voice recordings and music, e.g. .mp3, .m4a, .ogg" },
      video: { label: "Video", hint: "E.g. .mp4, .webm, .mov" },
      any: {
        label: "All file types",
        hint: "Including programs, archives and web pages. Choose only if really needed: such files can carry malware.",
      },
    },
    other: "Other types",
    otherHint: "These types are saved but match no box above. They stay allowed until you remove them.",
    remove: "Remove",
    removeNamed: "Remove {{type}}",
    addLabel: "Add another type (for experts)",
    addHint:
      "A media type like application/zip. Obhut lets a file through only if its extension matches the type; for unknown types Obhut knows no extension.",
    add: "Add",
    added: "{{type}} is now in the list. Save to apply the rule.",
  },
  retention: {
    title: "Retention and deletion periods",
    lead: "How long Obhut keeps your organisation's data before deleting it for good.",
    how: "Deletion runs once a day. It deletes for real: records, files and their keys. Nothing deleted can be restored in Obhut.",
    law: "The GDPR allows keeping personal data only as long as its purpose needs it (Art. 5(1)(e) GDPR). Set the periods together with your data protection officer.",
    who: "Only administrators may change the periods. Data protection officers see them in the record of processing activities.",
    period: "Period in days",
    bounds: "Allowed: {{min}} to {{max}} days. Default: {{default}} days.",
    saved: "Saved: {{days}} days",
    isDefault: "(default)",
    changedAt: "last changed on {{date}}",
    notEnforced: "Obhut does not hold such data yet. The period applies once it does; nothing is deleted by it today.",
    instanceOnly: "The server operator sets this period, not your organisation.",
    invalid: "Please enter a whole number from {{min}} to {{max}}.",
    effectShorter:
      "Shorter than before ({{from}} → {{to}} days): the next daily run deletes for good whatever of this is older than {{to}} days (counted from {{start}}) — including what the old period would still have kept. Cases on legal hold stay.",
    effectLonger:
      "Longer than before ({{from}} → {{to}} days): this data is kept longer. What is already deleted does not come back.",
    noCount:
      "The console cannot count in advance how many records a change affects. The counts of every run are in the audit log.",
    changes: "What changes when you save",
    noChanges: "You have not changed a period yet.",
    confirmShorter: "I understand: whatever is older than a shortened period is deleted for good in the next run.",
    confirmMissing: "Please confirm that data should be deleted earlier.",
    save: "Save periods",
    savedAll: "The periods are saved.",
    classes: {
      closed_cases: {
        name: "Closed cases",
        what: "The whole case: timeline, conversation with all messages and attachments, internal notes and their keys.",
        start: "the case's closing",
        why: "Counselling records. Three years cover the usual limitation period (§ 195 BGB) and people who come back later. A shorter period is possible.",
      },
      notes: {
        name: "Internal notes",
        what: "The internal notes of a closed case.",
        start: "the case's closing",
        why: "Part of the counselling record. The period may be shorter than the case's; then the notes go earlier.",
      },
      messages: {
        name: "Messages between staff",
        what: "Messages in team chats, direct chats and channels. Messages in cases follow the case's period.",
        start: "sending",
        why: "Internal coordination, not a record. Not needed longer than for the work at hand.",
      },
      attachments: {
        name: "Attachments between staff",
        what: "Attachments in team chats, direct chats and channels. Attachments in cases follow the case's period.",
        start: "the upload",
        why: "As messages between staff.",
      },
      consents: {
        name: "Consents",
        what: "Records of consents given and ended.",
        start: "the end of the consent",
        why: "You must be able to show that consent was given (Art. 7(1) GDPR).",
      },
      audit_entries: {
        name: "Audit log entries",
        what: "The oldest entries of the audit log (who did what when). Entries about cases on legal hold stay.",
        start: "the entry",
        why: "Accountability (Art. 5(2) GDPR). The period should cover that of the cases.",
      },
      staff_accounts: {
        name: "Deactivated staff accounts",
        what: "User name, login data, private keys, second factor and sessions. An identifier without personal data stays so old signatures can be checked.",
        start: "the deactivation",
        why: "Time for handover questions; after that no personal data.",
      },
      inactive_client_accounts: {
        name: "Unused client accounts",
        what: "Anonymous accounts nobody logs in to any more and with no case left.",
        start: "the last login",
        why: "Anonymous accounts nobody uses.",
      },
    },
    holds: {
      title: "Legal holds",
      lead: "These cases are not deleted, whatever period applies above — nor their messages, attachments and keys. Team leads set and release a legal hold on the case's page, with a reason; the audit log records who did.",
      none: "No case is on legal hold at the moment.",
      caseLabel: "Case {{ref}}",
      reason: "Reason",
      since: "Since",
      by: "Set by",
      unknown: "no longer known",
      open: "Only staff of the case's team can open the case, in their inbox. The administration sees no case content.",
      caseId: "Case number",
    },
  },
};
