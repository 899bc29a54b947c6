// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Attachments in the conversation views (client and staff) and the
 * attachment rules in the admin console (issue 5, item 5). Formal German;
 * informal overrides in de-informal-attachments.ts, English in en-attachments.ts.
 */
export const deAttachments = {
  attachment: {
    hint: "Höchstens {{max}} je Datei. Erlaubt: {{types}}. Dateien werden auf Ihrem Gerät verschlüsselt.",
    tooLarge: "{{name}} ist zu groß (höchstens {{max}}).",
    typeNotAllowed: "{{name}} kann nicht gesendet werden: Dieser Dateityp ist hier nicht erlaubt. Erlaubt: {{types}}.",
    policyUnavailable: "Die Regeln für Anhänge konnten nicht geladen werden. Bitte versuchen Sie es noch einmal.",
    types: {
      images: "Bilder",
      pdf: "PDF",
      text: "Textdateien",
      office: "Office-Dokumente",
      audio: "Audiodateien",
      video: "Videos",
      any: "alle Dateitypen",
    },
    blocked:
      "Anhang blockiert: {{name}}. Dieser Dateityp ({{type}}) ist hier nicht erlaubt, deshalb wird er nicht geöffnet.",
    deleted: "Anhang gelöscht",
    downloadFailed: "Der Anhang konnte nicht geöffnet werden.",
    delete: "Löschen",
    deleteNamed: "Anhang {{name}} löschen",
    confirmDelete: "{{name}} endgültig löschen? Niemand kann den Anhang danach öffnen. Die Nachricht bleibt.",
    confirm: "Ja, löschen",
    cancel: "Abbrechen",
    deleting: "Wird gelöscht …",
    deleteFailed: "Der Anhang konnte nicht gelöscht werden (Fehler: {{code}}).",
    openImage: "Bild öffnen: {{name}}",
    closeImage: "Schließen",
    policy: {
      title: "Anhänge",
      lead: "Wie groß Anhänge in Gesprächen Ihrer Organisation sein dürfen und welche Dateitypen erlaubt sind. Die Regeln gelten für neue Anhänge.",
      maxSize: "Höchstgröße je Anhang (MB)",
      maxHint:
        "1 bis {{max}} MB (Grenze dieses Servers). Gemessen wird die verschlüsselte und aufgefüllte Datei; sie ist einige Prozent größer als das Original.",
      types: "Erlaubte Dateitypen",
      typesHint:
        "Ein Typ je Zeile, zum Beispiel application/pdf, oder alle Typen einer Art wie image/*. */* erlaubt jeden Dateityp.",
      clientSide:
        "Der Server sieht den Dateityp nicht, denn er ist mit der Nachricht verschlüsselt. Obhut prüft ihn deshalb auf den Geräten: beim Senden und beim Öffnen. Die Größe prüft auch der Server.",
      typesEmpty: "Mindestens ein Dateityp muss erlaubt sein.",
      typesInvalid: "Kein gültiger Dateityp: {{type}}",
      typesTooMany: "Höchstens {{max}} Einträge.",
      sizeInvalid: "Bitte eine Zahl von 1 bis {{max}} eingeben.",
      storage: "Speicher für Anhänge: {{used}} von {{cap}} GiB belegt ({{percent}} %).",
      storageNoCap: "Speicher für Anhänge: {{used}} GiB belegt (auf diesem Server ohne Grenze).",
      storageHigh:
        "Bitten Sie darum, nicht mehr benötigte Anhänge zu löschen, oder fragen Sie den Serverbetrieb nach mehr Platz.",
      storageFull: "Neue Anhänge werden abgelehnt, bis wieder Platz frei ist.",
      isDefault: "Es gelten die Standardregeln.",
      save: "Regeln für Anhänge speichern",
      saved: "Die Regeln für Anhänge sind gespeichert.",
    },
  },
};
