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
      "Sprache: die Sprache der Datenschutzhinweise, die die ratsuchende Person bestätigt hat; sonst „nicht erfasst“.",
    notAsked:
      "Nicht erfragt: {{details}} (die Organisation stellt diese freiwilligen Fragen nicht; sie würden nie aus Inhalten abgeleitet).",
    detailNames: { age_band: "Altersgruppe", gender: "Geschlecht" },
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
      age: {
        under_14: "Alter unter 14",
        "14_17": "Alter 14–17",
        "18_26": "Alter 18–26",
        "27_49": "Alter 27–49",
        "50_64": "Alter 50–64",
        "65_plus": "Alter 65+",
        not_stated: "Alter keine Angabe",
      },
      gender: {
        female: "Geschlecht weiblich",
        male: "Geschlecht männlich",
        diverse: "Geschlecht divers",
        not_stated: "Geschlecht keine Angabe",
      },
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
    detailsAsked:
      "Altersgruppe und Geschlecht geben Klientinnen und Klienten freiwillig an („keine Angabe“ zählt mit); sie werden nie aus Inhalten abgeleitet.",
    questions: {
      title: "Freiwillige Angaben für die Statistik",
      lead: "Klientinnen und Klienten können in „Meine Daten“ freiwillig eine Altersgruppe und ein Geschlecht angeben. Die Angaben sind nicht Ende-zu-Ende-verschlüsselt: der Server zählt sie für die anonyme Jahresstatistik (Zahlen unter k ausgeblendet). Beraterinnen und Berater sehen sie nicht. Ausgeschaltet wird nichts mehr gezählt.",
      legend: "Welche Fragen sollen gestellt werden?",
      ageBand: "Altersgruppe fragen (unter 14, 14–17, 18–26, 27–49, 50–64, 65+)",
      gender: "Geschlecht fragen (weiblich, männlich, divers)",
      save: "Fragen speichern",
      saved: "Gespeichert.",
    },
  },
};
