// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deAttachments } from "./de-attachments";

/** English texts for attachments and the attachment rules (see de-attachments.ts). */
export const enAttachments: typeof deAttachments = {
  attachment: {
    hint: "At most {{max}} per file. Allowed: {{types}}. Files are encrypted on your device.",
    tooLarge: "{{name}} is too large ({{max}} at most).",
    typeNotAllowed: "{{name}} cannot be sent: this file type is not allowed here. Allowed: {{types}}.",
    policyUnavailable: "The attachment rules could not be loaded. Please try again.",
    types: {
      images: "images",
      pdf: "PDF",
      text: "text files",
      office: "office documents",
      audio: "audio files",
      video: "videos",
      any: "all file types",
    },
    blocked: "Attachment blocked: {{name}}. This file type ({{type}}) is not allowed here, so it is not opened.",
    deleted: "Attachment deleted",
    downloadFailed: "The attachment could not be opened.",
    delete: "Delete",
    deleteNamed: "Delete attachment {{name}}",
    confirmDelete: "Delete {{name}} for good? Nobody can open the attachment afterwards. The message stays.",
    confirm: "Yes, delete",
    cancel: "Cancel",
    deleting: "Deleting …",
    deleteFailed: "The attachment could not be deleted (error: {{code}}).",
    openImage: "Open picture: {{name}}",
    closeImage: "Close",
    policy: {
      title: "Attachments",
      lead: "How large attachments in your organisation's conversations may be and which file types are allowed. The rules apply to new attachments.",
      maxSize: "Largest attachment (MB)",
      maxHint:
        "1 to {{max}} MB (this server's limit). What counts is the encrypted and padded file, which is a few percent larger than the original.",
      types: "Allowed file types",
      typesHint:
        "One type per line, for example application/pdf, or all types of a kind like image/*. */* allows any type.",
      clientSide:
        "The server does not see the file type: it is encrypted with the message. Obhut therefore checks it on the devices, when sending and when opening. The server checks the size as well.",
      typesEmpty: "At least one file type must be allowed.",
      typesInvalid: "Not a valid file type: {{type}}",
      typesTooMany: "{{max}} entries at most.",
      sizeInvalid: "Please enter a number from 1 to {{max}}.",
      storage: "Attachment storage: {{used}} of {{cap}} GiB used ({{percent}} %).",
      storageNoCap: "Attachment storage: {{used}} GiB used (no limit set on this server).",
      storageHigh: "Ask users to delete attachments they no longer need, or ask the server operator for more space.",
      storageFull: "New attachments are refused until space is freed.",
      isDefault: "The default rules apply.",
      save: "Save attachment rules",
      saved: "The attachment rules are saved.",
    },
  },
};
