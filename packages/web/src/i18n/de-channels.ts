// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Kanäle (issue #16, ADR 0037): broadcast channels of the organisation. `channels` is the staff page (formal German;
 * staff pages have no informal form), `clientChannels` the section in the client's "Meine Beratungen" (formal here,
 * informal in de-informal-channels.ts). English in en-channels.ts.
 */
export const deChannels = {
  channels: {
    nav: "Kanäle",
    title: "Kanäle",
    lead: "Mitteilungen der Organisation, Ende-zu-Ende verschlüsselt: Verantwortliche schreiben, Abonnierende lesen.",
    listTitle: "Kanäle der Organisation",
    loading: "Kanäle werden geladen …",
    loadFailed: "Die Kanäle konnten nicht geladen werden ({{code}}).",
    none: "Es gibt noch keine Kanäle.",
    pick: "Wählen Sie einen Kanal aus.",
    you: "Sie",
    someone: "Eine Kollegin oder ein Kollege",
    audience: { staff: "Nur Mitarbeitende", clients: "Für Ratsuchende" },
    role: { owner: "Sie schreiben", subscriber: "abonniert" },
    subscribe: "{{name}} abonnieren",
    unsubscribe: "{{name}} abbestellen",
    subscriptionFailed: "Das hat nicht geklappt ({{code}}).",
    ownerNote: "Sie gehören zu den Verantwortlichen dieses Kanals: Was Sie hier schreiben, lesen alle Abonnierenden.",
    readerNote: "In diesem Kanal schreiben nur die Verantwortlichen.",
    notSubscribed: "Abonnieren Sie den Kanal, um seine Beiträge zu lesen.",
    waiting:
      "Wartet auf Freischaltung: Sobald eine verantwortliche Person den Kanal öffnet, erhalten Sie die Schlüssel und sehen die Beiträge.",
    caughtUp_one: "Eine abonnierende Person wurde freigeschaltet.",
    caughtUp_other: "{{count}} Abonnierende wurden freigeschaltet.",
    catchUpFailed:
      "Wartende Abonnierende konnten nicht freigeschaltet werden. Öffnen Sie den Kanal später noch einmal.",
    posts: "Beiträge",
    empty: "Noch keine Beiträge in diesem Kanal.",
    composer: "Beitrag",
    post: "Veröffentlichen",
    new: {
      title: "Neuer Kanal",
      name: "Name des Kanals",
      nameMissing: "Bitte geben Sie einen Namen ein.",
      audience: "Wer darf abonnieren?",
      audience_staff: "Nur Mitarbeitende der Organisation",
      audience_clients: "Auch Ratsuchende, die eine Beratung bei der Organisation haben",
      clientsHint:
        "Nur öffentliche Informationen – etwa Öffnungszeiten, Termine, Schließtage. Was hier stehen darf, regeln die Vorgaben Ihrer Organisation. Der Name des Kanals ist für Ratsuchende vor dem Abonnieren sichtbar.",
      owners: "Weitere Verantwortliche (dürfen schreiben)",
      create: "Kanal anlegen",
      creating: "Kanal wird angelegt …",
      failed: "Der Kanal wurde nicht angelegt ({{code}}).",
    },
  },
  clientChannels: {
    title: "Kanäle",
    lead: "Mitteilungen Ihrer Beratungsstellen, zum Beispiel Öffnungszeiten und Termine. Niemand sieht, wer sonst abonniert hat.",
    loading: "Wird geladen …",
    failed: "Die Kanäle konnten nicht geladen werden.",
    toggleFailed: "Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.",
    from: "Von {{organisation}}",
    subscribe: "{{name}} abonnieren",
    unsubscribe: "{{name}} abbestellen",
    waiting:
      "Wartet auf Freischaltung: Die Beratungsstelle schaltet den Kanal für Sie frei. Danach sehen Sie hier die Beiträge.",
    posts: "Beiträge in {{name}}",
    empty: "Noch keine Beiträge.",
    postsFailed: "Die Beiträge konnten nicht geladen werden.",
    unreadable: "Dieser Beitrag kann nicht angezeigt werden.",
  },
};
