// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ClientCatalogue, LanguageMeta } from "./languages";

interface ClientLanguage {
  meta: LanguageMeta;
  /** Each catalogue is its own chunk, loaded when chosen: the first page stays within its budget. */
  load: () => Promise<ClientCatalogue>;
}

/**
 * The client-only languages, in menu order (after Deutsch and English).
 * Keys are BCP 47 tags; Leichte Sprache has no registered subtag and uses the
 * private-use tag `de-x-ls` (screen readers read it as German).
 */
export const CLIENT_LANGUAGES = {
  "de-x-ls": {
    meta: {
      tag: "de-x-ls",
      dir: "ltr",
      name: "Leichte Sprache",
      reviewNote: "Noch nicht von einer Prüf-Gruppe gelesen",
      staff: "de",
    },
    load: () => import("./client-de-ls").then((m) => m.deLs),
  },
  tr: {
    meta: {
      tag: "tr",
      dir: "ltr",
      name: "Türkçe",
      reviewNote: "Henüz anadili Türkçe olan biri tarafından gözden geçirilmedi",
      staff: "en",
    },
    load: () => import("./client-tr").then((m) => m.tr),
  },
  ar: {
    meta: { tag: "ar", dir: "rtl", name: "العربية", reviewNote: "لم يراجعها متحدث أصلي بعد", staff: "en" },
    load: () => import("./client-ar").then((m) => m.ar),
  },
  uk: {
    meta: { tag: "uk", dir: "ltr", name: "Українська", reviewNote: "Ще не перевірено носієм мови", staff: "en" },
    load: () => import("./client-uk").then((m) => m.uk),
  },
  ru: {
    meta: { tag: "ru", dir: "ltr", name: "Русский", reviewNote: "Ещё не проверено носителем языка", staff: "en" },
    load: () => import("./client-ru").then((m) => m.ru),
  },
  fa: {
    meta: { tag: "fa", dir: "rtl", name: "فارسی", reviewNote: "هنوز توسط گویشور بومی بازبینی نشده است", staff: "en" },
    load: () => import("./client-fa").then((m) => m.fa),
  },
} satisfies Record<string, ClientLanguage>;
