// SPDX-License-Identifier: AGPL-3.0-or-later
import i18next, { type i18n as I18n } from "i18next";
import { de } from "./de";
import { deInformal } from "./de-informal";
import { en } from "./en";
import { CLIENT_LANGUAGES } from "./client-languages";
import type { LanguageMeta } from "./languages";

/** German and English cover every page; the client-only languages cover the client pages (ADR 0046). */
const FULL_LANGUAGES = ["de", "en"] as const;
export type Language = (typeof FULL_LANGUAGES)[number] | keyof typeof CLIENT_LANGUAGES;
export const LANGUAGES: readonly Language[] = [
  ...FULL_LANGUAGES,
  ...(Object.keys(CLIENT_LANGUAGES) as (keyof typeof CLIENT_LANGUAGES)[]),
];
/** The languages staff pages offer. */
export const STAFF_LANGUAGES: readonly Language[] = FULL_LANGUAGES;
export type AddressForm = "formal" | "informal";

const FULL_META: Record<(typeof FULL_LANGUAGES)[number], LanguageMeta> = {
  de: { tag: "de", dir: "ltr", name: "Deutsch", reviewNote: null, staff: "de" },
  en: { tag: "en", dir: "ltr", name: "English", reviewNote: null, staff: "en" },
};

export function languageMeta(language: Language): LanguageMeta {
  return language === "de" || language === "en" ? FULL_META[language] : CLIENT_LANGUAGES[language].meta;
}

/** The language a staff page shows while the person has chosen `language`. */
export function staffLanguage(language: string): Language {
  return isLanguage(language) ? languageMeta(language).staff : "de";
}

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
 * lasting hints that Obhut was used. A `?lang=` parameter (a counselling
 * centre's link in Arabic, say) wins over the stored choice (ADR 0046).
 */
export function initialLanguage(storage: Pick<Storage, "getItem"> | undefined, search = ""): Language {
  const fromUrl = new URLSearchParams(search).get("lang");
  if (isLanguage(fromUrl)) return fromUrl;
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
    // Leichte Sprache falls back to German; the other client-only languages to
    // English (staff-only keys are not translated into them).
    fallbackLng: { "de-x-ls": ["de"], de: ["de"], default: ["en", "de"] },
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
 * Loads a client-only language's catalogue into `i18n` (once) and switches
 * to it; German and English are always there.
 */
export async function switchLanguage(i18n: I18n, language: Language): Promise<void> {
  await loadLanguage(i18n, language);
  await i18n.changeLanguage(language);
}

export async function loadLanguage(i18n: I18n, language: Language): Promise<void> {
  if (language === "de" || language === "en" || i18n.hasResourceBundle(language, BASE_NS)) return;
  i18n.addResourceBundle(language, BASE_NS, await CLIENT_LANGUAGES[language].load());
}

/**
 * Namespace lookup order for the current address form. The informal
 * namespace only exists for German; for English it must not be consulted,
 * otherwise the `de` fallback would leak German "du" text into English.
 */
export function namespacesFor(language: string, form: AddressForm): string[] {
  // Exactly "de": Leichte Sprache ("de-x-ls") has its own wording.
  return form === "informal" && language === "de" ? [INFORMAL_NS, BASE_NS] : [BASE_NS];
}
