// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Consents in the client's words (issue #15, item 8): a human name for each
 * purpose and way of passing data on, never a raw code, and the form in
 * which a client gives a consent online. Formal German; informal overrides
 * in de-informal-consents.ts, English in en-consents.ts.
 */
export const deConsents = {
  consents: {
    purpose: {
      referral: "Weitergabe an eine andere Stelle",
      transfer: "Übergabe der Beratung an eine andere Organisation",
      forwarding: "Weiterleitung von Unterlagen",
      youth_office_report: "Mitteilung an das Jugendamt",
      email_notice: "Benachrichtigung per E-Mail",
      research: "Anonymisierte Auswertung für die Forschung",
      other: "Ein weiterer Zweck Ihrer Beratungsstelle",
    },
    channel: {
      email: "E-Mail",
      postal: "Brief",
      fax: "Fax",
      phone: "Telefon",
      in_person: "persönlich",
      transfer: "Übergabe in Obhut",
      export: "Datei",
    },
    channels: "Auf diesem Weg: {{channels}}",
    give: {
      heading: "Eine Einwilligung geben",
      lead: "Wenn Ihre Beraterin oder Ihr Berater etwas weitergeben möchte, können Sie hier zustimmen. Sie sehen vorher genau, wozu Sie einwilligen, und können die Einwilligung jederzeit widerrufen.",
      noCases: "Sobald Sie mit einer Beratungsstelle schreiben, können Sie hier Einwilligungen geben.",
      case: "Für welche Beratung?",
      caseOption: "{{agency}} (seit {{date}})",
      purpose: "Wozu?",
      recipient: "An wen? (zum Beispiel „Jugendamt Mitte“)",
      recipientMissing: "Bitte schreiben Sie, an wen etwas weitergegeben werden darf.",
      channelsLegend: "Auf welchem Weg?",
      channelsMissing: "Bitte wählen Sie mindestens einen Weg.",
      ageLegend: "Ihr Alter",
      adult: "Ich bin 18 Jahre oder älter.",
      minor: "Ich bin jünger als 18 und verstehe, wozu ich einwillige.",
      textHeading: "Das willigen Sie ein",
      text: "Ich willige ein, dass {{agency}} für den Zweck „{{purpose}}“ Angaben aus meiner Beratung an {{recipient}} weitergibt, auf diesem Weg: {{channels}}. Ich kann diese Einwilligung jederzeit in meinem Konto widerrufen; was bis dahin geschehen ist, bleibt rechtmäßig.",
      submit: "Einwilligung geben",
      given:
        "Ihre Einwilligung ist gespeichert und steht jetzt in der Liste; dort können Sie sie jederzeit widerrufen.",
    },
  },
};
