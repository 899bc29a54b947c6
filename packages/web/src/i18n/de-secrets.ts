// SPDX-License-Identifier: AGPL-3.0-or-later
import { deAccountReset } from "./de-account-reset";

/** Passwort vergessen (Wiederherstellung), Passwort ändern, neuer Wiederherstellungscode. */
export const deSecrets = {
  ...deAccountReset,
  recover: {
    title: "Passwort vergessen",
    lead: "Mit Name und Wiederherstellungscode ein neues Passwort festlegen. Alle bisherigen Nachrichten bleiben lesbar.",
    username: "Name (Pseudonym)",
    code: "Wiederherstellungscode",
    codeHint:
      "Die 7 Blöcke mit je 4 Zeichen vom Papier. Groß- und Kleinschreibung und die Striche spielen keine Rolle. Ältere Codes aus 12 englischen Wörtern gelten weiter.",
    newPassword: "Neues Passwort",
    newPasswordRepeat: "Neues Passwort wiederholen",
    submit: "Neues Passwort festlegen",
    working: "Der Zugang wird wiederhergestellt. Das dauert einige Sekunden.",
    missing: "Bitte Name und Wiederherstellungscode eingeben.",
    noCodeTitle: "Kein Code mehr?",
    noCode:
      "Ohne Passwort und ohne Wiederherstellungscode kann niemand die bisherigen Nachrichten öffnen – auch nicht die Beratungsstelle. Mit einem neuen Konto geht es weiter: Nach einem Anruf bei der Beratungsstelle kann die Beraterin oder der Berater die bisherige Beratung mit dem neuen Konto verbinden.",
    forgotLink: "Passwort vergessen?",
    back: "Zurück zur Anmeldung",
  },
  secrets: {
    passwordTitle: "Passwort ändern",
    passwordExplain:
      "Zur Sicherheit fragen wir Ihr jetziges Passwort ab. Danach werden Sie auf allen anderen Geräten abgemeldet.",
    currentPassword: "Jetziges Passwort",
    newPassword: "Neues Passwort",
    newPasswordRepeat: "Neues Passwort wiederholen",
    passwordSubmit: "Passwort ändern",
    passwordWorking: "Das Passwort wird geändert …",
    passwordMissing: "Bitte geben Sie Ihr jetziges Passwort ein.",
    passwordChanged: "Ihr Passwort ist geändert.",
    passwordChangedOthers_one: "Ihr Passwort ist geändert. Eine andere Anmeldung wurde beendet.",
    passwordChangedOthers_other: "Ihr Passwort ist geändert. {{count}} andere Anmeldungen wurden beendet.",
    codeTitle: "Wiederherstellungscode",
    codeExplain:
      "Mit dem Wiederherstellungscode kommen Sie wieder an Ihre Nachrichten, wenn Sie das Passwort vergessen. Sie können jederzeit einen neuen Code erstellen, zum Beispiel wenn Sie den alten verloren haben oder jemand ihn gesehen haben könnte. Dann gilt nur noch der neue Code.",
    codeStart: "Neuen Wiederherstellungscode erstellen",
    codeWorking: "Der neue Code wird gesichert. Das dauert einige Sekunden …",
    codeDone: "Der neue Wiederherstellungscode gilt ab jetzt. Der alte Code funktioniert nicht mehr.",
    codeSave: "Neuen Code speichern",
    cancel: "Abbrechen",
  },
  sessions: {
    title: "Angemeldete Geräte",
    explain:
      "Hier sehen Sie, wo Ihr Konto gerade angemeldet ist – nur mit Zeiten, Obhut speichert keine Adressen und keine Gerätenamen. Beenden Sie eine Anmeldung, die Sie nicht kennen oder die auf einem fremden Gerät offen geblieben ist.",
    current: "Dieses Gerät",
    line: "angemeldet seit {{since}}, zuletzt aktiv {{seen}}",
    endOne: "Beenden",
    endOneLabel: "Anmeldung seit {{since}} beenden",
    endOthers: "Alle anderen Anmeldungen beenden",
    onlyThis: "Ihr Konto ist nur auf diesem Gerät angemeldet.",
    ended_one: "Eine Anmeldung wurde beendet.",
    ended_other: "{{count}} Anmeldungen wurden beendet.",
    failed: "Die Anmeldungen konnten nicht geladen oder beendet werden. Bitte versuchen Sie es noch einmal.",
  },
};
