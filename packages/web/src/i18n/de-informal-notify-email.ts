// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording of "Benachrichtigung per E-Mail" (clients only; staff read the formal text). */
export const deInformalNotifyEmail: Overrides = {
  notifyEmail: {
    what: "Wenn du möchtest, schicken wir dir eine kurze E-Mail, sobald es in deiner Beratung eine neue Antwort gibt. Das ist freiwillig.",
    points: {
      content:
        "In der E-Mail steht nur: „Es gibt eine neue Antwort“. Nie der Text der Nachricht, nie dein Benutzername, nie das Thema oder der Name der Beratungsstelle.",
      hidden: "Die Beraterinnen und Berater sehen deine Adresse nie.",
      remove: "Du kannst die Adresse jederzeit wieder löschen. Dann bekommst du keine E-Mail mehr.",
      confirm: "Erst wenn du den Link in der Bestätigungs-E-Mail öffnest, schicken wir Hinweise.",
      // The formal example quotes the default name „Ihre Beratungsstelle“, which would be "Sie" in a "du" text.
      sender: "Als Absender steht ein neutraler Name, den die Organisation festlegt, nie der Name der Beratungsstelle.",
    },
    privacyHint:
      "Überleg, wer dein Postfach noch lesen kann. Wenn das jemand ist, der nichts von der Beratung wissen soll, lass das Feld lieber leer.",
    loadFailed: "Der Stand der Benachrichtigung konnte nicht geladen werden (Fehler: {{code}}).",
    state: {
      none: "Zurzeit ist keine E-Mail-Adresse hinterlegt. Du bekommst keine Benachrichtigung.",
      pending:
        "Wartet auf Bestätigung: Wir haben eine E-Mail an {{address}} geschickt. Öffne den Link darin (24 Stunden gültig).",
    },
    label: "Deine E-Mail-Adresse",
    hint: "Nur du siehst diese Adresse.",
    invalid: "Bitte gib eine E-Mail-Adresse ein, zum Beispiel name@example.org.",
    sent: "Die Bestätigungs-E-Mail ist unterwegs. Bitte öffne den Link darin.",
    removed: "Die Adresse ist gelöscht. Du bekommst keine Benachrichtigung mehr.",
    failed: "Das hat nicht geklappt (Fehler: {{code}}). Bitte versuch es noch einmal.",
    sendUnavailable: "Die E-Mail konnte gerade nicht verschickt werden. Bitte versuch es später noch einmal.",
    rateLimited: "Zu viele Versuche. Bitte warte etwas und versuch es dann noch einmal.",
    confirm: {
      done: "Danke. Deine Adresse ist bestätigt. Du bekommst jetzt eine kurze E-Mail, wenn es eine neue Antwort gibt.",
      gone: "Dieser Link gilt nicht mehr. Er war schon benutzt oder ist älter als 24 Stunden. Auf deiner Kontoseite kannst du eine neue Bestätigungs-E-Mail senden.",
      noToken:
        "Der Link ist unvollständig. Bitte öffne den ganzen Link aus der E-Mail oder sende auf deiner Kontoseite eine neue Bestätigungs-E-Mail.",
      failed: "Die Bestätigung hat nicht geklappt (Fehler: {{code}}). Bitte versuch es noch einmal.",
    },
  },
};
