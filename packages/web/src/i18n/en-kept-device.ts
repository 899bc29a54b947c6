// SPDX-License-Identifier: AGPL-3.0-or-later

/** The question at login: your own device, or one others use too (ADR 0027). */
export const enKeptDevice = {
  keptDevice: {
    legend: "Which device are you using?",
    own: "My own device",
    ownHint: "You stay logged in when you reload the page – until you log out or do not use the device for some hours.",
    shared: "A device other people use too",
    sharedHint: "Nothing is stored on the device. After a reload or closing the page you log in again.",
    ownNotice:
      "Your keys and what you are writing stay encrypted on this device. Logging out or “Quick exit” deletes everything.",
    sharedNotice: "Nothing is stored on this device. When you reload or close the page, you are logged out.",
    unsupported:
      "This browser cannot keep anything safely: nothing is stored on this device. After a reload you log in again.",
    draftKept: "Draft saved encrypted on this device",
    adminLegend: "Clients' own devices",
    adminIdle: "Stay logged in without use (minutes, 15 to 720)",
    adminHint:
      "Clients who choose “My own device” at login stay logged in this long without use – at most 12 hours after logging in. For someone counselled by several organisations the shortest time applies.",
  },
};
