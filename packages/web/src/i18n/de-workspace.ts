// SPDX-License-Identifier: AGPL-3.0-or-later
import { deCannedReplies } from "./de-canned-replies";

/** German (formal) texts for the inbox's split view and its keyboard shortcuts (issue 16). Merged into `de`. */
export const deWorkspace = {
  workspace: {
    sideLabel: "Angaben, Aktionen und Notizen zum Fall",
    listLabel: "Fallliste",
    none: "Wählen Sie links einen Fall aus. Mit j und k wechseln Sie zwischen den Fällen, mit Enter öffnen Sie einen.",
  },
  shortcuts: {
    button: "Tastenkürzel",
    title: "Tastenkürzel im Posteingang",
    lead: "Die Kürzel wirken nicht, während Sie in ein Feld schreiben.",
    or: "oder",
    close: "Schließen",
    action: {
      next: "Nächster Fall in der Liste",
      previous: "Vorheriger Fall in der Liste",
      open: "Ausgewählten Fall öffnen",
      reply: "Zum Antwortfeld springen",
      leave: "Antwortfeld verlassen, zurück zum Fall in der Liste",
      help: "Diese Übersicht öffnen",
      insertSnippet: "Im Antwortfeld: Textbaustein einfügen",
    },
  },
  ...deCannedReplies,
};
