// SPDX-License-Identifier: AGPL-3.0-or-later
/** German (formal) texts for staff onboarding: invitation link and second factor. Merged into `de`. */
export const deOnboarding = {
  /** The staff display name: asked at sign-up and setup, and on the account page of staff who have none yet. */
  displayName: {
    label: "Anzeigename",
    hint: "So sehen Klientinnen und Klienten Sie, zum Beispiel „Frau Berger“ oder „Jonas“. Ihren Benutzernamen sehen sie nie.",
    errors: {
      displayNameRequired: "Bitte geben Sie einen Anzeigenamen ein.",
      displayNameTooLong: "Der Anzeigename darf höchstens 64 Zeichen haben.",
      displayNameInvalid: "Der Anzeigename darf nur eine Zeile sichtbaren Text enthalten.",
    },
    title: "Anzeigename",
    missing:
      "Sie haben noch keinen Anzeigenamen. Bis Sie einen festlegen, sehen Klientinnen und Klienten Sie nur als „Ihre Beraterin / Ihr Berater“.",
    current: "Klientinnen und Klienten sehen Sie als „{{name}}“.",
    save: "Anzeigenamen speichern",
    saved: "Der Anzeigename ist gespeichert.",
    failed: "Der Anzeigename konnte nicht gespeichert werden. Bitte versuchen Sie es noch einmal.",
    none: "kein Anzeigename",
  },
  invite: {
    title: "Einladung annehmen",
    lead: "Mit diesem einmaligen Link erstellen Sie Ihr Konto als Mitarbeiterin oder Mitarbeiter.",
    checking: "Der Einladungslink wird geprüft …",
    noToken:
      "Diese Seite braucht den vollständigen Einladungslink. Bitte öffnen Sie den Link aus Ihrer Einladung noch einmal.",
    invalid:
      "Dieser Einladungslink ist ungültig, abgelaufen, bereits benutzt oder zurückgezogen. Bitte bitten Sie die Administration Ihrer Organisation um einen neuen Link.",
    rateLimited: "Zu viele Versuche. Bitte warten Sie einige Minuten und laden Sie die Seite dann neu.",
    network: "Der Server ist gerade nicht erreichbar. Bitte prüfen Sie die Verbindung und laden Sie die Seite neu.",
    valid: "Der Link ist gültig: Einladung zu „{{org}}“ als {{role}}, gültig bis {{until}}.",
    genesisNote:
      "Sie sind die erste Administratorin oder der erste Administrator dieser Organisation. Ihr Browser erzeugt dabei auch die Schlüssel der Organisation.",
    username: "Benutzername",
    usernameHint: "3 bis 64 Zeichen: Buchstaben ohne Umlaute, Ziffern, Punkt, Binde- und Unterstrich.",
    password: "Passwort",
    passwordHint: "Mindestens 12 Zeichen. Das Passwort verlässt dieses Gerät nie – auch der Server erfährt es nicht.",
    passwordRepeat: "Passwort wiederholen",
    recoveryNote:
      "Im nächsten Schritt zeigen wir Ihnen einmalig einen Wiederherstellungscode. Für Mitarbeitende ist er verpflichtend.",
    submit: "Weiter zum Wiederherstellungscode",
    working: "Ihr Konto wird auf diesem Gerät erstellt. Das kann einige Sekunden dauern.",
    failed: "Das Konto konnte nicht erstellt werden.",
    roles: {
      counsellor: "Fachkraft",
      org_admin: "Administration",
      dpo: "Datenschutzbeauftragte Person",
      report_office: "Meldestelle",
      other: "Mitarbeitende",
    },
  },
  mfa: {
    title: "Zweiter Faktor",
    lead: "Mitarbeitende melden sich mit Passwort und einem zweiten Faktor an: einer Authenticator-App oder einem Passkey.",
    loading: "Der Stand Ihres zweiten Faktors wird geladen …",
    noSession: "Sie sind nicht angemeldet. Bitte melden Sie sich zuerst mit Ihrem Passwort an.",
    loginLink: "Zur Anmeldung für Mitarbeitende",
    done: "Der zweite Faktor ist bestätigt.",
    chooseTitle: "Zweiten Faktor einrichten",
    chooseIntro: "Bevor Sie Obhut nutzen können, richten Sie einen zweiten Faktor ein. Wählen Sie eine Möglichkeit:",
    chooseTotp: "Authenticator-App einrichten",
    choosePasskey: "Passkey einrichten",
    verifyTitle: "Mit dem zweiten Faktor bestätigen",
    totpTitle: "Authenticator-App",
    totpIntro:
      "Fügen Sie in Ihrer Authenticator-App ein neues Konto hinzu und geben Sie den folgenden Schlüssel ein (oder kopieren Sie den Link in die App).",
    totpQr: "Oder scannen Sie diesen QR-Code mit der App:",
    totpQrAlt: "QR-Code für die Authenticator-App. Er enthält denselben Schlüssel wie unten.",
    secretLabel: "Geheimer Schlüssel",
    uriLabel: "otpauth-Link",
    copy: "Kopieren",
    copied: "In die Zwischenablage kopiert.",
    copyFailed: "Kopieren war nicht möglich. Bitte markieren und kopieren Sie den Text selbst.",
    code: "6-stelliger Code aus der App",
    codeHint: "Die App zeigt alle 30 Sekunden einen neuen Code.",
    codeInvalid: "Bitte geben Sie die 6 Ziffern aus der App ein.",
    confirm: "Code bestätigen",
    verify: "Mit Code anmelden",
    passkeyIntro: "Ein Passkey ist auf diesem Gerät oder einem Sicherheitsschlüssel gespeichert.",
    passkeyCreate: "Passkey erstellen",
    passkeyUse: "Mit Passkey anmelden",
    passkeyWorking: "Bitte bestätigen Sie im Dialog Ihres Browsers oder Geräts …",
    working: "Wird geprüft …",
    back: "Andere Möglichkeit wählen",
    retry: "Erneut versuchen",
    errors: {
      wrong_code:
        "Der Code wurde nicht angenommen. Er ist falsch oder wurde schon benutzt. Bitte warten Sie auf den nächsten Code.",
      rate_limited: "Zu viele Versuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann noch einmal.",
      network: "Der Server ist gerade nicht erreichbar. Bitte prüfen Sie die Verbindung.",
      passkey_cancelled:
        "Der Passkey wurde nicht verwendet (abgebrochen oder abgelaufen). Bitte versuchen Sie es erneut.",
      passkey_unsupported: "Dieser Browser unterstützt keine Passkeys. Bitte nutzen Sie eine Authenticator-App.",
      not_allowed: "Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.",
      server: "Der Server hat die Anfrage abgelehnt. Bitte versuchen Sie es später erneut.",
    },
  },
};
