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
    link: {
      heading: "Anmeldung über Ihre Organisation (SSO)",
      explain:
        "Ihre Organisation bietet eine gemeinsame Anmeldung an. Verbinden Sie Ihr Konto einmal damit; danach können Sie sich über Ihre Organisation anmelden. Ihre Schlüssel öffnet weiterhin nur Ihr Passwort.",
      start: "Meine Anmeldung der Organisation verbinden (SSO)",
      waiting:
        "Die Anmeldung Ihrer Organisation ist in einem neuen Fenster geöffnet. Melden Sie sich dort an; danach geht es hier weiter.",
      linkedSince: "Ihr Konto ist seit dem {{date}} mit der Anmeldung Ihrer Organisation verbunden.",
      failed: "Das Verbinden hat nicht geklappt. Bitte versuchen Sie es noch einmal.",
      unavailable: "Der Anmeldedienst Ihrer Organisation ist gerade nicht erreichbar. Bitte versuchen Sie es später.",
      taken:
        "Dieses Konto Ihrer Organisation ist schon mit einem anderen Obhut-Konto verbunden, oder Ihr Obhut-Konto ist schon verbunden. Wenden Sie sich an Ihre Administration.",
      closeWindow: "Sie können dieses Fenster schließen und im anderen Fenster weitermachen.",
      afterRedirect:
        "Haben Sie das Verbinden in einem anderen Fenster begonnen, machen Sie dort weiter. Sonst melden Sie sich neu an, um Ihre Schlüssel zu entsperren:",
    },
    admin: {
      title: "Anmeldung über die Organisation (SSO)",
      lead: "Mitarbeitende melden sich über den Anmeldedienst Ihrer Organisation an (OpenID Connect). Ihre Schlüssel öffnet weiterhin nur ihr Passwort.",
      stateHeading: "Stand",
      stateOff: "SSO ist ausgeschaltet.",
      stateOn: "SSO ist eingeschaltet. Die Anmeldung mit Passwort allein ist weiter möglich.",
      stateRequired: "SSO ist eingeschaltet und vorgeschrieben: Mitarbeitende melden sich nur über SSO an.",
      redirectExplain:
        "Tragen Sie beim Anmeldedienst diese Weiterleitungsadresse ein (Grant Type Authorization Code, PKCE S256, client_secret_basic):",
      linkHint: "Jede Person verbindet ihr Konto einmal selbst auf der Kontoseite.",
      accountLink: "Zu Ihrer Kontoseite",
      formHeading: "Einstellungen",
      issuer: "Aussteller-Adresse (Issuer)",
      issuerHint: "Zum Beispiel https://idp.example.org/realms/traeger. Sie wird beim Speichern geprüft.",
      clientId: "Client-ID",
      clientSecret: "Client-Secret",
      secretHint: "Wird verschlüsselt gespeichert und nie wieder angezeigt.",
      secretStored: "Ein Secret ist gespeichert. Lassen Sie das Feld leer, um es zu behalten.",
      scopes: "Scopes",
      scopesHint: "Durch Leerzeichen getrennt; openid muss dabei sein.",
      groupsClaim: "Name des Gruppen-Claims",
      groupsClaimHint: "Der Claim im ID-Token (oder bei userinfo), der die Gruppen einer Person aufzählt.",
      mappingLegend: "Gruppen und Rollen",
      mappingHint:
        "Die erste passende Zeile gilt. Ohne Zeilen ändert SSO keine Rollen. Mit Zeilen wird abgewiesen, wer in keiner dieser Gruppen ist.",
      mappingNone: "Keine Zuordnung: SSO ändert keine Rollen.",
      group: "Gruppe {{n}}",
      role: "Rolle für Gruppe {{n}}",
      removeMapping: "Zeile {{n}} entfernen",
      addMapping: "Zeile hinzufügen",
      required: "SSO vorschreiben (keine Anmeldung mit Passwort allein)",
      requiredHint: "Erst möglich, wenn Ihr eigenes Konto verbunden ist, damit Sie sich nicht aussperren.",
      save: "Speichern und prüfen",
      checking: "Der Anmeldedienst wird geprüft …",
      saved: "Die SSO-Einstellungen sind gespeichert.",
      unreachable:
        "Unter dieser Aussteller-Adresse hat kein OpenID-Connect-Dienst geantwortet. Bitte prüfen Sie die Adresse.",
      linkFirst:
        "Verbinden Sie zuerst Ihr eigenes Konto auf der Kontoseite mit diesem Anmeldedienst, bevor Sie SSO vorschreiben.",
      notAllowed:
        "Dieser Server lässt diese Aussteller-Adresse nicht zu (sie steht nicht auf der Liste des Betriebs oder zeigt in ein lokales oder privates Netz). Bitte wenden Sie sich an den Betrieb des Servers.",
      invalid:
        "Bitte prüfen Sie die Angaben: Die Aussteller-Adresse muss mit https:// beginnen, die Scopes müssen openid enthalten.",
      offHeading: "SSO ausschalten",
      offExplain: "Danach melden sich alle wieder mit Passwort an. Die Verbindungen der Konten bleiben erhalten.",
      off: "SSO ausschalten",
      offConfirm: "Möchten Sie SSO für Ihre Organisation wirklich ausschalten?",
      offYes: "Ja, ausschalten",
      removed: "SSO ist ausgeschaltet.",
    },
  },
};
