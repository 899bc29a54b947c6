// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Catalogue } from "./de";

/**
 * The top-level catalogue keys the client pages use (start, finder, agency,
 * enquiry, sign-up, login, recovery, cases, conversation, account, privacy,
 * quick exit, emergency box). A client language must translate all of them;
 * a test fails on any missing key. Staff pages stay German and English
 * (ADR 0046).
 */
export const CLIENT_NAMESPACES = [
  "app",
  "layout",
  "quickExit",
  "start",
  "privacy",
  "notFound",
  "common",
  "signup",
  "login",
  "authSteps",
  "authErrors",
  "recover",
  "account",
  "keptDevice",
  "finder",
  "agency",
  "enquiry",
  "cases",
  "clientCase",
  "clientNav",
  "rebindCode",
  "secrets",
  "sessions",
  "languages",
  "clientDetails",
  "clientAppointments",
  // The account page's settings and the pages behind it (translated since ADR 0046's amendment):
  "addressForm",
  "notifyEmail",
  "notifyPush",
  "quietHours",
  "noticeRules",
  "myPrivacy",
  "consents",
  "myData",
] as const satisfies readonly (keyof Catalogue)[];

export type ClientNamespace = (typeof CLIENT_NAMESPACES)[number];

/**
 * Keys of client namespaces that only staff meet (staff pages stay German and
 * English, so the client languages leave them out and i18next falls back).
 */
export const STAFF_ONLY_KEYS = {
  notifyEmail: ["staffWhat", "newEnquiry", "newEnquirySave", "newEnquirySaved", "admin"],
  notifyPush: ["staffWhat", "staffSharedDevice"],
} as const satisfies { [K in ClientNamespace]?: readonly (keyof Catalogue[K])[] };

/** Staff namespaces of which clients meet a few keys (quiet hours' weekends, push switched off). */
export const CLIENT_KEYS_ONLY = {
  noticeRules: ["weekends", "weekendsOn", "pushOff"],
} as const satisfies { [K in ClientNamespace]?: readonly (keyof Catalogue[K])[] };

type StaffOnly = typeof STAFF_ONLY_KEYS;
type ClientOnly = typeof CLIENT_KEYS_ONLY;
type ClientPart<K extends ClientNamespace> = K extends keyof StaffOnly
  ? Omit<Catalogue[K], StaffOnly[K][number]>
  : K extends keyof ClientOnly
    ? Pick<Catalogue[K], ClientOnly[K][number]>
    : Catalogue[K];

/** The part of a catalogue a client language must translate: its client namespaces, less staff-only keys. */
export function clientPart(catalogue: Catalogue): Record<ClientNamespace, unknown> {
  const part = (ns: ClientNamespace): unknown => {
    const value = catalogue[ns] as Record<string, unknown>;
    if (ns in CLIENT_KEYS_ONLY) {
      const keep: readonly string[] = CLIENT_KEYS_ONLY[ns as keyof ClientOnly];
      return Object.fromEntries(Object.entries(value).filter(([k]) => keep.includes(k)));
    }
    if (ns in STAFF_ONLY_KEYS) {
      const drop: readonly string[] = STAFF_ONLY_KEYS[ns as keyof StaffOnly];
      return Object.fromEntries(Object.entries(value).filter(([k]) => !drop.includes(k)));
    }
    return value;
  };
  return Object.fromEntries(CLIENT_NAMESPACES.map((ns) => [ns, part(ns)])) as Record<ClientNamespace, unknown>;
}

/**
 * A client-only language: the client namespaces, with plural keys in the
 * language's own categories (`_zero`/`_two`/`_few`/`_many` for Arabic,
 * `_few`/`_many` for Ukrainian and Russian). Typed loosely on plural keys;
 * the completeness test checks them against `Intl.PluralRules`.
 */
export type ClientCatalogue = {
  [K in ClientNamespace]: Loose<ClientPart<K>>;
};
type Loose<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? Loose<U>[]
    : T extends object
      ? { [K in keyof T]: Loose<T[K]> } & Record<string, unknown>
      : T;

export interface LanguageMeta {
  /** BCP 47 tag for `<html lang>`, Intl and the language menu. */
  tag: string;
  dir: "ltr" | "rtl";
  /** The language's own name, in its own script. */
  name: string;
  /** Shown in the menu, in the language itself, until a native speaker has reviewed the catalogue. */
  reviewNote: string | null;
  /** Staff pages stay German and English; a client-only language maps to one of them there. */
  staff: "de" | "en";
}

/** The account page's settings and the pages behind it: one file per language (`client-ar-settings.ts`, …). */
export type ClientSettings = Pick<
  ClientCatalogue,
  "addressForm" | "notifyEmail" | "notifyPush" | "quietHours" | "noticeRules" | "myPrivacy" | "consents" | "myData"
>;
