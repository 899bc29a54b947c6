// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * German (formal) texts of the case page's data-protection panel: how the
 * client may be contacted, the consents staff record on the client's
 * behalf (and their withdrawal), and the forwarding check. Merged into
 * `deCounsellor`. These texts are tools, not legal advice (docs/PROTOCOL.md).
 */
export const deCasePrivacy = {
  casePrivacy: {
    title: "Datenschutz",
    contactTitle: "Wie die Person kontaktiert werden möchte",
    contactExplain:
      "Das hat die Person in ihrem Konto festgelegt. Nehmen Sie nur auf den erlaubten Wegen Kontakt auf; alles andere ist aus, bis sie es selbst einschaltet.",
    contactChannel: {
      inApp: "Nachrichten in Obhut",
      emailNotice: "Hinweis per E-Mail",
      push: "Push-Benachrichtigung",
      phone: "Anruf",
    },
    allowed: "erlaubt",
    notAllowed: "nicht erlaubt",
    contactUpdated: "Zuletzt geändert am {{date}}.",
    contactNever: "Nie geändert: nur Nachrichten in Obhut.",
    failed: "Das hat nicht geklappt ({{code}}).",
  },
  caseConsents: {
    title: "Einwilligungen",
    lead: "Einwilligungen von {{name}} – für diese Beratung oder für alle Beratungen bei Ihrer Organisation –, ob online im eigenen Konto gegeben oder von Ihnen erfasst. Eine Einwilligung ist die Rechtsgrundlage einer Weitergabe und entbindet, soweit sie reicht, von der Schweigepflicht.",
    none: "Noch keine Einwilligungen.",
    legalBasis: "Rechtsgrundlage: Einwilligung (Art. 6 Abs. 1 lit. a und Art. 9 Abs. 2 lit. a DSGVO)",
    scope: { case: "Gilt für diese Beratung", client: "Gilt für alle Beratungen der Person bei Ihrer Organisation" },
    recipients: "An: {{recipients}}",
    givenBy: {
      subject: "Eingewilligt hat die Person selbst",
      guardian: "Eingewilligt hat eine sorgeberechtigte Person",
      legal_representative: "Eingewilligt hat eine gesetzliche Vertretung",
    },
    capacity: {
      adult: "volljährig",
      minor_with_capacity: "minderjährig, einsichtsfähig",
      minor: "minderjährig",
      limited_capacity: "eingeschränkt einwilligungsfähig",
    },
    capacityLine: "Alter und Einsichtsfähigkeit: {{capacity}}",
    method: {
      written: "schriftlich",
      verbal: "mündlich",
      online: "online",
    },
    given: "Gegeben am {{date}} ({{method}})",
    recordedBy: "Erfasst von {{name}} am {{date}}",
    recordedBySomeone: "Erfasst am {{date}}",
    expires: "Befristet bis {{date}}",
    active: "In Kraft",
    expired: "Abgelaufen",
    inactive: "Nicht in Kraft",
    withdrawnAt: "Widerrufen am {{date}} ({{method}})",
    withdraw: "Widerruf erfassen",
    withdrawLabel: "Widerruf erfassen: {{purpose}} an {{recipients}}",
    withdrawConfirm:
      "Widerruf der Einwilligung „{{purpose}}“ an {{recipients}} erfassen? Er gilt ab jetzt: Was vorher auf ihrer Grundlage geschah, bleibt rechtmäßig. Die Einwilligung bleibt mit ihrem Widerruf im Protokoll.",
    withdrawMethod: "Wie hat die Person widerrufen?",
    withdrawYes: "Widerruf speichern",
    cancel: "Abbrechen",
    withdrawn: "Der Widerruf ist gespeichert.",
  },
  recordConsent: {
    open: "Einwilligung erfassen",
    title: "Einwilligung erfassen",
    lead: "Für eine Einwilligung, die die Person mündlich, schriftlich oder auf einem anderen Weg außerhalb von Obhut gegeben hat. Aus Ihren Angaben entsteht unten der Text der Einwilligung; gespeichert werden Ihre Angaben und ein Fingerabdruck (SHA-256) genau dieses Textes – nicht der Text selbst und keine Namen.",
    scopeLegend: "Gilt für",
    scope: { case: "diese Beratung", client: "alle Beratungen dieser Person bei Ihrer Organisation" },
    purpose: "Zweck",
    recipient: "Empfänger (zum Beispiel „Jugendamt Mitte“)",
    recipientMissing: "Bitte geben Sie an, an wen weitergegeben werden darf.",
    channelsLegend: "Auf welchem Weg darf weitergegeben werden?",
    channelsMissing: "Bitte wählen Sie mindestens einen Weg.",
    givenByLegend: "Wer hat eingewilligt?",
    givenBy: {
      subject: "die Person selbst",
      guardian: "eine sorgeberechtigte Person",
      legal_representative: "eine gesetzliche Vertretung (Betreuung, Vormundschaft)",
    },
    nameHint:
      "Den Namen der Person, die eingewilligt hat, schreiben Sie bitte in die Notizen des Falls – dort ist er verschlüsselt. Auf dem Server wird kein Name gespeichert.",
    capacityLegend: "Alter und Einsichtsfähigkeit der beratenen Person",
    capacity: {
      adult: "volljährig",
      minor_with_capacity: "minderjährig, versteht aber, wozu eingewilligt wird",
      minor: "minderjährig (es willigen die Sorgeberechtigten ein)",
      limited_capacity: "volljährig, aber eingeschränkt einwilligungsfähig",
    },
    methodLegend: "Wie wurde eingewilligt?",
    method: {
      verbal: "mündlich (persönlich oder am Telefon)",
      written: "schriftlich (unterschriebenes Formular)",
      online: "elektronisch außerhalb von Obhut (zum Beispiel per E-Mail)",
    },
    givenAt: "Gegeben am",
    givenAtHint: "Bei einem unterschriebenen Formular das Datum der Unterschrift. Nicht in der Zukunft.",
    givenAtInvalid: "Bitte ein Datum bis heute angeben.",
    expiresAt: "Befristet bis (freiwillig)",
    expiresAtInvalid: "Das Ende muss nach dem Tag liegen, an dem eingewilligt wurde.",
    language: "Sprache des Textes, den die Person gehört oder unterschrieben hat",
    languages: { de: "Deutsch", en: "Englisch" },
    textHeading: "Dem hat die Person zugestimmt",
    attest: "Ich habe der Person genau diesen Text vorgelesen, oder das unterschriebene Formular hat denselben Inhalt.",
    attestMissing: "Bitte bestätigen Sie, dass die Person genau diesem Text zugestimmt hat.",
    submit: "Einwilligung speichern",
    recorded: "Die Einwilligung ist gespeichert und steht jetzt in der Liste.",
  },
  consentText: {
    self: "Ich willige ein, dass {{agency}} für den Zweck „{{purpose}}“ Angaben aus {{scope}} an {{recipient}} weitergibt, auf diesem Weg: {{channels}}.{{until}} Ich kann diese Einwilligung jederzeit widerrufen, auch formlos bei der Beratungsstelle; was bis dahin geschehen ist, bleibt rechtmäßig.",
    for: "Als {{giver}} willige ich für die beratene Person ein, dass {{agency}} für den Zweck „{{purpose}}“ Angaben aus {{scope}} an {{recipient}} weitergibt, auf diesem Weg: {{channels}}.{{until}} Ich kann diese Einwilligung jederzeit widerrufen, auch formlos bei der Beratungsstelle; was bis dahin geschehen ist, bleibt rechtmäßig.",
    scopeSelf: { case: "meiner Beratung", client: "meinen Beratungen" },
    scopeFor: { case: "ihrer Beratung", client: "ihren Beratungen" },
    giver: { guardian: "sorgeberechtigte Person", legal_representative: "gesetzliche Vertretung" },
    until: " Die Einwilligung gilt bis zum {{date}}.",
  },
  forwardingCheck: {
    open: "Weitergabe prüfen",
    title: "Weitergabe prüfen",
    lead: "Bevor Sie Angaben aus dieser Beratung außerhalb von Obhut weitergeben – am Telefon, per Brief, E-Mail oder Fax –, prüfen Sie hier, ob eine Einwilligung sie erlaubt oder eine gesetzliche Grundlage sie rechtfertigt. Jede Prüfung wird mit ihrem Ergebnis für die Datenschutzbeauftragte Person dokumentiert. Weitergegeben wird hier nichts.",
    purpose: "Zweck",
    recipient: "Empfänger",
    recipientMissing: "Bitte geben Sie den Empfänger an.",
    channel: "Weg",
    basisLegend: "Worauf stützt sich die Weitergabe?",
    basis: {
      consent: "auf eine Einwilligung der Person (sie wird gesucht)",
      legal: "auf eine gesetzliche Grundlage ohne Einwilligung",
    },
    legalBasis: "Gesetzliche Grundlage",
    legalBases: {
      gdpr_6_1_c_legal_obligation:
        "Rechtliche Verpflichtung, z. B. gerichtliche Anordnung (Art. 6 Abs. 1 lit. c DSGVO)",
      gdpr_6_1_d_vital_interests: "Lebenswichtige Interessen der Person oder anderer (Art. 6 Abs. 1 lit. d DSGVO)",
      gdpr_6_1_e_public_task:
        "Aufgabe im öffentlichen Interesse, öffentliche Stellen (Art. 6 Abs. 1 lit. e DSGVO, § 69 SGB X)",
      gdpr_9_2_c_vital_interests_incapable:
        "Lebenswichtige Interessen, die Person kann nicht einwilligen (Art. 9 Abs. 2 lit. c DSGVO)",
      gdpr_9_2_f_legal_claims: "Geltendmachung oder Verteidigung von Rechtsansprüchen (Art. 9 Abs. 2 lit. f DSGVO)",
      kkg_4_child_protection: "Kinderschutz: Mitteilung an das Jugendamt (§ 4 KKG mit § 8a SGB VIII)",
      stgb_34_emergency: "Rechtfertigender Notstand: gegenwärtige Gefahr für Leben, Leib, Freiheit (§ 34 StGB)",
      stgb_138_planned_crime: "Pflicht zur Anzeige bestimmter geplanter schwerer Straftaten (§ 138 StGB)",
    },
    reason: "Begründung",
    reasonHint:
      "Warum ist diese Weitergabe nötig, und was berechtigt Sie, die Schweigepflicht zu brechen? Eine Grundlage der DSGVO allein hebt die Schweigepflicht (§ 203 StGB) nicht auf. Keine Inhalte aus der Beratung; mindestens 10 Zeichen.",
    reasonMissing: "Bitte begründen Sie die Weitergabe (mindestens 10 Zeichen).",
    submit: "Prüfen und dokumentieren",
    allowedConsent:
      "Erlaubt: Die Einwilligung „{{purpose}}“ vom {{date}} deckt diese Weitergabe. Die Prüfung ist dokumentiert.",
    allowedConsentUnknown: "Erlaubt: Eine Einwilligung deckt diese Weitergabe. Die Prüfung ist dokumentiert.",
    allowedLegal: "Erlaubt auf gesetzlicher Grundlage: {{basis}}. Die Prüfung und Ihre Begründung sind dokumentiert.",
    refused:
      "Nicht erlaubt: Keine Einwilligung in Kraft deckt diesen Zweck, diesen Empfänger und diesen Weg. Holen Sie eine Einwilligung ein und erfassen Sie sie, oder stützen Sie die Weitergabe auf eine gesetzliche Grundlage mit Begründung. Auch diese Ablehnung ist dokumentiert.",
    restricted:
      "Nicht erlaubt: Die Verarbeitung dieser Daten ist eingeschränkt (Art. 18 DSGVO); nichts darf weitergegeben werden. Die Ablehnung ist dokumentiert.",
    disclaimer:
      "Diese Prüfung ersetzt keine rechtliche Beratung. Im Zweifel fragen Sie Ihre Leitung oder die Datenschutzbeauftragte Person.",
  },
};
