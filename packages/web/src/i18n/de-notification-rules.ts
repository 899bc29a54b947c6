// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Rules for notices (issue #17, ADR 0044): staff's switches per event and
 * channel on the account page, weekends in the quiet hours, and the
 * organisation's rules in the console. Staff and the console are addressed
 * formally; the one line clients see (weekends) has no form of address.
 */
export const deNotificationRules = {
  noticeRules: {
    title: "Wofür Sie benachrichtigt werden",
    lead: "Für jede Art von Ereignis wählen Sie, auf welchem Weg Sie davon erfahren. Eine Benachrichtigung sagt nie, was geschrieben wurde oder um wen es geht – nur, dass es etwas Neues gibt.",
    emailHint:
      "E-Mails gehen nur an eine bestätigte Adresse (Abschnitt „Benachrichtigung per E-Mail“), Push nur an ein Gerät, das Sie eingeschaltet haben.",
    channels: { bell: "In Obhut", email: "Per E-Mail", push: "Auf dem Gerät" },
    kinds: {
      new_enquiry: "Neue Anfrage für eines meiner Teams",
      new_message: "Neue Nachricht in einem meiner Fälle",
      handed_to_me: "Ein Fall wurde mir übergeben",
      break_glass: "Notfallzugriff auf einen Fall meines Teams",
      enquiry_waiting: "Eine Anfrage meines Teams wartet zu lange auf Zuständigkeit",
      assignee_absent: "Neue Nachricht in einem Fall meines Teams, dessen Fachkraft abwesend ist",
      dsr_due_soon: "Eine Betroffenenanfrage ist in 7 Tagen fällig",
      dsr_overdue: "Eine Betroffenenanfrage ist überfällig",
      document_approval: "Ein Dokument wartet auf Freigabe",
      audit_chain_failed: "Die Prüfung des Audit-Protokolls ist fehlgeschlagen",
      job_failed: "Eine Hintergrundaufgabe ist fehlgeschlagen",
      config_problem: "Die Prüfung der Einrichtung hat ein Problem gefunden",
      breach_due_soon: "Eine Frist zur Meldung einer Datenpanne läuft bald ab",
      breach_overdue: "Die Frist zur Meldung einer Datenpanne ist abgelaufen",
      training_due: "Eine Schulung ist für mich fällig",
    },
    save: "Auswahl der Benachrichtigungen speichern",
    saved: "Gespeichert.",
    none: "Für Ihre Rolle gibt es keine Benachrichtigungen.",
    loadFailed: "Die Auswahl konnte nicht geladen werden (Fehler: {{code}}).",
    failed: "Das hat nicht geklappt (Fehler: {{code}}). Bitte versuchen Sie es noch einmal.",
    weekends: "Auch am Wochenende (Samstag und Sonntag ganztags)",
    weekendsOn: "Dazu Samstag und Sonntag ganztags.",
    pushOff: "Ihre Organisation bietet keine Benachrichtigungen auf dem Gerät an.",
    admin: {
      rulesTitle: "Wege der Benachrichtigung",
      rulesLead:
        "Was Ihre Organisation überhaupt anbietet. Ein ausgeschalteter Weg sendet nichts und wird niemandem angeboten.",
      email: "Benachrichtigungen per E-Mail",
      push: "Benachrichtigungen auf dem Gerät (Push)",
      clientEmail: "Ratsuchende dürfen E-Mail-Hinweise nutzen",
      waitLabel: "Teamleitungen benachrichtigen, wenn eine Anfrage so viele Stunden niemandem zugewiesen ist",
      waitHint: "1 bis 720 Stunden; leer lassen: nie.",
      waitInvalid: "Bitte eine ganze Zahl von 1 bis 720 eingeben oder das Feld leer lassen.",
      save: "Wege speichern",
      saved: "Gespeichert.",
    },
  },
  officeHours: {
    toggle: "Sprechzeiten festlegen",
    hint: "Außerhalb der Sprechzeiten erfahren Mitarbeitende von neuen Anfragen und Nachrichten nur in der Glocke; E-Mail und Push kommen gesammelt, wenn die Sprechzeit beginnt. Fristen für Datenschutz und Verwaltung gelten immer.",
    days: "Tage",
    from: "Von",
    until: "Bis",
    timeHint: "Uhrzeit, zum Beispiel 09:00",
    zone: "Zeitzone: {{zone}}",
    noDay: "Bitte wählen Sie mindestens einen Tag.",
    invalidTime: "Bitte geben Sie eine Uhrzeit ein, zum Beispiel 09:00.",
    order: "Das Ende muss nach dem Beginn am selben Tag liegen.",
  },
};
