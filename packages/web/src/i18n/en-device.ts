// SPDX-License-Identifier: AGPL-3.0-or-later
import type { deDevice } from "./de-device";

/** Keeping keys on a work device (staff only, opt-in). */
export const enDevice: typeof deDevice = {
  device: {
    restoring: "Opening your keys on this device …",
    heading: "Keep keys on this device",
    explain:
      "On your own work device you can keep your keys here: after a reload or in a new tab they are open again without your password, as long as your login lasts. The browser gets a key for this that it cannot give out; it is deleted when you log out. Do not use this on devices that others use too.",
    unsupported: "This browser cannot keep your keys safely. After a reload, please log in again.",
    stateOn: "This device keeps your keys until you log out or forget it.",
    stateOff: "This device does not keep your keys. After a reload, please log in again.",
    remember: "Keep keys on this device",
    forget: "Forget this device",
    remembered: "Done: this device now keeps your keys.",
    forgotten: "Done: the device no longer keeps your keys.",
    failed: "That did not work. Please try again.",
    listTitle: "Devices that keep your keys",
    thisDevice: "This device",
    line: "set up on {{created}}, last used on {{used}}",
    forgetOther: "Forget",
    forgetOtherLabel: "Forget the device set up on {{created}}",
  },
};
