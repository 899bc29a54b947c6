// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Epoch rotation (issue #14, item 2; ADR 0029): what staff and clients see while a conversation gets a new key,
 * and the two limits on the admin console's messaging policy. Formal German; the client's "du" wording is in
 * de-informal-epochs.ts, English in en-epochs.ts.
 */
export const deEpochs = {
  epochs: {
    /** After a message from someone whose key was replaced or who left (ADR 0031): calm, like a "safety number changed". */
    formerKey: "Schlüssel nicht mehr aktiv",
    staff: {
      rotating: "Dieses Gespräch bekommt einen neuen Schlüssel …",
      rotated: "Neuer Schlüssel erstellt. Wer das Gespräch verlassen hat, kann neue Nachrichten nicht mehr öffnen.",
      waiting:
        "Das Gespräch braucht einen neuen Schlüssel. Zuerst muss die Verwaltung den Teamschlüssel erneuern. Ihre Nachricht wird danach gesendet.",
      failed: "Der neue Schlüssel für dieses Gespräch konnte nicht erstellt werden (Fehler: {{code}}).",
    },
    client: {
      rotating: "Das Gespräch bekommt einen neuen Schlüssel …",
      waiting:
        "Ihre Nachricht kann gleich gesendet werden. Das Gespräch bekommt gerade einen neuen Schlüssel. Sie müssen nichts tun.",
    },
    admin: {
      legend: "Neuer Schlüssel für jedes Gespräch",
      lead: "Jedes Gespräch bekommt regelmäßig einen neuen Schlüssel. Dann öffnet ein Schlüssel, der verloren geht, nur wenige Nachrichten. Den neuen Schlüssel erstellt der Browser der nächsten Person, die schreibt.",
      maxMessages: "Nach wie vielen Nachrichten",
      maxMessagesHint: "Eine Zahl von {{min}} bis {{max}}. Voreinstellung: {{default}}.",
      maxDays: "Nach wie vielen Tagen",
      maxDaysHint: "Eine Zahl von {{min}} bis {{max}}. Voreinstellung: {{default}}.",
      invalid: "Bitte geben Sie ganze Zahlen in den erlaubten Bereichen ein.",
    },
  },
};
