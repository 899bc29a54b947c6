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
] as const satisfies readonly (keyof Catalogue)[];

export type ClientNamespace = (typeof CLIENT_NAMESPACES)[number];

/**
 * A client-only language: the client namespaces, with plural keys in the
 * language's own categories (`_zero`/`_two`/`_few`/`_many` for Arabic,
 * `_few`/`_many` for Ukrainian and Russian). Typed loosely on plural keys;
 * the completeness test checks them against `Intl.PluralRules`.
 */
export type ClientCatalogue = {
  [K in ClientNamespace]: Loose<Catalogue[K]>;
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
