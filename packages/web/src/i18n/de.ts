// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * German catalogue, formal address ("Sie"). This is the source of truth for
 * the key structure: `en` and the informal overrides are typed against it.
 * Plain language: short sentences, everyday words, one idea per sentence.
 */
import { deAccount } from "./de-account";
import { deAdmin } from "./de-admin";
import { deAttachments } from "./de-attachments";
import { deAddressForm } from "./de-address-form";
import { deCompliance } from "./de-compliance";
import { deConsents } from "./de-consents";
import { deDpo } from "./de-dpo";
import { deCounsellor } from "./de-counsellor";
import { deDsr } from "./de-dsr";
import { deOnboarding } from "./de-onboarding";
import { deDevice } from "./de-device";
import { deKeptDevice } from "./de-kept-device";
import { deSso } from "./de-sso";
import { deSetup } from "./de-setup";
import { deCounselling } from "./de-counselling";
import { deSecrets } from "./de-secrets";
import { deRetention } from "./de-retention";
import { deEpochs } from "./de-epochs";
import { deOwedEpochs } from "./de-owed-epochs";
import { deOrgFingerprint } from "./de-org-fingerprint";
import { deStaffShell } from "./de-staff-shell";
import { deChannels } from "./de-channels";
import { deChats } from "./de-chats";
import { deWorkspace } from "./de-workspace";
import { deNotifyEmail } from "./de-notify-email";
import { deNotifyPush } from "./de-notify-push";
import { deQuietHours } from "./de-quiet-hours";
import { deNotificationRules } from "./de-notification-rules";
import { deStatistics } from "./de-statistics";
import { deBreaches } from "./de-breaches";
import { deProcessors } from "./de-processors";
import { deTrainings } from "./de-trainings";
import { deAppointments } from "./de-appointments";
import { deLanguages } from "./de-languages";
import { deClientDetails } from "./de-client-details";

