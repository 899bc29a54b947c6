// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * "Benachrichtigung per E-Mail" (issue #17, ADR 0034): the account section, the
 * confirmation page behind the mail's link and the console's sender name.
 * Informal wording in de-informal-notify-email.ts.
 */
export const deNotifyEmail = {
  notifyEmail: {
    title: "Benachrichtigung per E-Mail",
    what: "Wenn Sie möchten, schicken wir Ihnen eine kurze E-Mail, sobald es in Ihrer Beratung eine neue Antwort gibt. Das ist freiwillig.",
    staffWhat:
      "Wenn Sie möchten, schicken wir Ihnen eine kurze E-Mail, sobald eine neue Anfrage für eines Ihrer Teams eingeht. In der E-Mail steht nur: „Eine neue Anfrage“ – kein Name, kein Thema, kein Text. Das ist freiwillig.",
    points: {
      content:
        "In der E-Mail steht nur: „Es gibt eine neue Antwort“. Nie der Text der Nachricht, nie Ihr Benutzername, nie das Thema oder der Name der Beratungsstelle.",
      sender: "Absender ist ein neutraler Name der Organisation, zum Beispiel „Ihre Beratungsstelle“.",
      hidden: "Die Beraterinnen und Berater sehen Ihre Adresse nie.",
      remove: "Sie können die Adresse jederzeit wieder löschen. Dann bekommen Sie keine E-Mail mehr.",
      confirm: "Erst wenn Sie den Link in der Bestätigungs-E-Mail öffnen, schicken wir Hinweise.",
    },
    privacyHint:
      "Überlegen Sie, wer Ihr Postfach noch lesen kann. Wenn das jemand ist, der nichts von der Beratung wissen soll, lassen Sie das Feld lieber leer.",
    unavailable: "Diese Beratungsstelle verschickt zurzeit keine E-Mails. Die Benachrichtigung ist nicht verfügbar.",
    loadFailed: "Der Stand der Benachrichtigung konnte nicht geladen werden (Fehler: {{code}}).",
    state: {
      none: "Zurzeit ist keine E-Mail-Adresse hinterlegt. Sie bekommen keine Benachrichtigung.",
      pending:
        "Wartet auf Bestätigung: Wir haben eine E-Mail an {{address}} geschickt. Öffnen Sie den Link darin (24 Stunden gültig).",
      active: "Aktiv: Hinweise gehen an {{address}}.",
    },
    label: "Ihre E-Mail-Adresse",
    hint: "Nur Sie sehen diese Adresse.",
    invalid: "Bitte geben Sie eine E-Mail-Adresse ein, zum Beispiel name@example.org.",
    newEnquiry: "Auch bei neuen Anfragen meiner Teams benachrichtigen",
    send: "Bestätigungs-E-Mail senden",
    sent: "Die Bestätigungs-E-Mail ist unterwegs. Bitte öffnen Sie den Link darin.",
    remove: "Adresse löschen",
    removed: "Die Adresse ist gelöscht. Sie bekommen keine Benachrichtigung mehr.",
    newEnquirySave: "Auswahl speichern",
    newEnquirySaved: "Gespeichert.",
    failed: "Das hat nicht geklappt (Fehler: {{code}}). Bitte versuchen Sie es noch einmal.",
    sendUnavailable: "Die E-Mail konnte gerade nicht verschickt werden. Bitte versuchen Sie es später noch einmal.",
    rateLimited: "Zu viele Versuche. Bitte warten Sie etwas und versuchen Sie es dann noch einmal.",
    confirm: {
      title: "E-Mail-Adresse bestätigen",
      checking: "Die Adresse wird bestätigt …",
      done: "Danke. Ihre Adresse ist bestätigt. Sie bekommen jetzt eine kurze E-Mail, wenn es eine neue Antwort gibt.",
      gone: "Dieser Link gilt nicht mehr. Er war schon benutzt oder ist älter als 24 Stunden. Auf Ihrer Kontoseite können Sie eine neue Bestätigungs-E-Mail senden.",
      noToken:
        "Der Link ist unvollständig. Bitte öffnen Sie den ganzen Link aus der E-Mail oder senden Sie auf Ihrer Kontoseite eine neue Bestätigungs-E-Mail.",
      failed: "Die Bestätigung hat nicht geklappt (Fehler: {{code}}). Bitte versuchen Sie es noch einmal.",
      accountLink: "Zur Kontoseite",
    },
    admin: {
      title: "Absendername für E-Mail-Hinweise",
      lead: "Wer Benachrichtigungen per E-Mail eingeschaltet hat, bekommt sie unter diesem Namen. Wählen Sie einen neutralen Namen: Er steht im Postfach für alle sichtbar. Nennen Sie keine Stelle und kein Thema (also nicht „Suchtberatung Nordstadt“).",
      label: "Absendername",
      hint: "1 bis 80 Zeichen, zum Beispiel „Ihre Beratungsstelle“.",
      invalid: "Bitte geben Sie 1 bis 80 Zeichen ein.",
      current: "Zurzeit: „{{name}}“",
      save: "Absendername speichern",
      saved: "Der Absendername ist gespeichert.",
    },
  },
};
