// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ForwardingChannel } from "@obhut/protocol";
import type { useT } from "../i18n/use-t";

type Translate = ReturnType<typeof useT>["t"];

/** Purposes with a name in the catalogue; any other code is shown as "another purpose", never raw. */
export const NAMED_PURPOSES = [
  "referral",
  "transfer",
  "forwarding",
  "youth_office_report",
  "email_notice",
  "research",
] as const;
type NamedPurpose = (typeof NAMED_PURPOSES)[number];

/** What a client can agree to on their own in the account (the rest is recorded by staff). */
export const CLIENT_PURPOSES = ["referral", "forwarding", "youth_office_report", "research"] as const;

/** Ways a client can allow; handover within Obhut and file exports are arranged by staff. */
export const CLIENT_CHANNELS = [
  "email",
  "postal",
  "phone",
  "in_person",
  "fax",
] as const satisfies readonly ForwardingChannel[];

function isNamed(code: string): code is NamedPurpose {
  return (NAMED_PURPOSES as readonly string[]).includes(code);
}

export function purposeName(t: Translate, code: string): string {
  return isNamed(code) ? t(`consents.purpose.${code}`) : t("consents.purpose.other");
}

export function channelNames(t: Translate, channels: readonly ForwardingChannel[]): string {
  return channels.map((channel) => t(`consents.channel.${channel}`)).join(", ");
}
