// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * "Benachrichtigung auf diesem Gerät" (Web Push) and the staff bell (issue #17,
 * ADR 0038). Informal wording in de-informal-notify-push.ts; the bell is staff
 * only and stays formal.
 */
export const deNotifyPush = {
  notifyPush: {
    title: "Benachrichtigung auf diesem Gerät",
    what: "Wenn Sie möchten, zeigt dieses Gerät einen kurzen Hinweis, sobald es in Ihrer Beratung eine neue Antwort gibt. Das ist freiwillig.",
    staffWhat:
      "Wenn Sie möchten, zeigt dieses Gerät einen kurzen Hinweis bei einer neuen Anfrage für Ihr Team, einer neuen Nachricht in Ihrem Fall, einem Fall, der Ihnen übergeben wurde, und – als Teamleitung – bei einem Notfallzugriff auf einen Fall Ihres Teams.",
    points: {
      content:
        "Der Hinweis lautet nur „Neue Nachricht in Obhut“. Nie der Text der Nachricht, nie ein Name, nie das Thema oder die Beratungsstelle.",
      service:
        "Der Hinweis läuft über den Push-Dienst Ihres Browsers (zum Beispiel von Google, Mozilla oder Apple). Dieser Dienst erfährt, wann ein Hinweis kommt, aber nicht, was darin steht.",
      ends: "Beim Abmelden und beim Schnellausstieg endet die Benachrichtigung auf diesem Gerät.",
    },
    sharedDevice:
      "Auf diesem Gerät gibt es keine Benachrichtigung: Sie ist nur auf Ihrem eigenen Gerät möglich, wenn Sie es beim Anmelden als „mein eigenes Gerät“ gewählt haben.",
    staffSharedDevice:
      "Auf diesem Gerät gibt es keine Benachrichtigung: Sie ist nur möglich, wenn Sie sich Ihre Schlüssel auf diesem Gerät gemerkt haben (oben).",
    unsupported: "Dieser Browser kann keine Benachrichtigungen empfangen.",
    enable: "Auf diesem Gerät benachrichtigen",
    enabled: "Dieses Gerät wird jetzt benachrichtigt.",
    serviceUnavailable:
      "Der Push-Dienst dieses Browsers hat keine Anmeldung vergeben. Es wurde nichts eingerichtet; versuchen Sie es später noch einmal.",
    denied:
      "Der Browser hat Benachrichtigungen nicht erlaubt. Sie können das in den Einstellungen des Browsers ändern.",
    failed: "Das hat nicht geklappt (Fehler: {{code}}).",
    loadFailed: "Der Stand der Benachrichtigung konnte nicht geladen werden (Fehler: {{code}}).",
    listTitle: "Benachrichtigte Geräte",
    none: "Zurzeit wird kein Gerät benachrichtigt.",
    item: "Über {{service}}, seit {{date}}",
    thisLogin: "diese Anmeldung",
    remove: "Entfernen",
    removeLabel: "Benachrichtigung über {{service}} seit {{date}} entfernen",
    removed: "Das Gerät wird nicht mehr benachrichtigt.",
  },
  bell: {
    nav: "Benachrichtigungen",
    unread_one: "{{count}} ungelesen",
    unread_other: "{{count}} ungelesen",
    title: "Benachrichtigungen",
    intro: "Was in Ihren Teams und Fällen passiert ist, ohne Inhalt. Einträge werden nach 30 Tagen gelöscht.",
    empty: "Keine Benachrichtigungen.",
    markAll: "Alle als gelesen markieren",
    allRead: "Alle Benachrichtigungen sind als gelesen markiert.",
    unreadMark: "Ungelesen:",
    kinds: {
      new_enquiry: "Neue Anfrage für Ihr Team",
      new_message: "Neue Nachricht in Ihrem Fall",
      handed_to_me: "Ein Fall wurde Ihnen übergeben",
      break_glass: "Notfallzugriff auf einen Fall Ihres Teams",
      dsr_due_soon: "Eine Betroffenenanfrage ist in 7 Tagen fällig",
      dsr_overdue: "Eine Betroffenenanfrage ist überfällig",
      enquiry_waiting: "Eine Anfrage Ihres Teams wartet zu lange auf Zuständigkeit",
      assignee_absent: "Neue Nachricht in einem Fall, dessen Fachkraft abwesend ist",
      document_approval: "Ein Dokument wartet auf Freigabe",
      audit_chain_failed: "Die Prüfung des Audit-Protokolls ist fehlgeschlagen",
      job_failed: "Eine Hintergrundaufgabe ist fehlgeschlagen",
      config_problem: "Die Prüfung der Einrichtung hat ein Problem gefunden",
      breach_due_soon: "Eine Frist zur Meldung einer Datenpanne läuft bald ab",
      breach_overdue: "Die Frist zur Meldung einer Datenpanne ist abgelaufen",
      training_due: "Eine Schulung ist für Sie fällig",
    },
    loadFailed: "Die Benachrichtigungen konnten nicht geladen werden (Fehler: {{code}}).",
    failed: "Das hat nicht geklappt (Fehler: {{code}}).",
  },
};
