// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * German (formal) texts for completing the first-start setup: recovery code,
 * progress, errors and the organisation fingerprint. Merged into `de` (see
 * de.ts). Staff pages always use the formal address.
 */
export const deSetup = {
  setupFlow: {
    codeTitle: "Ihr Wiederherstellungscode",
    codeIntro:
      "Das ist der Wiederherstellungscode für Ihr Administrationskonto. Schreiben Sie die 7 Blöcke mit je 4 Zeichen auf Papier ab und bewahren Sie das Papier sicher auf, zum Beispiel im Tresor der Einrichtung. Der Code wird nur dieses eine Mal angezeigt. Halten Sie ihn geheim wie ein Passwort.",
    codeListLabel: "Die 7 Blöcke des Wiederherstellungscodes",
    codeWhy:
      "Ihr Passwort schützt die Schlüssel der Organisation. Niemand kann es zurücksetzen – auch der Betreiber des Servers nicht. Wenn Sie das Passwort vergessen, öffnen Sie Ihre Schlüssel mit diesem Code wieder. Für Mitarbeitende ist der Code Pflicht.",
    codeConfirm: "Ich habe den Code aufgeschrieben und bewahre ihn sicher auf.",
    codeConfirmMissing: "Bitte bestätigen Sie, dass Sie den Code aufgeschrieben haben.",
    codeSubmit: "Einrichtung abschließen",
    back: "Zurück",
    working:
      "Die Organisation wird eingerichtet. Ihr Browser erzeugt dafür die Schlüssel. Bitte warten Sie – das kann einige Sekunden dauern.",
    steps: {
      password: "Ihr Passwort wird geschützt …",
      keys: "Ihre Schlüssel werden erzeugt …",
      recovery: "Der Wiederherstellungscode wird gesichert. Das dauert einige Sekunden …",
      genesis: "Der Hauptschlüssel der Organisation wird erzeugt und das Schlüsselprotokoll unterschrieben …",
      check: "Alle Schlüssel werden geprüft …",
      send: "Die Organisation wird auf dem Server angelegt …",
      login: "Sie werden angemeldet …",
      verify: "Das Schlüsselprotokoll auf dem Server wird geprüft …",
    },
    failedTitle: "Die Einrichtung ist nicht abgeschlossen.",
    failures: {
      link_invalid:
        "Dieser Einrichtungslink gilt nicht mehr. Es wurde nichts angelegt. Wenn der Server neu gestartet wurde, hat er einen neuen Link ausgegeben: Öffnen Sie bitte den neuesten Link aus der Konsole des Servers.",
      already_done:
        "Diese Obhut-Installation wurde inzwischen bereits eingerichtet. Bitte melden Sie sich als Mitarbeiterin oder Mitarbeiter an.",
      name_taken: "Diesen Benutzernamen gibt es schon. Bitte wählen Sie einen anderen. Es wurde nichts angelegt.",
      rate_limited:
        "Zu viele Versuche. Bitte warten Sie einige Minuten und versuchen Sie es dann noch einmal. Es wurde nichts angelegt.",
      network:
        "Der Server ist gerade nicht erreichbar. Es wurde nichts angelegt. Bitte prüfen Sie die Verbindung und versuchen Sie es noch einmal.",
      interrupted:
        "Die Verbindung ist beim letzten Schritt abgebrochen. Der Server legt alles in einem Schritt an – entweder vollständig oder gar nicht. Bitte prüfen Sie die Verbindung und wählen Sie „Noch einmal senden“. Dabei wird genau dieselbe Einrichtung noch einmal gesendet; doppelt angelegt wird nichts.",
      crypto:
        "Ein Verschlüsselungsschritt in diesem Browser ist fehlgeschlagen. Es wurde nichts angelegt und nichts gesendet. Bitte versuchen Sie es noch einmal, wenn nötig mit einem aktuellen Browser.",
      rejected:
        "Der Server hat die Schlüssel der Organisation nicht angenommen. Es wurde nichts angelegt. Bitte versuchen Sie es noch einmal; wenn der Fehler bleibt, melden Sie ihn bitte den Entwicklerinnen und Entwicklern von Obhut.",
      server:
        "Der Server hat die Anfrage abgelehnt. Es wurde nichts angelegt. Bitte versuchen Sie es später noch einmal.",
    },
    retry: "Noch einmal senden",
    retryAgain: "Noch einmal versuchen",
    doneTitle: "Die Organisation ist eingerichtet",
    doneIntro: "Ihre Organisation „{{name}}“ und Ihr Administrationskonto „{{username}}“ sind angelegt.",
    fingerprintTitle: "Fingerabdruck der Organisation",
    fingerprintExplain:
      "Diese 60 Ziffern sind der Fingerabdruck des Hauptschlüssels Ihrer Organisation. Ratsuchende und Mitarbeitende vergleichen ihn, um sicher zu sein, dass sie wirklich mit Ihrer Organisation verbunden sind und niemand dazwischen steht – auch nicht der Server. Veröffentlichen Sie ihn zum Beispiel auf Ihrer Website, auf Flyern und im Aushang. Er ändert sich nie.",
    fingerprintLabel: "Fingerabdruck der Organisation, 12 Gruppen zu je 5 Ziffern",
    print: "Drucken",
    copy: "Kopieren",
    copied: "Der Fingerabdruck wurde in die Zwischenablage kopiert.",
    copyFailed: "Kopieren hat nicht geklappt. Bitte markieren Sie die Ziffern und kopieren Sie sie selbst.",
    followUp: {
      ready: "Sie sind angemeldet. Die Schlüssel liegen nur im Arbeitsspeicher dieses Browserfensters.",
      mfa_required:
        "Ihr Passwort wurde bestätigt. Für Mitarbeitende ist ein zweiter Faktor Pflicht: Bitte richten Sie jetzt einen zweiten Faktor ein (App mit Einmalcodes oder Passkey), bevor Sie weiterarbeiten.",
      login_failed:
        "Die Einrichtung ist abgeschlossen, aber die automatische Anmeldung hat nicht geklappt. Bitte melden Sie sich auf der Seite für Mitarbeitende an.",
      log_mismatch:
        "Achtung: Das Schlüsselprotokoll, das der Server zurückgibt, passt nicht zu diesem Fingerabdruck. Arbeiten Sie nicht weiter und wenden Sie sich an Ihre technische Betreuung.",
    },
    accountLink: "Weiter zu Ihrem Konto",
    staffLink: "Zur Anmeldung für Mitarbeitende",
  },
};
