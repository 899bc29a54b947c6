// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording for sign-up, login and the account page; only texts that address the reader. */
export const deInformalAccount: Overrides = {
  signup: {
    lead: "Für die Beratung brauchst du ein Konto. Dafür brauchst du keine E-Mail-Adresse und keine Telefonnummer – nur einen Namen, den du dir ausdenkst, und ein Passwort.",
    username: "Dein Name in Obhut (Pseudonym)",
    usernameHint:
      "Denk dir einen Namen aus, der nichts über dich verrät. 3 bis 64 Zeichen: Buchstaben ohne Umlaute, Ziffern, Punkt, Binde- und Unterstrich.",
    recoveryExplain:
      "Deine Nachrichten sind mit deinem Passwort geschützt. Niemand kann es zurücksetzen – auch die Beratungsstelle nicht. Mit einem Wiederherstellungscode kommst du trotzdem wieder an deine Nachrichten, wenn du das Passwort vergisst.",
    recoveryDeclined:
      "Ohne Code gilt: Wenn du dein Passwort vergisst, kannst du deine bisherigen Nachrichten nicht mehr öffnen.",
    errorsTitle: "Bitte korrigiere folgende Angaben:",
    errors: {
      usernameRequired: "Bitte denk dir einen Namen aus.",
      passwordGuessable:
        "Dieses Passwort ist zu leicht zu erraten (bekanntes Passwort, Wort aus dem Wörterbuch, Name oder Muster). Nimm zum Beispiel vier oder mehr zufällige Wörter.",
      passwordCheckFailed:
        "Die Passwortprüfung konnte nicht geladen werden. Bitte prüf die Verbindung und versuche es noch einmal.",
    },
    codeTitle: "Dein Wiederherstellungscode",
    codeIntro:
      "Schreib diesen Code auf Papier ab – 7 Blöcke mit je 4 Zeichen, nur Ziffern und Großbuchstaben – und bewahre das Papier sicher auf. Beim Eintippen spielen Groß- und Kleinschreibung und die Striche keine Rolle. Der Code wird nur dieses eine Mal angezeigt. Halte ihn geheim wie ein Passwort.",
    codeListLabel: "Die 7 Blöcke deines Wiederherstellungscodes",
    codeLoss:
      "Wenn du das Passwort vergisst, öffnest du deine Nachrichten mit diesem Code wieder. Wenn du Passwort und Code verlierst, kann niemand deine bisherigen Nachrichten für dich öffnen – auch nicht die Beratungsstelle oder der Betreiber. Die Beratungsstelle kann dir dann nur helfen, mit einem neuen Konto weiterzumachen.",
    codeConfirmMissing: "Bitte bestätige, dass du den Code aufgeschrieben hast.",
    working: "Dein Konto wird erstellt. Bitte warte – das kann einige Sekunden dauern.",
    haveAccount: "Du hast schon ein Konto?",
  },
  login: {
    lead: "Melde dich mit deinem Namen und deinem Passwort an.",
    missingFields: "Bitte gib Namen und Passwort ein.",
    working: "Anmeldung läuft. Bitte warte einen Moment.",
  },
  authSteps: {
    restore: "Dein Wiederherstellungscode öffnet deine Schlüssel. Das dauert einige Sekunden …",
    password: "Dein Passwort wird geschützt …",
    keys: "Deine Schlüssel werden erzeugt …",
    unlock: "Deine Schlüssel werden geöffnet …",
  },
  authErrors: {
    recovery_typo:
      "Im Wiederherstellungscode ist ein Tippfehler. Bitte vergleiche ihn Block für Block mit deinem Papier.",
    name_taken: "Diesen Namen gibt es schon. Bitte wähle einen anderen.",
    rate_limited: "Zu viele Versuche. Bitte warte einige Minuten und versuche es dann noch einmal.",
    network: "Der Server ist gerade nicht erreichbar. Bitte prüf die Verbindung und versuche es noch einmal.",
    crypto:
      "Ein Verschlüsselungsschritt auf diesem Gerät ist fehlgeschlagen. Dein Passwort und deine Schlüssel wurden nicht gesendet. Bitte versuche es noch einmal, wenn nötig mit einem aktuellen Browser.",
    keys_unreadable:
      "Die Anmeldung hat geklappt, aber deine Schlüssel ließen sich nicht öffnen. Du wurdest sicherheitshalber wieder abgemeldet. Bitte wende dich an deine Beratungsstelle.",
    server: "Der Server hat die Anfrage abgelehnt. Bitte versuche es später noch einmal.",
  },
  account: {
    title: "Dein Konto",
    fingerprintTitle: "Dein Sicherheitscode",
    fingerprintExplain:
      "Diese 60 Ziffern gehören nur zu deinem Konto. Vergleiche sie mit deiner Beraterin oder deinem Berater – am Telefon oder bei einem Treffen, nicht hier im Chat. Stimmen alle Ziffern überein, schreibt ihr wirklich miteinander und niemand liest heimlich mit.",
    sharedDevice: "Melde dich ab, wenn du fertig bist – besonders auf einem Gerät, das andere mitbenutzen.",
    loggedOut: "Du bist nicht angemeldet.",
    loggedOutWhy:
      "Auf einem Gerät, das auch andere nutzen, bleiben deine Schlüssel nur so lange, wie die Seite geöffnet ist: Gespeichert wird nichts. Nach dem Neuladen oder Abmelden melde dich bitte neu an.",
  },
};
