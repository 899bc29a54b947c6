// SPDX-License-Identifier: AGPL-3.0-or-later

/** Schlüssel auf einem Dienstgerät behalten (nur Mitarbeitende, freiwillig). */
export const deDevice = {
  device: {
    restoring: "Ihre Schlüssel werden auf diesem Gerät geöffnet …",
    heading: "Schlüssel auf diesem Gerät behalten",
    explain:
      "Auf Ihrem eigenen Dienstgerät können Sie Ihre Schlüssel hier behalten: Nach einem Neuladen oder in einem neuen Tab sind sie ohne Passwort wieder offen, solange Ihre Anmeldung gilt. Der Browser bekommt dafür einen Schlüssel, den er nicht herausgeben kann; beim Abmelden wird er gelöscht. Nutzen Sie das nicht auf Geräten, die andere mitbenutzen.",
    unsupported:
      "Dieser Browser kann Ihre Schlüssel nicht sicher behalten. Nach einem Neuladen melden Sie sich wieder an.",
    stateOn: "Dieses Gerät behält Ihre Schlüssel, bis Sie sich abmelden oder es vergessen.",
    stateOff: "Dieses Gerät behält Ihre Schlüssel nicht. Nach einem Neuladen melden Sie sich wieder an.",
    remember: "Schlüssel auf diesem Gerät behalten",
    forget: "Dieses Gerät vergessen",
    remembered: "Erledigt: Dieses Gerät behält jetzt Ihre Schlüssel.",
    forgotten: "Erledigt: Das Gerät behält Ihre Schlüssel nicht mehr.",
    failed: "Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.",
    listTitle: "Geräte, die Ihre Schlüssel behalten",
    thisDevice: "Dieses Gerät",
    line: "eingerichtet am {{created}}, zuletzt benutzt am {{used}}",
    forgetOther: "Vergessen",
    forgetOtherLabel: "Gerät vergessen, eingerichtet am {{created}}",
  },
};
