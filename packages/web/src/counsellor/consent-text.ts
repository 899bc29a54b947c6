// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ForwardingChannel } from "@obhut/protocol";
import { type CONSENT_GIVERS, channelNames, purposeName } from "../compliance/consent-names";
import type { useT } from "../i18n/use-t";

export type Scope = "case" | "client";
export type Giver = (typeof CONSENT_GIVERS)[number];
export type Language = "de" | "en";
export type Translate = ReturnType<typeof useT>["t"];

/** `YYYY-MM-DD` of a local day (the value of a date input). */
export function isoDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** A date input's day at a local time of that day (noon for "given on", the last millisecond for "until"). */
export function dayAt(value: string, end: boolean): number {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  return end ? new Date(y, m - 1, d, 23, 59, 59, 999).getTime() : new Date(y, m - 1, d, 12).getTime();
}

/**
 * The consent's text as the person heard or signed it, composed from the
 * choices through `tt`, the translation of the text's own language
 * (i18n.getFixedT; not necessarily the page's). This is the text the form
 * shows before saving and whose SHA-256 is recorded.
 */
export function consentText(
  tt: Translate,
  language: Language,
  p: {
    agency: string;
    scope: Scope;
    giver: Giver;
    purpose: string;
    recipient: string;
    channels: ForwardingChannel[];
    until: string;
  },
): string {
  const self = p.giver === "subject";
  return tt(self ? "consentText.self" : "consentText.for", {
    agency: p.agency,
    purpose: purposeName(tt, p.purpose),
    scope: tt(self ? `consentText.scopeSelf.${p.scope}` : `consentText.scopeFor.${p.scope}`),
    giver: p.giver === "subject" ? "" : tt(`consentText.giver.${p.giver}`),
    recipient: p.recipient.trim() || "…",
    channels: p.channels.length > 0 ? channelNames(tt, p.channels) : "…",
    until: p.until
      ? tt("consentText.until", {
          date: new Date(dayAt(p.until, true)).toLocaleDateString(language, { dateStyle: "long" }),
        })
      : "",
  });
}
