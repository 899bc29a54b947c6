// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * "Ruhezeiten" on the account page and the console's failed notices (issue
 * #17, ADR 0041). Informal wording in de-informal-quiet-hours.ts; the
 * console's page is for administrators and stays formal.
 */
export const deQuietHours = {
  quietHours: {
    title: "Ruhezeiten",
    what: "In Ihren Ruhezeiten bekommen Sie keine Benachrichtigung, weder per E-Mail noch auf Ihrem Gerät. Was in dieser Zeit passiert, fassen wir zu einem Hinweis zusammen, wenn die Ruhezeit endet – zum Beispiel „3 neue Nachrichten“.",
    toggle: "Ruhezeiten einhalten",
    from: "Von",
    until: "Bis",
    timeHint: "Uhrzeit, zum Beispiel 22:00",
    zone: "Zeitzone: {{zone}} (die Ihres Geräts). Die Zeiten gelten im Sommer wie im Winter.",
    same: "Beginn und Ende dürfen nicht gleich sein.",
    invalid: "Bitte geben Sie eine Uhrzeit ein, zum Beispiel 22:00.",
    save: "Ruhezeiten speichern",
    saved: "Gespeichert. Ruhezeiten: {{start}} bis {{end}} Uhr.",
    off: "Gespeichert. Sie haben keine Ruhezeiten.",
    current: "Zurzeit: {{start}} bis {{end}} Uhr ({{zone}}).",
    none: "Zurzeit haben Sie keine Ruhezeiten.",
    loadFailed: "Die Ruhezeiten konnten nicht geladen werden (Fehler: {{code}}).",
    failed: "Das hat nicht geklappt (Fehler: {{code}}). Bitte versuchen Sie es noch einmal.",
  },
  deadLetters: {
    title: "Fehlgeschlagene Benachrichtigungen",
    lead: "Benachrichtigungen, die auch nach allen Wiederholungen nicht zugestellt werden konnten. Empfängerin, Adresse und Fall sehen Sie hier nie; nur Art, Weg und Grund.",
    empty: "Keine fehlgeschlagenen Benachrichtigungen.",
    loadFailed: "Die Liste konnte nicht geladen werden (Fehler: {{code}}).",
    item: "{{kind}} per {{channel}}, aufgegeben am {{date}}, {{attempts}} Versuche",
    kinds: {
      new_answer: "Neue Antwort",
      new_enquiry: "Neue Anfrage",
      new_message: "Neue Nachricht",
      handed_to_me: "Fall übergeben",
      break_glass: "Notfallzugriff",
      dsr_due_soon: "Betroffenenanfrage in 7 Tagen fällig",
      dsr_overdue: "Betroffenenanfrage überfällig",
      digest: "Sammelhinweis nach Ruhezeit",
      other: "Hinweis",
    },
    channels: { email: "E-Mail", push: "Push" },
    reasons: {
      mail_unreachable: "Grund: Mailserver nicht erreichbar",
      mail_refused: "Grund: Mailserver hat die E-Mail abgelehnt",
      push_failed: "Grund: Push-Dienst hat nicht angenommen",
      lease_expired: "Grund: Abbruch beim Senden",
      other: "Grund: sonstiger Fehler",
    },
    expired: "Älter als ein Tag: wird nicht mehr gesendet.",
    retry: "Erneut versuchen",
    retryLabel: "{{kind}} per {{channel}} vom {{date}} erneut versuchen",
    retried: "Die Benachrichtigung wird erneut versucht.",
    failed: "Das hat nicht geklappt (Fehler: {{code}}).",
  },
};
