// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Owed epochs on the admin console's overview (issue #14; ADR 0042): how many conversations still wait for a new
 * key, who makes it, and the button that renews those this administrator may open. Staff only, so formal German
 * and English (en-owed-epochs.ts); no "du" variant.
 */
export const deOwedEpochs = {
  owedEpochs: {
    heading: "Neue Schlüssel für Gespräche",
    explain:
      "Wenn jemand ein Gespräch nicht mehr lesen darf, bekommt es einen neuen Schlüssel: nach einem Offboarding, einer Übergabe an ein anderes Team oder wenn jemand einen Chat verlassen hat. Der Server kann diesen Schlüssel nicht erstellen, denn er kennt die Schlüssel nicht. Das erledigt der Browser der nächsten Person, die das Gespräch öffnen darf, von selbst. Bis dahin kann in diesem Gespräch niemand schreiben.",
    none: "Kein Gespräch wartet auf einen neuen Schlüssel.",
    cases_one: "{{count}} Gespräch in Fällen wartet auf einen neuen Schlüssel.",
    cases_other: "{{count}} Gespräche in Fällen warten auf einen neuen Schlüssel.",
    adminRemoved_one:
      "{{count}} davon nach dem Entfernen einer Person aus der Administration. Dafür müssen zuerst die Teamschlüssel erneuert sein.",
    adminRemoved_other:
      "{{count}} davon nach dem Entfernen einer Person aus der Administration. Dafür müssen zuerst die Teamschlüssel erneuert sein.",
    chats_one: "{{count}} Team-Chat oder Kanal wartet auf einen neuen Schlüssel.",
    chats_other: "{{count}} Team-Chats oder Kanäle warten auf einen neuen Schlüssel.",
    dueByLimit_one:
      "{{count}} Gespräch hat die Grenze für Nachrichten oder Tage erreicht. Es bekommt mit der nächsten Nachricht einen neuen Schlüssel.",
    dueByLimit_other:
      "{{count}} Gespräche haben die Grenze für Nachrichten oder Tage erreicht. Sie bekommen mit der nächsten Nachricht einen neuen Schlüssel.",
    mine_one: "{{count}} Gespräch davon können Sie selbst öffnen, weil Sie das Team des Falls leiten.",
    mine_other: "{{count}} Gespräche davon können Sie selbst öffnen, weil Sie das Team des Falls leiten.",
    renew: "Jetzt in diesem Browser erneuern",
    progress: "Neue Schlüssel werden erstellt: {{done}} von {{total}} fertig. Sie können währenddessen weiterarbeiten.",
    done_one: "Fertig: {{count}} Gespräch hat einen neuen Schlüssel.",
    done_other: "Fertig: {{count}} Gespräche haben einen neuen Schlüssel.",
    partly:
      "{{done}} von {{total}} Gesprächen haben einen neuen Schlüssel. {{failed}} konnten hier nicht erneuert werden. Das geschieht, sobald jemand aus dem Team sie öffnet.",
  },
};
