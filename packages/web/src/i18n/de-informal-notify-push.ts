// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** Informal ("du") wording of "Benachrichtigung auf diesem Gerät" (clients only; staff read the formal text). */
export const deInformalNotifyPush: Overrides = {
  notifyPush: {
    what: "Wenn du möchtest, zeigt dieses Gerät einen kurzen Hinweis, sobald es in deiner Beratung eine neue Antwort gibt. Das ist freiwillig.",
    points: {
      service:
        "Der Hinweis läuft über den Push-Dienst deines Browsers (zum Beispiel von Google, Mozilla oder Apple). Dieser Dienst erfährt, wann ein Hinweis kommt, aber nicht, was darin steht.",
    },
    sharedDevice:
      "Auf diesem Gerät gibt es keine Benachrichtigung. Das geht nur auf deinem eigenen Gerät, wenn du es beim Anmelden als „mein eigenes Gerät“ gewählt hast.",
    serviceUnavailable:
      "Der Push-Dienst dieses Browsers hat keine Anmeldung vergeben. Es wurde nichts eingerichtet; versuch es später noch einmal.",
    denied: "Der Browser hat Benachrichtigungen nicht erlaubt. Du kannst das in den Einstellungen des Browsers ändern.",
  },
};
