// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording of "Ruhezeiten" (ADR 0041). */
export const deInformalQuietHours: Overrides = {
  quietHours: {
    what: "In deinen Ruhezeiten bekommst du keine Benachrichtigung, weder per E-Mail noch auf deinem Gerät. Was in dieser Zeit passiert, fassen wir zu einem Hinweis zusammen, wenn die Ruhezeit endet – zum Beispiel „3 neue Nachrichten“.",
    zone: "Zeitzone: {{zone}} (die deines Geräts). Die Zeiten gelten im Sommer wie im Winter.",
    invalid: "Bitte gib eine Uhrzeit ein, zum Beispiel 22:00.",
    off: "Gespeichert. Du hast keine Ruhezeiten.",
    none: "Zurzeit hast du keine Ruhezeiten.",
    failed: "Das hat nicht geklappt (Fehler: {{code}}). Bitte versuch es noch einmal.",
  },
};
