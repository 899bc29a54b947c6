// SPDX-License-Identifier: AGPL-3.0-or-later

/** Anmeldung über die Organisation (SSO, OpenID Connect) für Mitarbeitende. */
export const deSso = {
  sso: {
    entryTitle: "Mit Ihrer Organisation anmelden (SSO)",
    entryLead:
      "Ihre Organisation bestätigt, wer Sie sind. Danach entsperren Sie Ihre Schlüssel wie gewohnt mit Ihrem Passwort.",
    organisation: "Organisation",
    chooseOrganisation: "Bitte wählen",
    signIn: "Mit Ihrer Organisation anmelden (SSO)",
    unavailable: "Der Anmeldedienst Ihrer Organisation ist gerade nicht erreichbar. Bitte versuchen Sie es später.",
    callbackTitle: "Anmeldung über Ihre Organisation",
    callbackLead: "Ihre Organisation hat bestätigt, wer Sie sind. Ihre Schlüssel öffnet nur Ihr Passwort.",
    checking: "Die Anmeldung wird geprüft …",
    failed: "Die Anmeldung über Ihre Organisation hat nicht geklappt. Bitte beginnen Sie noch einmal.",
    notLinked:
      "Dieses Konto Ihrer Organisation ist noch nicht mit Obhut verbunden. Melden Sie sich einmal mit Ihrem Passwort an und verbinden Sie es, oder bitten Sie Ihre Administration um eine Einladung.",
    noAccess: "Ihre Organisation hat Ihnen keinen Zugang zu Obhut freigegeben.",
    backToLogin: "Zurück zur Anmeldung",
    linked: "Ihr Konto ist jetzt mit der Anmeldung Ihrer Organisation verbunden.",
    passwordLead: "Angemeldet als {{username}}. Geben Sie Ihr Passwort ein, um Ihre Schlüssel zu entsperren.",
    unlock: "Schlüssel entsperren",
  },
};
