// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Admin console (issue #16): the attachment kinds as checkboxes, and the
 * page "Aufbewahrung" — retention periods per data class with their reason
 * in plain words, and the organisation's legal holds. Formal German; the
 * console has no informal form. English in en-retention.ts. The rationales
 * follow docs/OPERATIONS.md ("Retention and deletion").
 */
export const deRetention = {
  attachmentKinds: {
    hint: "Kreuzen Sie an, welche Arten von Dateien in Gesprächen gesendet werden dürfen.",
    kinds: {
      pdf: { label: "PDF", hint: "Dateien mit der Endung .pdf" },
      images: { label: "Bilder", hint: "Fotos und Grafiken, z. B. .jpg, .png, .heic" },
      word: { label: "Word", hint: "Textdokumente: .doc, .docx und .odt (LibreOffice)" },
      excel: { label: "Excel", hint: "Tabellen: .xls, .xlsx und .ods (LibreOffice)" },
      powerpoint: { label: "PowerPoint", hint: "Präsentationen: .ppt, .pptx und .odp (LibreOffice)" },
      text: { label: "Text", hint: "Reiner Text ohne Formatierung: .txt" },
      csv: { label: "CSV", hint: "Tabellen als Text: .csv" },
      audio: { label: "Audio", hint: "Sprachaufnahmen und Musik, z. B. .mp3, .m4a, .ogg" },
      video: { label: "Video", hint: "Z. B. .mp4, .webm, .mov" },
      any: {
        label: "Alle Dateitypen",
        hint: "Auch Programme, Archive und Webseiten. Nur wählen, wenn es wirklich nötig ist: Solche Dateien können Schadsoftware enthalten.",
      },
    },
    other: "Weitere Typen",
    otherHint:
      "Diese Typen sind gespeichert, passen aber zu keinem Kästchen oben. Sie bleiben erlaubt, bis Sie sie entfernen.",
    remove: "Entfernen",
    removeNamed: "{{type}} entfernen",
    addLabel: "Weiteren Typ hinzufügen (für Fachleute)",
    addHint:
      "Ein Medientyp wie application/zip. Obhut lässt eine Datei nur durch, wenn ihre Endung zum Typ passt; zu unbekannten Typen kennt Obhut keine Endung.",
    add: "Hinzufügen",
    added: "{{type}} steht jetzt in der Liste. Speichern Sie, damit die Regel gilt.",
  },
  retention: {
    title: "Aufbewahrung und Löschfristen",
    lead: "Wie lange Obhut Daten Ihrer Organisation aufbewahrt, bevor sie endgültig gelöscht werden.",
    how: "Die Löschung läuft einmal am Tag. Sie löscht wirklich: Datensätze, Dateien und die Schlüssel dazu. Gelöschtes lässt sich in Obhut nicht wiederherstellen.",
    law: "Die DSGVO erlaubt, personenbezogene Daten nur so lange zu speichern, wie sie für ihren Zweck nötig sind (Art. 5 Abs. 1 Buchst. e DSGVO). Legen Sie die Fristen mit Ihrer oder Ihrem Datenschutzbeauftragten fest.",
    who: "Ändern dürfen die Fristen nur Administratorinnen und Administratoren. Datenschutzbeauftragte sehen sie im Verzeichnis der Verarbeitungstätigkeiten.",
    period: "Frist in Tagen",
    bounds: "Erlaubt: {{min}} bis {{max}} Tage. Voreinstellung: {{default}} Tage.",
    saved: "Gespeichert: {{days}} Tage",
    isDefault: "(Voreinstellung)",
    changedAt: "zuletzt geändert am {{date}}",
    notEnforced:
      "Obhut speichert solche Daten noch nicht. Die Frist gilt, sobald es sie gibt; heute wird dadurch nichts gelöscht.",
    instanceOnly: "Diese Frist legt der Serverbetrieb fest, nicht Ihre Organisation.",
    invalid: "Bitte eine ganze Zahl von {{min}} bis {{max}} eingeben.",
    effectShorter:
      "Kürzer als bisher ({{from}} → {{to}} Tage): Beim nächsten täglichen Lauf wird endgültig gelöscht, was davon älter als {{to}} Tage ist (gerechnet ab {{start}}) – auch was nach der bisherigen Frist noch geblieben wäre. Fälle mit Aufbewahrungspflicht bleiben.",
    effectLonger:
      "Länger als bisher ({{from}} → {{to}} Tage): Diese Daten bleiben länger gespeichert. Was schon gelöscht ist, kommt nicht zurück.",
    noCount:
      "Wie viele Einträge eine Änderung betrifft, kann die Verwaltung vorab nicht zählen. Die Zahlen jedes Laufs stehen im Protokoll.",
    changes: "Das ändert sich beim Speichern",
    noChanges: "Sie haben noch keine Frist geändert.",
    confirmShorter:
      "Ich habe verstanden: Was älter ist als eine verkürzte Frist, wird beim nächsten Lauf endgültig gelöscht.",
    confirmMissing: "Bitte bestätigen Sie, dass Daten früher gelöscht werden sollen.",
    save: "Fristen speichern",
    savedAll: "Die Fristen sind gespeichert.",
    classes: {
      closed_cases: {
        name: "Abgeschlossene Fälle",
        what: "Der ganze Fall: Verlauf, Gespräch mit allen Nachrichten und Anhängen, interne Notizen und die Schlüssel dazu.",
        start: "dem Abschluss des Falls",
        why: "Beratungsakten. Drei Jahre decken die regelmäßige Verjährungsfrist (§ 195 BGB) und Menschen, die später wiederkommen. Eine kürzere Frist ist möglich.",
      },
      notes: {
        name: "Interne Notizen",
        what: "Die internen Notizen eines abgeschlossenen Falls.",
        start: "dem Abschluss des Falls",
        why: "Teil der Beratungsakte. Die Frist kann kürzer sein als die des Falls, dann gehen die Notizen früher.",
      },
      messages: {
        name: "Nachrichten unter Mitarbeitenden",
        what: "Nachrichten in Team-Chats, Direktchats und Kanälen. Nachrichten in Fällen folgen der Frist des Falls.",
        start: "dem Senden",
        why: "Interne Abstimmung, keine Akte. Sie wird nicht länger gebraucht als für die laufende Arbeit.",
      },
      attachments: {
        name: "Anhänge unter Mitarbeitenden",
        what: "Anhänge in Team-Chats, Direktchats und Kanälen. Anhänge in Fällen folgen der Frist des Falls.",
        start: "dem Hochladen",
        why: "Wie die Nachrichten unter Mitarbeitenden.",
      },
      consents: {
        name: "Einwilligungen",
        what: "Nachweise über erteilte und beendete Einwilligungen.",
        start: "dem Ende der Einwilligung",
        why: "Sie müssen nachweisen können, dass eine Einwilligung vorlag (Art. 7 Abs. 1 DSGVO).",
      },
      audit_entries: {
        name: "Protokolleinträge",
        what: "Die ältesten Einträge des Protokolls (wer wann was getan hat). Einträge zu Fällen mit Aufbewahrungspflicht bleiben.",
        start: "dem Eintrag",
        why: "Rechenschaftspflicht (Art. 5 Abs. 2 DSGVO). Die Frist sollte die der Fälle abdecken.",
      },
      staff_accounts: {
        name: "Deaktivierte Konten von Mitarbeitenden",
        what: "Benutzername, Anmeldedaten, private Schlüssel, zweiter Faktor und Sitzungen. Eine Kennung ohne Personenbezug bleibt, damit alte Signaturen prüfbar sind.",
        start: "der Deaktivierung",
        why: "Zeit für Rückfragen bei der Übergabe; danach keine personenbezogenen Daten mehr.",
      },
      inactive_client_accounts: {
        name: "Unbenutzte Konten von Ratsuchenden",
        what: "Anonyme Konten, mit denen sich niemand mehr anmeldet und zu denen kein Fall mehr besteht.",
        start: "der letzten Anmeldung",
        why: "Anonyme Konten, die niemand mehr nutzt.",
      },
    },
    holds: {
      title: "Aufbewahrungspflichten (Legal Hold)",
      lead: "Diese Fälle werden nicht gelöscht, gleich welche Frist oben gilt – auch nicht ihre Nachrichten, Anhänge und Schlüssel. Teamleitungen setzen und heben eine Aufbewahrungspflicht auf der Seite des Falls auf, mit Grund; das Protokoll hält fest, wer es war.",
      none: "Zurzeit besteht für keinen Fall eine Aufbewahrungspflicht.",
      caseLabel: "Fall {{ref}}",
      reason: "Grund",
      since: "Seit",
      by: "Gesetzt von",
      unknown: "nicht mehr bekannt",
      open: "Den Fall öffnen können nur Mitarbeitende seines Teams, in ihrem Posteingang. Die Verwaltung sieht keine Inhalte von Fällen.",
      caseId: "Fallnummer",
    },
  },
};
