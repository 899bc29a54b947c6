// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording of the client's "My data" page (issue 7.5). */
export const deInformalDsr: Overrides = {
  myData: {
    lead: "Hier kannst du alle Daten herunterladen, die Obhut über dein Konto speichert, und dein Konto löschen. Das ist dein Recht nach der Datenschutz-Grundverordnung. Fragen beantwortet die oder der Datenschutzbeauftragte deiner Beratungsstelle. Dies ist keine Rechtsberatung.",
    loggedOut: "Bitte melde dich an, um deine Daten zu sehen.",
    accountSectionTitle: "Deine Daten",
    accountSectionText: "Lade alle deine Daten herunter oder lösche dein Konto.",
    exportExplain:
      "Die Datei enthält dein Konto, deine Anfragen mit allen Nachrichten, den Verlauf, deine Einwilligungen und deine Kontaktwege. Deine Nachrichten werden dafür hier auf diesem Gerät entschlüsselt – der Server sieht sie nicht. Die Datei selbst ist nicht verschlüsselt: Speichere sie nur auf einem Gerät, das andere nicht benutzen.",
    collecting: "Deine Daten werden gesammelt und entschlüsselt … ({{done}} von {{cases}} Gesprächen)",
    exportFailed: "Das hat nicht geklappt (Fehler: {{code}}). Bitte versuch es noch einmal.",
    restrictedCase:
      "Deine Anfrage vom {{date}} ist gesperrt: Die Beratungsstelle bearbeitet sie gerade nicht weiter. Nichts wird gelöscht. Du kannst weiter lesen und schreiben.",
    restrictedAll:
      "Die Verarbeitung deiner Daten bei einer Beratungsstelle ist seit {{date}} eingeschränkt: Deine Anfragen dort werden gerade nicht weiter bearbeitet. Nichts wird gelöscht.",
    deleteWarning: [
      "Dein Konto, dein Passwort und deine Schlüssel werden gelöscht. Du kannst dich danach nicht mehr anmelden.",
      "Alle deine Anfragen werden mit allen Nachrichten und Anhängen gelöscht – auch für die Beratungsstelle. Deine Beraterin oder dein Berater kann das Gespräch danach nicht mehr lesen.",
      "Deine Einwilligungen und Kontaktwege werden gelöscht.",
      "Die Beratungsstelle behält nur Protokolleinträge ohne Inhalt (zum Beispiel: „ein Konto wurde gelöscht“).",
      "Lade vorher deine Daten herunter, wenn du etwas behalten möchtest.",
    ],
    deleteBlocked:
      "Dein Konto kann im Moment nicht gelöscht werden. Eine deiner Anfragen muss die Beratungsstelle aus rechtlichen Gründen aufbewahren oder ihre Verarbeitung ist eingeschränkt. Wende dich an die oder den Datenschutzbeauftragten der Beratungsstelle.",
    passwordLabel: "Dein Passwort",
    passwordHint: "Zur Sicherheit: Auch wenn du angemeldet bist, brauchen wir dein Passwort noch einmal.",
    nameLabel: "Dein Kontoname zur Bestätigung",
    nameHint: "Tippe „{{name}}“ ein.",
    confirmLabel: "Ich habe verstanden, dass mein Konto und alle Gespräche endgültig gelöscht werden.",
    deleting: "Dein Konto wird gelöscht …",
    deleted:
      "Dein Konto und alle deine Gespräche sind gelöscht. Du bist abgemeldet. Wenn du wieder Beratung möchtest, kannst du jederzeit ein neues Konto erstellen.",
    errors: {
      title: "Bitte korrigiere Folgendes:",
      passwordRequired: "Bitte gib dein Passwort ein.",
      nameMismatch: "Der Kontoname stimmt nicht. Bitte tippe ihn genau so ein, wie er angezeigt wird.",
      confirmRequired: "Bitte bestätige, dass du das Konto endgültig löschen möchtest.",
      failed: "Das hat nicht geklappt (Fehler: {{code}}). Bitte versuch es noch einmal.",
    },
  },
};
