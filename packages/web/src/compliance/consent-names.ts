// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ForwardingChannel, LegalBasis } from "@obhut/protocol";
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

/**
 * Every way data can leave Obhut, in the order staff choose from (the
 * protocol's ForwardingChannel; the web app does not load zod, so the list is
 * kept here and a unit test keeps it equal).
 */
export const ALL_CHANNELS = [
  "phone",
  "postal",
  "email",
  "fax",
  "in_person",
  "transfer",
  "export",
] as const satisfies readonly ForwardingChannel[];

/** The legal bases of a disclosure without consent (protocol LegalBasis; kept equal by a unit test). */
export const LEGAL_BASES = [
  "kkg_4_child_protection",
  "stgb_34_emergency",
  "gdpr_6_1_d_vital_interests",
  "gdpr_9_2_c_vital_interests_incapable",
  "gdpr_6_1_c_legal_obligation",
  "gdpr_6_1_e_public_task",
  "gdpr_9_2_f_legal_claims",
  "stgb_138_planned_crime",
] as const satisfies readonly LegalBasis[];

/** Who consented, the person's age and capacity, and how (protocol ConsentGiver, ConsentCapacity, ConsentMethod). */
export const CONSENT_GIVERS = ["subject", "guardian", "legal_representative"] as const;
export const CONSENT_CAPACITIES = ["adult", "minor_with_capacity", "minor", "limited_capacity"] as const;
export const CONSENT_METHODS = ["verbal", "written", "online"] as const;

function isNamed(code: string): code is NamedPurpose {
  return (NAMED_PURPOSES as readonly string[]).includes(code);
}

export function purposeName(t: Translate, code: string): string {
  return isNamed(code) ? t(`consents.purpose.${code}`) : t("consents.purpose.other");
}

export function channelNames(t: Translate, channels: readonly ForwardingChannel[]): string {
  return channels.map((channel) => t(`consents.channel.${channel}`)).join(", ");
}
