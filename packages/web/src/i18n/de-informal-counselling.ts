// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording for the client's counselling pages; only texts that address the reader. */
export const deInformalCounselling: Overrides = {
  rebindCode: {
    lead: "Wenn du Passwort und Wiederherstellungscode verloren hast, kann deine Beraterin oder dein Berater die frühere Beratung mit diesem neuen Zugang verbinden. Ruf die Beratungsstelle an und lies Code und Fingerabdruck vor.",
    failed: "Der Code konnte nicht erstellt werden. Bitte versuch es noch einmal.",
  },
  finder: {
    lead: "Wähl ein Thema. Gib dann deine Postleitzahl ein – oder such Stellen, die online für alle Orte beraten.",
    postcodeInvalid: "Bitte gib eine Postleitzahl mit 5 Ziffern ein.",
    topicMissing: "Bitte wähl ein Thema.",
    none: "Für diese Auswahl haben wir keine Beratungsstelle gefunden. Versuch „Online, egal wo ich wohne“.",
    failed: "Die Suche hat nicht geklappt. Bitte versuch es noch einmal.",
  },
  agency: {
    missing: "Diese Beratungsstelle gibt es nicht (mehr). Bitte such eine andere.",
    counsellor: "Du hast {{name}} als Beraterin oder Berater gewählt. Die Beratungsstelle sieht diesen Wunsch.",
    counsellorUnnamed:
      "Du hast eine bestimmte Beraterin oder einen bestimmten Berater gewählt. Die Beratungsstelle sieht diesen Wunsch.",
  },
  enquiry: {
    documents: {
      privacy_notice: "Datenschutzhinweis von {{organisation}}",
      confirm: "Ich habe die Hinweise oben gelesen und bin einverstanden.",
      missing: "Bitte bestätige, dass du die Hinweise gelesen hast.",
      changed:
        "Die Beratungsstelle hat ihre Hinweise gerade geändert. Bitte lies die neue Fassung oben und bestätige sie noch einmal.",
    },
    title: "Deine Anfrage",
    lead: "Schreib der Beratungsstelle, worum es geht. Deine Nachricht wird auf deinem Gerät verschlüsselt.",
    privacyBody:
      "Für die Beratung erstellst du ein anonymes Konto. Bitte lies vorher, wie Obhut mit deinen Daten umgeht und wie wir miteinander schreiben.",
    privacyMissing: "Bitte bestätige, dass du die Hinweise gelesen hast.",
    message: "Deine Nachricht",
    messageHint: "Du kannst so viel oder so wenig schreiben, wie du möchtest.",
    messageMissing: "Bitte schreib eine Nachricht.",
    working: "Deine Anfrage wird verschlüsselt und gesendet …",
    failed: "Die Anfrage wurde nicht gesendet. Dein Text ist noch da. Bitte versuch es noch einmal.",
    missing: "Bitte wähl zuerst eine Beratungsstelle.",
  },
  cases: {
    lead: "Hier findest du alle deine Gespräche mit Beratungsstellen.",
    none: "Du hast noch keine Beratung begonnen.",
    loggedOut: "Bitte melde dich an, um deine Beratungen zu sehen.",
    failed: "Deine Beratungen konnten nicht geladen werden.",
  },
  clientCase: {
    waiting: "Deine Anfrage ist angekommen. Eine Fachkraft meldet sich – das kann einige Tage dauern.",
    closedNote: "Dieses Gespräch ist abgeschlossen. Wenn du schreibst, wird es wieder geöffnet.",
    archivedNote: "Dieses Gespräch ist archiviert. Du kannst es nur noch lesen.",
    you: "Du",
    unnamedCounsellor: "Deine Beraterin / dein Berater",
    absenceUnnamed: "Abwesenheitsnotiz deiner Beraterin / deines Beraters:",
    compose: "Deine Nachricht",
    attachHint: "Bis 25 MB. Dateien werden auf deinem Gerät verschlüsselt.",
    errors: {
      rate_limited: "Zu viele Nachrichten in kurzer Zeit. Bitte warte einen Moment.",
      unauthenticated: "Deine Anmeldung ist abgelaufen.",
    },
    empty: "Bitte schreib zuerst eine Nachricht oder wähle eine Datei aus.",
    textTooLong:
      "Deine Nachricht ist zu lang ({{length}} Zeichen, höchstens {{max}}). Dein Text bleibt hier stehen: bitte kürze ihn oder teile ihn auf mehrere Nachrichten auf.",
    loginAgain: "Neu anmelden – dein Text bleibt erhalten",
    live: {
      ended: "Die Sitzung ist beendet. Bitte melde dich neu an.",
    },
    notReady: "Das Gespräch wird noch geöffnet. Bitte sende gleich noch einmal – dein Text bleibt stehen.",
    loggedOut:
      "Bitte melde dich an, um dieses Gespräch zu lesen. Deine Schlüssel werden nur im Arbeitsspeicher gehalten.",
    events: {
      accepted: "{{name}} hat deine Anfrage angenommen.",
      assigned: "{{name}} ist jetzt für dich da.",
      handed_over: "Dein Gespräch wurde an {{name}} übergeben.",
      handed_over_team: "Dein Gespräch wurde an ein anderes Team der Beratungsstelle übergeben.",
      handed_over_unnamed: "Dein Gespräch wurde an eine andere Beraterin oder einen anderen Berater übergeben.",
    },
  },
};
