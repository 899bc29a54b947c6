// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Overrides } from "./overrides";

/** „Du“-Fassung dessen, was Ratsuchende sehen, während ihr Gespräch einen neuen Schlüssel bekommt (ADR 0029). */
export const deInformalEpochs: Overrides = {
  epochs: {
    client: {
      waiting:
        "Deine Nachricht kann gleich gesendet werden. Das Gespräch bekommt gerade einen neuen Schlüssel. Du musst nichts tun.",
    },
  },
};
