// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Zugang zurücksetzen (staff who lost password and recovery code): the page
 * behind the administrator's one-time link, and the console's side — issue
 * the link, then certify the new keys. Merged into `deSecrets`.
 */
export const deAccountReset = {
  accountReset: {
    title: "Zugang zurücksetzen",
    lead: "Mit diesem einmaligen Link Ihrer Administration legen Sie ein neues Passwort und neue Schlüssel fest.",
    checking: "Der Link wird geprüft …",
    noToken:
      "Diese Seite braucht den vollständigen Link zum Zurücksetzen. Bitte öffnen Sie den Link, den Sie von Ihrer Administration bekommen haben, noch einmal.",
    invalid:
      "Dieser Link ist ungültig, abgelaufen, bereits benutzt oder durch einen neueren ersetzt. Bitte bitten Sie Ihre Administration um einen neuen Link.",
    rateLimited: "Zu viele Versuche. Bitte warten Sie einige Minuten und laden Sie die Seite dann neu.",
    network: "Der Server ist gerade nicht erreichbar. Bitte prüfen Sie die Verbindung und laden Sie die Seite neu.",
    valid: "Der Link ist gültig: Zugang „{{username}}“ bei „{{org}}“, gültig bis {{until}}.",
    whatTitle: "Was dabei geschieht",
    what: {
      keys: "Sie legen ein neues Passwort fest. Ihr Browser erzeugt neue Schlüssel und einen neuen Wiederherstellungscode; Passwort und Code verlassen dieses Gerät nicht.",
      old: "Ihr altes Passwort, Ihr alter Wiederherstellungscode und Ihre alten Schlüssel öffnen danach nichts mehr. Alle Anmeldungen enden, gemerkte Geräte werden vergessen. Anmeldename, Rolle, Teams und zweiter Faktor bleiben.",
      signed:
        "Was Sie mit Ihren alten Schlüsseln unterschrieben haben, lässt sich danach nicht mehr als echt prüfen: Ihre früheren Nachrichten und Notizen erscheinen – auch bei den Ratsuchenden – als nicht zu öffnen.",
      confirm:
        "Die Fälle und Notizen Ihres Teams lesen Sie wieder, sobald Ihre Administration Ihre neuen Schlüssel bestätigt hat. Dafür nennen Sie ihr den Fingerabdruck, den wir Ihnen am Ende zeigen.",
    },
    username: "Anmeldename",
    newPassword: "Neues Passwort",
    newPasswordRepeat: "Neues Passwort wiederholen",
    recoveryNote: "Im nächsten Schritt zeigen wir Ihnen einmalig Ihren neuen Wiederherstellungscode.",
    submit: "Weiter zum Wiederherstellungscode",
    codeSubmit: "Zugang neu einrichten",
    working: "Ihr Zugang wird auf diesem Gerät neu eingerichtet. Das kann einige Sekunden dauern.",
    failed: "Der Zugang wurde nicht zurückgesetzt.",
    doneTitle: "Ihr Zugang ist neu eingerichtet",
    done: "Sie sind mit Ihrem neuen Passwort angemeldet. Bevor Sie Fälle wieder lesen können, muss Ihre Administration Ihre neuen Schlüssel bestätigen. Lesen Sie ihr dazu diesen Fingerabdruck vor, persönlich oder am Telefon; sie vergleicht ihn mit dem, den die Verwaltung anzeigt. Sie finden ihn auch später unter „Konto“.",
    fingerprintLabel: "Fingerabdruck Ihres neuen Schlüssels",
    continue: "Weiter",
  },
  adminReset: {
    action: "Zugang zurücksetzen",
    confirm: "Zugang von {{name}} zurücksetzen?",
    explain: {
      when: "Für Mitarbeitende, die Passwort und Wiederherstellungscode verloren haben. Sie erstellen einen Link, der 24 Stunden und nur einmal gilt; ein neuer Link ersetzt einen noch nicht benutzten.",
      what: "Mit dem Link legt {{name}} ein neues Passwort, neue Schlüssel und einen neuen Wiederherstellungscode fest. Das alte Passwort und die alten Schlüssel gelten dann nicht mehr, alle Sitzungen enden. Anmeldename, Rolle, Teams und zweiter Faktor bleiben.",
      then: "Danach bestätigen Sie hier die neuen Schlüssel: Der alte Schlüssel wird im Schlüsselverzeichnis widerrufen, der neue bestätigt, und die Schlüssel der Teams von {{name}} werden erneuert. Erst dann liest {{name}} die Fälle und Notizen der Teams wieder.",
      lost: "Was {{name}} mit den alten Schlüsseln unterschrieben hat, lässt sich danach nicht mehr als echt prüfen: Die früheren Nachrichten und Notizen von {{name}} erscheinen – auch bei den Ratsuchenden – als nicht zu öffnen, wie nach einer Deaktivierung. Gespräche, deren Schlüssel nur an {{name}} persönlich verteilt waren (keine Fallgespräche), bleiben für {{name}} verschlossen.",
    },
    create: "Link erstellen",
    cancel: "Abbrechen",
    working: "Der Link wird erstellt …",
    issued: "Link zum Zurücksetzen für {{name}} erstellt.",
    linkOnce:
      "Geben Sie diesen Link nur {{name}} selbst, auf einem sicheren Weg (persönlich oder am Telefon, nicht per unverschlüsselter E-Mail). Er wird nur jetzt angezeigt und gilt bis {{until}}, nur einmal.",
    linkLabel: "Link zum Zurücksetzen für {{name}}",
    pending: "Ein Link zum Zurücksetzen ist offen (gültig bis {{until}}). Ein neuer Link ersetzt ihn.",
    waiting: "{{name}} hat den Zugang am {{date}} neu eingerichtet. Bestätigen Sie jetzt die neuen Schlüssel.",
    fingerprintLabel: "Fingerabdruck des neuen Schlüssels von {{name}}",
    compare:
      "Lassen Sie sich von {{name}} den Fingerabdruck vorlesen, den die Seite nach dem Zurücksetzen zeigt (auch unter „Konto“). Stimmt er nicht überein, bestätigen Sie nichts – dann hat jemand anderes den Link benutzt oder der Server die Schlüssel vertauscht – und erstellen einen neuen Link.",
    match: "Der Fingerabdruck stimmt mit dem überein, den {{name}} mir genannt hat.",
    matchMissing: "Bitte vergleichen Sie zuerst den Fingerabdruck.",
    adopt: "Neue Schlüssel bestätigen",
    adopted: "Die neuen Schlüssel von {{name}} sind bestätigt; die Teamschlüssel sind erneuert.",
  },
};