export const de = {
  app: {
    name: "Obhut",
    titleSuffix: "Obhut",
  },
  layout: {
    skipLink: "Zum Inhalt springen",
    mainNav: "Hauptnavigation",
    nav: {
      cases: "Meine Beratungen",
      newEnquiry: "Neue Anfrage",
      account: "Konto",
      logout: "Abmelden",
      login: "Anmelden",
      home: "Beratung finden",
      staff: "Für Mitarbeitende",
      inbox: "Posteingang",
      privacy: "Datenschutz",
      accessibility: "Barrierefreiheit",
    },
    footerNav: "Rechtliches und Hilfe",
    footerNote: "Obhut ist freie Software (AGPL-3.0-or-later).",
    language: {
      label: "Sprache",
      de: "Deutsch",
      en: "English",
    },
  },
  quickExit: {
    label: "Schnell verlassen",
    description:
      "Verlässt Obhut sofort und öffnet eine unverfängliche Seite. Tastenkürzel: dreimal schnell die Esc-Taste drücken.",
  },
  start: {
    title: "Beratung finden",
    lead: "Obhut ist ein geschützter Ort für Gespräche mit einer Beratungsstelle. Sie schreiben vertraulich und kostenlos mit Fachkräften – zum Beispiel aus der Jugend-, Sucht-, Schulden- oder Migrationsberatung.",
    what: {
      title: "Was ist Obhut?",
      body: "Viele Beratungsstellen möchten nicht über WhatsApp, SMS oder E-Mail mit Ihnen schreiben, weil dort andere mitlesen oder Daten sammeln können. Obhut ist deshalb eine eigene Plattform, die die Beratungsstelle selbst betreibt. Sie brauchen keine App. Obhut läuft in jedem Browser, auch auf älteren Handys.",
    },
    anonymity: {
      title: "So bleiben Sie anonym",
      items: [
        "Sie brauchen keine Telefonnummer und keine E-Mail-Adresse.",
        "Sie wählen selbst einen Benutzernamen. Er muss nichts mit Ihrem echten Namen zu tun haben.",
        "Ihr Passwort verlässt nie Ihr Gerät. Auch der Server kennt es nicht.",
        "Ihre Nachrichten werden schon auf Ihrem Gerät verschlüsselt. Lesen kann sie nur die Beratungsstelle – nicht der Betreiber des Servers.",
        "Obhut speichert keine IP-Adressen und bindet keine fremden Dienste ein.",
      ],
    },
    safety: {
      title: "Wenn andere Ihr Gerät mitbenutzen",
      body: "Mit dem Knopf „Schnell verlassen“ oben auf jeder Seite – oder dreimal schnell Esc – wechseln Sie sofort zu einer unverfänglichen Seite. Dabei wird diese Sitzung beendet. Melden Sie sich nach jedem Besuch ab, wenn andere Ihr Gerät benutzen. Ein privates Fenster (Inkognito-Modus) hinterlässt auch im Verlauf des Browsers keine Spur.",
    },
    next: {
      title: "Wie geht es weiter?",
      body: "Erstellen Sie ein Konto – anonym, ohne E-Mail-Adresse und ohne Telefonnummer. Wenn Sie schon ein Konto haben, melden Sie sich an.",
      signup: "Konto erstellen",
      login: "Anmelden",
    },
    emergency: {
      title: "In einer akuten Notlage",
      body: "Obhut ist keine Notfallhilfe. Antworten können einige Tage dauern. Wenn Sie jetzt Hilfe brauchen:",
      items: [
        { name: "Notruf", numbers: ["112"] },
        { name: "TelefonSeelsorge, rund um die Uhr und kostenlos", numbers: ["0800 111 0 111", "0800 111 0 222"] },
        { name: "Nummer gegen Kummer für Kinder und Jugendliche", numbers: ["116 111"] },
      ],
      or: "oder",
      short: "Im Notfall",
    },
  },
  staff: {
    title: "Anmeldung für Mitarbeitende",
    lead: "Hier melden sich Fachkräfte, Teamleitungen und Administratorinnen und Administratoren Ihrer Organisation an.",
    username: "Benutzername",
    password: "Passwort",
    submit: "Anmelden",
    submitting: "Anmeldung läuft …",
    unavailable: "Die Anmeldung für Mitarbeitende ist in dieser Version von Obhut noch nicht verfügbar.",
    missingFields: "Bitte geben Sie Benutzernamen und Passwort ein.",
  },
  setup: {
    title: "Organisation einrichten",
    lead: "Mit diesem einmaligen Link richten Sie Ihre Organisation und das erste Administrationskonto ein.",
    checking: "Der Einrichtungslink wird geprüft …",
    noToken:
      "Diese Seite braucht den Einrichtungslink, den Obhut beim ersten Start ausgibt. Öffnen Sie bitte den vollständigen Link aus der Konsole des Servers.",
    invalid:
      "Dieser Einrichtungslink ist ungültig oder abgelaufen. Bitte prüfen Sie, ob Sie den Link vollständig kopiert haben. Beim nächsten Neustart gibt Obhut einen neuen Link aus.",
    alreadyDone:
      "Diese Obhut-Installation ist bereits eingerichtet. Bitte melden Sie sich als Mitarbeiterin oder Mitarbeiter an.",
    networkError:
      "Der Server ist gerade nicht erreichbar. Bitte prüfen Sie die Verbindung und laden Sie die Seite neu.",
    valid: "Der Einrichtungslink ist gültig. Bitte füllen Sie das Formular aus.",
    orgName: "Name der Organisation",
    orgNameHint: "Zum Beispiel „Jugendberatung Musterstadt e. V.“. Sie können den Namen später ändern.",
    adminUsername: "Benutzername für das Administrationskonto",
    adminUsernameHint: "Mit diesem Namen melden Sie sich später an.",
    password: "Passwort",
    passwordHint:
      "Mindestens 12 Zeichen. Ein langer Satz aus mehreren Wörtern ist leicht zu merken und schwer zu erraten. Das Passwort verlässt nie dieses Gerät; auch der Server erfährt es nicht. Geht es verloren, kann niemand es wiederherstellen.",
    passwordRepeat: "Passwort wiederholen",
    submit: "Organisation einrichten",
    submitting: "Einrichtung läuft …",
    done: "Die Organisation ist eingerichtet. Sie können sich jetzt anmelden.",
    failed: "Die Einrichtung ist fehlgeschlagen: {{message}}",
    unavailable: "Die Einrichtung kann in dieser Version von Obhut noch nicht abgeschlossen werden.",
    errorsTitle: "Bitte korrigieren Sie folgende Angaben:",
    errors: {
      orgNameRequired: "Bitte geben Sie den Namen der Organisation ein.",
      usernameRequired: "Bitte geben Sie einen Benutzernamen ein.",
      usernameInvalid:
        "Der Benutzername darf 3 bis 64 Zeichen haben: Buchstaben ohne Umlaute, Ziffern, Punkt, Binde- und Unterstrich. Er beginnt mit einem Buchstaben oder einer Ziffer.",
      passwordTooShort: "Das Passwort muss mindestens 12 Zeichen lang sein.",
      passwordGuessable:
        "Dieses Passwort ist zu leicht zu erraten (bekanntes Passwort, Wort aus dem Wörterbuch, Name oder Muster). Nehmen Sie zum Beispiel vier oder mehr zufällige Wörter.",
      passwordCheckFailed:
        "Die Passwortprüfung konnte nicht geladen werden. Bitte prüfen Sie die Verbindung und versuchen Sie es noch einmal.",
      passwordMismatch: "Die beiden Passwörter stimmen nicht überein.",
    },
  },
  privacy: {
    title: "Datenschutz",
    lead: "Obhut ist so gebaut, dass möglichst wenige Daten entstehen – und dass nur die Beratungsstelle Ihre Nachrichten lesen kann.",
    sections: [
      {
        title: "Wer ist verantwortlich?",
        body: "Verantwortlich ist die Organisation, die dieses Obhut betreibt – in der Regel Ihre Beratungsstelle oder deren Träger. Sie nennt Ihnen auf Anfrage ihre Kontaktdaten und die ihrer Datenschutzbeauftragten.",
      },
      {
        title: "Welche Daten entstehen?",
        body: "Ihr Benutzername, ein Prüfwert Ihres Passworts (nicht das Passwort selbst) und Ihre verschlüsselten Nachrichten. Der Server sieht außerdem, wann Sie Obhut benutzen. IP-Adressen werden nicht gespeichert.",
      },
      {
        title: "Verschlüsselung",
        body: "Nachrichten und Anhänge werden auf Ihrem Gerät verschlüsselt, bevor sie gesendet werden. Entschlüsseln kann sie nur das zuständige Team der Beratungsstelle. Der Betreiber des Servers kann sie nicht lesen.",
      },
      {
        title: "Keine fremden Dienste",
        body: "Obhut lädt nichts von anderen Servern: keine Schriften, keine Statistikdienste, keine Werbung. Es gibt kein Tracking. Ein Cookie wird nur gesetzt, um Sie nach der Anmeldung angemeldet zu halten.",
      },
      {
        title: "Auf Ihrem Gerät",
        body: "Damit Obhut schneller startet, speichert Ihr Browser die Programmdateien dieser Seite. Persönliche Daten und Nachrichten werden dabei nicht gespeichert. „Schnell verlassen“ löscht die Daten dieser Sitzung.",
      },
      {
        title: "Ihre Rechte",
        body: "Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung sowie auf Beschwerde bei einer Datenschutz-Aufsichtsbehörde. Wenden Sie sich dafür an die Organisation, die dieses Obhut betreibt.",
      },
    ],
  },
  accessibility: {
    title: "Erklärung zur Barrierefreiheit",
    lead: "Obhut soll für alle Menschen gut nutzbar sein – auch mit Bildschirmleser, nur mit der Tastatur, mit Vergrößerung oder auf kleinen Bildschirmen.",
    sections: [
      {
        title: "Unser Ziel",
        body: "Obhut richtet sich nach den Web Content Accessibility Guidelines (WCAG) 2.1 auf Stufe AA. Jede Seite wird bei jeder Änderung automatisch mit axe-core geprüft, auf Deutsch und Englisch, auf kleinen und großen Bildschirmen.",
      },
      {
        title: "Stand",
        body: "Automatische Prüfungen finden nicht alle Barrieren. Eine Prüfung durch Menschen mit Behinderungen steht noch aus. Wenn Sie auf eine Barriere stoßen, sagen Sie es uns bitte.",
      },
      {
        title: "Bedienung",
        body: "Alle Funktionen sind mit der Tastatur erreichbar. Der erste Druck auf die Tabulatortaste führt zu „Zum Inhalt springen“. Dreimal schnell Esc verlässt Obhut sofort. Bewegungen und Animationen werden abgeschaltet, wenn Ihr Gerät das wünscht.",
      },
      {
        title: "Rückmeldung",
        body: "Rückmeldungen zur Barrierefreiheit gehen an die Organisation, die dieses Obhut betreibt. Sie ist dafür verantwortlich, Barrieren zu beheben, und antwortet Ihnen.",
      },
    ],
  },
  notFound: {
    title: "Seite nicht gefunden",
    body: "Diese Seite gibt es nicht. Vielleicht ist der Link unvollständig.",
    home: "Zur Startseite",
  },
  common: {
    required: "Pflichtfeld",
    loading: "Wird geladen …",
  },
  ...deAccount,
  ...deAdmin,
  ...deSetup,
  ...deOnboarding,
  ...deSso,
  ...deDevice,
  ...deKeptDevice,
  ...deCounselling,
  ...deCounsellor,
  ...deCompliance,
  ...deAddressForm,
  ...deConsents,
  ...deDpo,
  ...deDsr,
  ...deAttachments,
  ...deSecrets,
  ...deRetention,
  ...deEpochs,
  ...deOwedEpochs,
  ...deOrgFingerprint,
  ...deStaffShell,
  ...deChats,
  ...deChannels,
  ...deWorkspace,
  ...deNotifyEmail,
  ...deNotifyPush,
  ...deQuietHours,
  ...deNotificationRules,
  ...deStatistics,
  ...deBreaches,
  ...deProcessors,
  ...deTrainings,
  ...deAppointments,
  ...deLanguages,
  ...deClientDetails,
};

export type Catalogue = typeof de;
