// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Team-Chats (issue #16): team chats and direct chats among staff. Formal German; staff pages have no informal
 * form. English in en-chats.ts.
 */
export const deChats = {
  chats: {
    nav: "Team-Chats",
    title: "Team-Chats",
    lead: "Chats mit Kolleginnen und Kollegen, Ende-zu-Ende verschlüsselt: Nur die Mitglieder eines Chats können ihn lesen.",
    listTitle: "Ihre Chats",
    loading: "Chats werden geladen …",
    loadFailed: "Die Chats konnten nicht geladen werden ({{code}}).",
    none: "Sie haben noch keine Chats.",
    pick: "Wählen Sie einen Chat aus oder beginnen Sie einen neuen.",
    you: "Sie",
    someone: "Eine Kollegin oder ein Kollege",
    onlyYou: "nur Sie",
    directWith: "Direktchat mit {{name}}",
    teamWith: "Team-Chat mit {{names}}",
    unread: "{{count}} neu",
    messages: "Nachrichten",
    empty: "Noch keine Nachrichten in diesem Chat.",
    composer: "Nachricht",
    members: {
      title: "Mitglieder",
      creator: "hat den Chat begonnen",
      remove: "{{name}} entfernen",
      confirm: "{{name}} kann danach keine neuen Nachrichten dieses Chats mehr lesen.",
      confirmRemove: "{{name}} jetzt entfernen",
      cancel: "Abbrechen",
      removed:
        "{{name}} wurde aus dem Chat entfernt. Die nächste Nachricht bekommt einen neuen Schlüssel ohne diese Person.",
      removeFailed: "Das Mitglied konnte nicht entfernt werden ({{code}}).",
      addField: "Kollegin oder Kollegen hinzufügen",
      addHint:
        "Die Person kann die Nachrichten ab dem aktuellen Schlüssel dieses Chats lesen; ältere bleiben für sie verschlossen.",
      add: "Hinzufügen",
      adding: "Wird hinzugefügt …",
      added: "{{name}} wurde zum Chat hinzugefügt.",
      addFailed: "Die Person konnte nicht hinzugefügt werden ({{code}}).",
    },
    mention: {
      hint: "Mit @ erwähnen Sie ein Mitglied: Tippen Sie @ und den Anfang des Namens, wählen Sie mit den Pfeiltasten und übernehmen Sie mit der Eingabetaste.",
      listLabel: "Mitglieder zum Erwähnen",
      you: "erwähnt Sie",
    },
    membershipEnded:
      "Nicht gesendet: Sie sind nicht mehr Mitglied dieses Chats. Ihr Text bleibt hier, bis Sie ihn verwerfen.",
    leave: {
      button: "Chat verlassen",
      confirm: "Sie können danach keine neuen Nachrichten dieses Chats mehr lesen.",
      confirmLeave: "Chat jetzt verlassen",
      failed: "Der Chat konnte nicht verlassen werden ({{code}}).",
    },
    new: {
      title: "Neuer Chat",
      kind: "Art des Chats",
      direct: "Direktchat mit einer Kollegin oder einem Kollegen",
      team: "Team-Chat mit einem Ihrer Teams",
      search: "Name suchen",
      noMatch: "Niemand in Ihrer Organisation hat diesen Namen.",
      person: "Kollegin oder Kollege",
      teamField: "Team",
      titleField: "Titel (freiwillig)",
      titleHint: "Zum Beispiel „Sprechstunde“. Der Titel wird wie die Nachrichten verschlüsselt.",
      noColleagues: "In Ihrer Organisation gibt es noch keine weiteren Kolleginnen oder Kollegen.",
      noTeams: "Sie gehören noch keinem Team an.",
      teamAlone: "In diesem Team sind Sie bisher allein.",
      start: "Chat beginnen",
      starting: "Chat wird eingerichtet …",
      failed: "Der Chat konnte nicht begonnen werden ({{code}}).",
    },
  },
};
