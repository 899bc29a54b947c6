// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * "Statistik" for funders (issue #22, ADR 0045): a staff page for the
 * administration and the data-protection officer; formal, de and en only.
 */
export const deStatistics = {
  statistics: {
    title: "Statistik",
    navLink: "Statistik",
    lead: "Jahreszahlen für Geldgeber und Berichte: gezählt aus Metadaten, die der Server ohnehin hat (Zeitpunkte, Anzahl der Nachrichten). Inhalte werden nie ausgewertet, Pseudonyme erscheinen nicht.",
    year: "Jahr",
    period: "Zeitraum",
    periods: { month: "Monat", quarter: "Quartal", year: "Jahr" },
    by: "Aufgeteilt nach",
    groupings: { none: "Gesamt", agency: "Beratungsstelle", team: "Team", topic: "Thema" },
    loading: "Zahlen werden geladen …",
    failed: "Die Zahlen konnten nicht geladen werden ({{code}}).",
    all: "Alle",
    suppressed: "ausgeblendet",
    suppressionNote:
      "Zum Schutz einzelner Personen ist jede Zahl unter {{k}} „ausgeblendet“ – ebenso eine weitere Zahl derselben Zeile oder Spalte, wenn sich die kleine Zahl sonst aus der Summe errechnen ließe.",
    notRecorded:
      "Nicht erfasst: Altersgruppe und Geschlecht (Obhut fragt sie derzeit nicht ab; sie würden nie aus Inhalten abgeleitet). Sprache: die Sprache der Datenschutzhinweise, die die ratsuchende Person bestätigt hat; sonst „nicht erfasst“.",
    channelsNote: "Kanäle: Heute gibt es nur den Web-Kanal (verschlüsselte Anfrage im Browser).",
    chartTitle: "Neue Anfragen je {{period}}, {{year}}",
    chartDesc: "Balkendiagramm. {{summary}}. Alle Zahlen stehen auch in der Tabelle darunter.",
    chartBar: "{{period}}: {{value}}",
    tableTitle: "Tabelle",
    col: {
      period: "Zeitraum",
      group: "Bereich",
      newEnquiries: "Neue Anfragen",
      casesOpened: "Übernommene Fälle",
      casesClosed: "Abgeschlossene Fälle",
      messagesMedian: "Nachrichten je Fall (Median)",
      messagesP90: "Nachrichten je Fall (90 %)",
      firstAnswerMedian: "Erste Antwort, Minuten (Median)",
      firstAnswerP90: "Erste Antwort, Minuten (90 %)",
      waitingMedian: "Wartezeit bis Übernahme, Minuten (Median)",
      waitingP90: "Wartezeit bis Übernahme, Minuten (90 %)",
      durationMedian: "Falldauer, Tage (Median)",
      durationP90: "Falldauer, Tage (90 %)",
      channelWeb: "Kanal Web",
      languageDe: "Sprache Deutsch",
      languageEn: "Sprache Englisch",
      languageNotRecorded: "Sprache nicht erfasst",
    },
    csv: "Als CSV herunterladen",
    pdf: "Als PDF herunterladen",
    pdfMade: "Die PDF-Datei wurde erstellt.",
    pdfFacts: {
      year: "Jahr",
      period: "Zeitraum",
      by: "Aufgeteilt nach",
      k: "Kleinste gezeigte Zahl (k)",
      madeAt: "Erstellt am",
    },
    page: "Seite {{page}} von {{pages}}",
    settings: "Schutz kleiner Zahlen",
    minCellSize: "Kleinste gezeigte Zahl (k, mindestens 5)",
    save: "Speichern",
    saved: "Gespeichert: Zahlen unter {{k}} werden ausgeblendet.",
  },
};
