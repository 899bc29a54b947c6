// SPDX-License-Identifier: AGPL-3.0-or-later
import { deInformalAccount } from "./de-informal-account";
import { deInformalAttachments } from "./de-informal-attachments";
import { deInformalAddressForm } from "./de-informal-address-form";
import { deInformalNotifyEmail } from "./de-informal-notify-email";
import { deInformalNotifyPush } from "./de-informal-notify-push";
import { deInformalQuietHours } from "./de-informal-quiet-hours";
import { deInformalCompliance } from "./de-informal-compliance";
import { deInformalConsents } from "./de-informal-consents";
import { deInformalChannels } from "./de-informal-channels";
import { deInformalCounselling } from "./de-informal-counselling";
import { deInformalDsr } from "./de-informal-dsr";
import { deInformalEpochs } from "./de-informal-epochs";
import { deInformalKeptDevice } from "./de-informal-kept-device";
import type { Overrides } from "./overrides";
import { deInformalSecrets } from "./de-informal-secrets";
import { deInformalOrgFingerprint } from "./de-informal-org-fingerprint";
import { deInformalClientDetails } from "./de-informal-client-details";
import { deInformalAppointments } from "./de-informal-appointments";

/**
 * Informal German ("du"). Loaded as the `informal` namespace and looked up
 * before the formal catalogue, so it only has to hold the keys whose wording
 * changes; everything else falls back to `de`. Youth services switch to this
 * per organisation or per topic (see i18n/index.ts `setAddressForm`).
 */
export const deInformal: Overrides = {
  quickExit: {
    description:
      "Verlässt Obhut sofort und öffnet eine unverfängliche Seite. Tastenkürzel: dreimal schnell die Esc-Taste drücken.",
  },
  start: {
    lead: "Obhut ist ein geschützter Ort für Gespräche mit einer Beratungsstelle. Du schreibst vertraulich und kostenlos mit Fachkräften – zum Beispiel aus der Jugend-, Sucht-, Schulden- oder Migrationsberatung.",
    anonymity: {
      title: "So bleibst du anonym",
      items: [
        "Du brauchst keine Telefonnummer und keine E-Mail-Adresse.",
        "Du wählst selbst einen Benutzernamen. Er muss nichts mit deinem echten Namen zu tun haben.",
        "Dein Passwort verlässt nie dein Gerät. Auch der Server kennt es nicht.",
        "Deine Nachrichten werden schon auf deinem Gerät verschlüsselt. Lesen kann sie nur die Beratungsstelle – nicht der Betreiber des Servers.",
        "Obhut speichert keine IP-Adressen und bindet keine fremden Dienste ein.",
      ],
    },
    safety: {
      title: "Wenn andere dein Gerät mitbenutzen",
      body: "Mit dem Knopf „Schnell verlassen“ oben auf jeder Seite – oder dreimal schnell Esc – wechselst du sofort zu einer unverfänglichen Seite. Dabei wird diese Sitzung beendet. Melde dich nach jedem Besuch ab, wenn andere dein Gerät benutzen. Ein privates Fenster (Inkognito-Modus) hinterlässt auch im Verlauf des Browsers keine Spur.",
    },
    what: {
      body: "Viele Beratungsstellen möchten nicht über WhatsApp, SMS oder E-Mail mit dir schreiben, weil dort andere mitlesen oder Daten sammeln können. Obhut ist deshalb eine eigene Plattform, die die Beratungsstelle selbst betreibt. Du brauchst keine App. Obhut läuft in jedem Browser, auch auf älteren Handys.",
    },
    emergency: {
      body: "Obhut ist keine Notfallhilfe. Antworten können einige Tage dauern. Wenn du jetzt Hilfe brauchst:",
    },
    next: {
      body: "Erstelle ein Konto – anonym, ohne E-Mail-Adresse und ohne Telefonnummer. Wenn du schon ein Konto hast, melde dich an.",
    },
  },
  ...deInformalAccount,
  ...deInformalCounselling,
  ...deInformalChannels,
  ...deInformalCompliance,
  ...deInformalAddressForm,
  ...deInformalConsents,
  ...deInformalDsr,
  ...deInformalSecrets,
  ...deInformalAttachments,
  ...deInformalKeptDevice,
  ...deInformalEpochs,
  ...deInformalOrgFingerprint,
  ...deInformalNotifyEmail,
  ...deInformalNotifyPush,
  ...deInformalQuietHours,
  ...deInformalClientDetails,
  ...deInformalAppointments,
};
