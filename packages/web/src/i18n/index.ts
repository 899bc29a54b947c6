// SPDX-License-Identifier: AGPL-3.0-or-later
import i18next, { type i18n as I18n } from "i18next";
import { de } from "./de";
import { deInformal } from "./de-informal";
import { en } from "./en";

export const LANGUAGES = ["de", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export type AddressForm = "formal" | "informal";

/** The formal catalogue; always the last place a key is looked up. */
export const BASE_NS = "translation";
/** Informal ("du") overrides, German only; looked up first when active. */
export const INFORMAL_NS = "informal";

const LANGUAGE_KEY = "obhut.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * German first. The choice is kept in sessionStorage (not localStorage) so it
 * disappears with the session and with quick exit; on a shared phone nothing
 * lasting hints that Obhut was used.
 */
export function initialLanguage(storage: Pick<Storage, "getItem"> | undefined): Language {
  try {
    const stored = storage?.getItem(LANGUAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be blocked (private mode, policies); fall back silently.
  }
  return "de";
}

export function rememberLanguage(storage: Pick<Storage, "setItem"> | undefined, language: Language): void {
  try {
    storage?.setItem(LANGUAGE_KEY, language);
  } catch {
    // See initialLanguage.
  }
}

/** Creates a fresh, fully loaded i18next instance (synchronous resources). */
export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: "de",
    supportedLngs: [...LANGUAGES],
    ns: [BASE_NS, INFORMAL_NS],
    defaultNS: BASE_NS,
    fallbackNS: BASE_NS,
    resources: {
      de: { [BASE_NS]: de, [INFORMAL_NS]: deInformal },
      en: { [BASE_NS]: en },
    },
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false }, // React escapes already.
  });
  return instance;
}

/**
 * Namespace lookup order for the current address form. The informal
 * namespace only exists for German; for English it must not be consulted,
 * otherwise the `de` fallback would leak German "du" text into English.
 */
export function namespacesFor(language: string, form: AddressForm): string[] {
  return form === "informal" && language.startsWith("de") ? [INFORMAL_NS, BASE_NS] : [BASE_NS];
}
