// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** "du" für Passwort vergessen, Passwort ändern und den neuen Wiederherstellungscode. */
export const deInformalSecrets = {
  recover: {
    lead: "Mit deinem Namen und deinem Wiederherstellungscode legst du ein neues Passwort fest. Alle deine Nachrichten bleiben lesbar.",
    codeHint:
      "Die 7 Blöcke mit je 4 Zeichen von deinem Papier. Groß- und Kleinschreibung und die Striche spielen keine Rolle. Ältere Codes aus 12 englischen Wörtern gelten weiter.",
    working: "Dein Zugang wird wiederhergestellt. Das dauert einige Sekunden.",
    missing: "Bitte gib deinen Namen und deinen Wiederherstellungscode ein.",
    noCode:
      "Ohne Passwort und ohne Wiederherstellungscode kann niemand deine bisherigen Nachrichten öffnen – auch nicht die Beratungsstelle. Erstelle ein neues Konto und ruf deine Beratungsstelle an: Deine Beraterin oder dein Berater kann die bisherige Beratung mit dem neuen Konto verbinden.",
  },
  secrets: {
    passwordExplain:
      "Zur Sicherheit fragen wir dein jetziges Passwort ab. Danach wirst du auf allen anderen Geräten abgemeldet.",
    passwordMissing: "Bitte gib dein jetziges Passwort ein.",
    passwordChanged: "Dein Passwort ist geändert.",
    passwordChangedOthers_one: "Dein Passwort ist geändert. Eine andere Anmeldung wurde beendet.",
    passwordChangedOthers_other: "Dein Passwort ist geändert. {{count}} andere Anmeldungen wurden beendet.",
    codeExplain:
      "Mit dem Wiederherstellungscode kommst du wieder an deine Nachrichten, wenn du das Passwort vergisst. Du kannst jederzeit einen neuen Code erstellen, zum Beispiel wenn du den alten verloren hast oder jemand ihn gesehen haben könnte. Dann gilt nur noch der neue Code.",
  },
  sessions: {
    explain:
      "Hier siehst du, wo dein Konto gerade angemeldet ist – nur mit Zeiten, Obhut speichert keine Adressen und keine Gerätenamen. Beende eine Anmeldung, die du nicht kennst oder die auf einem fremden Gerät offen geblieben ist.",
    onlyThis: "Dein Konto ist nur auf diesem Gerät angemeldet.",
    failed: "Die Anmeldungen konnten nicht geladen oder beendet werden. Bitte versuche es noch einmal.",
  },
} satisfies Overrides;
