// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording of the attachment texts clients see (see de-attachments.ts). */
export const deInformalAttachments: Overrides = {
  attachment: {
    hint: "Höchstens {{max}} je Datei. Erlaubt: {{types}}. Dateien werden auf deinem Gerät verschlüsselt.",
    policyUnavailable: "Die Regeln für Anhänge konnten nicht geladen werden. Bitte versuch es noch einmal.",
  },
};
