// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * German (formal) texts for sign-up, login and the account page. Merged into
 * `de` (see de.ts); kept in its own file so the catalogues stay readable.
 */
export const deAccount = {
  signup: {
    title: "Konto erstellen",
    lead: "Für die Beratung brauchen Sie ein Konto. Dafür brauchen Sie keine E-Mail-Adresse und keine Telefonnummer – nur einen Namen, den Sie sich ausdenken, und ein Passwort.",
    username: "Ihr Name in Obhut (Pseudonym)",
    usernameHint:
      "Denken Sie sich einen Namen aus, der nichts über Sie verrät. 3 bis 64 Zeichen: Buchstaben ohne Umlaute, Ziffern, Punkt, Binde- und Unterstrich.",
    password: "Passwort",
    passwordHint:
      "Mindestens 12 Zeichen. Ein Satz aus mehreren Wörtern ist leicht zu merken und schwer zu erraten. Das Passwort verlässt nie dieses Gerät – auch der Server erfährt es nicht.",
    passwordRepeat: "Passwort wiederholen",
    recoveryLegend: "Wiederherstellungscode (empfohlen)",
    recoveryExplain:
      "Ihre Nachrichten sind mit Ihrem Passwort geschützt. Niemand kann es zurücksetzen – auch die Beratungsstelle nicht. Mit einem Wiederherstellungscode kommen Sie trotzdem wieder an Ihre Nachrichten, wenn Sie das Passwort vergessen.",
    recoveryChoice: "Ja, ich möchte einen Wiederherstellungscode",
    recoveryDeclined:
      "Ohne Code gilt: Wenn Sie Ihr Passwort vergessen, können Sie Ihre bisherigen Nachrichten nicht mehr öffnen.",
    submit: "Weiter",
    submitWithoutCode: "Konto erstellen",
    errorsTitle: "Bitte korrigieren Sie folgende Angaben:",
    errors: {
      usernameRequired: "Bitte denken Sie sich einen Namen aus.",
      usernameInvalid:
        "Der Name darf 3 bis 64 Zeichen haben: Buchstaben ohne Umlaute, Ziffern, Punkt, Binde- und Unterstrich. Er beginnt mit einem Buchstaben oder einer Ziffer.",
      passwordTooShort: "Das Passwort muss mindestens 12 Zeichen lang sein.",
      passwordGuessable:
        "Dieses Passwort ist zu leicht zu erraten (bekanntes Passwort, Wort aus dem Wörterbuch, Name oder Muster). Nehmen Sie zum Beispiel vier oder mehr zufällige Wörter.",
      passwordCheckFailed:
        "Die Passwortprüfung konnte nicht geladen werden. Bitte prüfen Sie die Verbindung und versuchen Sie es noch einmal.",
      passwordMismatch: "Die beiden Passwörter stimmen nicht überein.",
    },
    codeTitle: "Ihr Wiederherstellungscode",
    codeIntro:
      "Schreiben Sie diesen Code auf Papier ab – 7 Blöcke mit je 4 Zeichen, nur Ziffern und Großbuchstaben – und bewahren Sie das Papier sicher auf. Beim Eintippen spielen Groß- und Kleinschreibung und die Striche keine Rolle. Der Code wird nur dieses eine Mal angezeigt. Halten Sie ihn geheim wie ein Passwort.",
    codeListLabel: "Die 7 Blöcke Ihres Wiederherstellungscodes",
    codeLoss:
      "Wenn Sie das Passwort vergessen, öffnen Sie Ihre Nachrichten mit diesem Code wieder. Wenn Sie Passwort und Code verlieren, kann niemand Ihre bisherigen Nachrichten für Sie öffnen – auch nicht die Beratungsstelle oder der Betreiber. Die Beratungsstelle kann Ihnen dann nur helfen, mit einem neuen Konto weiterzumachen.",
    codeConfirm: "Ich habe den Code aufgeschrieben und bewahre ihn sicher auf.",
    codeConfirmMissing: "Bitte bestätigen Sie, dass Sie den Code aufgeschrieben haben.",
    codeSubmit: "Konto erstellen",
    back: "Zurück",
    working: "Ihr Konto wird erstellt. Bitte warten Sie – das kann einige Sekunden dauern.",
    failed: "Das Konto wurde nicht erstellt.",
    haveAccount: "Sie haben schon ein Konto?",
    loginLink: "Zur Anmeldung",
  },
  login: {
    title: "Anmelden",
    lead: "Mit Name und Passwort anmelden.",
    username: "Name (Pseudonym)",
    password: "Passwort",
    submit: "Anmelden",
    missingFields: "Bitte Name und Passwort eingeben.",
    working: "Anmeldung läuft. Einen Moment bitte.",
    noAccount: "Noch kein Konto?",
    signupLink: "Konto erstellen",
  },
  authSteps: {
    restore: "Der Wiederherstellungscode öffnet die Schlüssel. Das dauert einige Sekunden …",
    save: "Die Änderung wird gespeichert …",
    password: "Das Passwort wird geschützt …",
    keys: "Die Schlüssel werden erzeugt …",
    recovery: "Der Wiederherstellungscode wird gesichert. Das dauert einige Sekunden …",
    check: "Die Schlüssel werden geprüft …",
    register: "Das Konto wird angelegt …",
    login: "Anmeldung läuft …",
    unlock: "Die Schlüssel werden geöffnet …",
  },
  authErrors: {
    wrong_recovery: "Name oder Wiederherstellungscode stimmt nicht.",
    recovery_typo: "Im Wiederherstellungscode ist ein Tippfehler. Bitte Block für Block mit dem Papier vergleichen.",
    wrong_credentials: "Name oder Passwort stimmt nicht.",
    name_taken: "Diesen Namen gibt es schon. Bitte wählen Sie einen anderen.",
    rate_limited: "Zu viele Versuche. Bitte einige Minuten warten und es dann noch einmal versuchen.",
    network: "Der Server ist gerade nicht erreichbar. Bitte die Verbindung prüfen und es noch einmal versuchen.",
    crypto:
      "Ein Verschlüsselungsschritt auf diesem Gerät ist fehlgeschlagen. Passwort und Schlüssel wurden nicht gesendet. Bitte noch einmal versuchen, wenn nötig mit einem aktuellen Browser.",
    keys_unreadable:
      "Die Anmeldung hat geklappt, aber die Schlüssel ließen sich nicht öffnen. Zur Sicherheit ist die Anmeldung wieder beendet. Bitte an die Beratungsstelle wenden.",
    server: "Der Server hat die Anfrage abgelehnt. Bitte später noch einmal versuchen.",
  },
  account: {
    title: "Ihr Konto",
    signedInAs: "Angemeldet als",
    fingerprintTitle: "Ihr Sicherheitscode",
    fingerprintExplain:
      "Diese 60 Ziffern gehören nur zu Ihrem Konto. Vergleichen Sie sie mit Ihrer Beraterin oder Ihrem Berater – am Telefon oder bei einem Treffen, nicht hier im Chat. Stimmen alle Ziffern überein, schreiben Sie wirklich miteinander und niemand liest heimlich mit.",
    fingerprintLabel: "Sicherheitscode, 12 Gruppen zu je 5 Ziffern",
    logout: "Abmelden",
    loggingOut: "Abmelden …",
    sharedDevice: "Melden Sie sich ab, wenn Sie fertig sind – besonders auf einem Gerät, das andere mitbenutzen.",
    loggedOut: "Sie sind nicht angemeldet.",
    loggedOutWhy:
      "Auf einem Gerät, das auch andere nutzen, bleiben Ihre Schlüssel nur so lange, wie die Seite geöffnet ist: Gespeichert wird nichts. Nach dem Neuladen oder Abmelden melden Sie sich bitte neu an.",
    loginLink: "Zur Anmeldung",
  },
};
