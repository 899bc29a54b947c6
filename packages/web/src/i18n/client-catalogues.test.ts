// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { de } from "./de";
import { CLIENT_LANGUAGES } from "./client-languages";
import {
  createI18n,
  initialLanguage,
  LANGUAGES,
  languageMeta,
  namespacesFor,
  staffLanguage,
  switchLanguage,
  type Language,
} from "./index";
import { deLs } from "./client-de-ls";
import { ar } from "./client-ar";
import { fa } from "./client-fa";
import { ru } from "./client-ru";
import { tr } from "./client-tr";
import { uk } from "./client-uk";
import type { ClientCatalogue } from "./languages";
import { CLIENT_NAMESPACES, clientPart } from "./languages";

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Leaf keys; plural forms collapse to `key#plural`, arrays count as one leaf with their length. */
function leaves(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) {
    return [`${prefix}[${value.length}]`, ...value.flatMap((v, i) => leaves(v, `${prefix}[${i}]`).slice(1))];
  }
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => {
    const key = PLURAL.test(k) ? `${k.replace(PLURAL, "")}#plural` : k;
    return leaves(v, prefix ? `${prefix}.${key}` : key);
  });
}

function pluralForms(value: unknown, prefix = ""): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const walk = (v: unknown, p: string) => {
    if (typeof v !== "object" || v === null) return;
    for (const [k, child] of Object.entries(v)) {
      const m = PLURAL.exec(k);
      if (m && typeof child === "string") {
        const base = `${p}.${k.replace(PLURAL, "")}`;
        out.set(base, (out.get(base) ?? new Set()).add(m[1] ?? ""));
      } else walk(child, `${p}.${k}`);
    }
  };
  walk(value, prefix);
  return out;
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();

function strings(value: unknown, prefix = ""): [string, string][] {
  if (typeof value === "string") return [[prefix, value]];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}

const german = clientPart(de);
const germanStrings = new Map(strings(german));

const CATALOGUES: Record<keyof typeof CLIENT_LANGUAGES, ClientCatalogue> = { "de-x-ls": deLs, tr, ar, uk, ru, fa };

async function i18nIn(language: Language) {
  const i18n = createI18n("de");
  await switchLanguage(i18n, language);
  return i18n;
}

const ALL = Object.entries(CLIENT_LANGUAGES).map(([language, { meta }]) => ({
  language: language as keyof typeof CLIENT_LANGUAGES,
  meta,
  catalogue: CATALOGUES[language as keyof typeof CLIENT_LANGUAGES],
}));

describe.each(ALL)("client catalogue $language", ({ language, catalogue, meta }) => {
  it("has every key of the German client pages, and no other", () => {
    // Fails on a missing key (or a list of a different length) in any namespace the client pages use.
    const unique = (value: unknown) => [...new Set(leaves(value))].sort();
    expect(unique(catalogue)).toEqual(unique(german));
  });

  it("has every plural form the language needs", () => {
    const categories = new Intl.PluralRules(meta.tag).resolvedOptions().pluralCategories.slice().sort();
    const forms = pluralForms(catalogue);
    expect(forms.size).toBe(pluralForms(german).size);
    for (const [key, found] of forms) expect([key, [...found].sort()]).toEqual([key, categories]);
  });

  it("keeps every placeholder and leaves no text empty or German", () => {
    for (const [key, text] of strings(catalogue)) {
      expect(text.trim(), key).not.toBe("");
      // Plural forms may spell the number out ("رسالتان": two messages) instead of {{count}}.
      const plural = PLURAL.test(key);
      const wanted = placeholders(germanStrings.get(plural ? key.replace(PLURAL, "_other") : key) ?? "");
      const found = placeholders(text);
      if (plural)
        expect(
          found.filter((p) => p !== "count"),
          key,
        ).toEqual(wanted.filter((p) => p !== "count"));
      else expect(found, key).toEqual(wanted);
    }
  });

  it("keeps the emergency numbers exactly as in German", () => {
    const numbers = (items: readonly { numbers: readonly string[] }[]) => items.map((i) => i.numbers);
    expect(numbers(catalogue.start.emergency.items)).toEqual(numbers(de.start.emergency.items));
  });

  it("translates the account page's settings and the pages behind it (no fallback left)", async () => {
    // Form of address, e-mail and device notices, quiet hours, consents and contact ways, my data:
    // once marked as English/German fallbacks on the account page (ADR 0046, amendment).
    const settings = [
      "addressForm",
      "notifyEmail",
      "notifyPush",
      "quietHours",
      "noticeRules",
      "myPrivacy",
      "consents",
      "myData",
    ] as const;
    for (const ns of settings) expect(CLIENT_NAMESPACES).toContain(ns);
    const i18n = await i18nIn(language);
    const fallback = await i18nIn(meta.staff);
    for (const key of [
      "addressForm.title",
      "notifyEmail.title",
      "notifyPush.title",
      "quietHours.title",
      "quietHours.what",
      "noticeRules.weekends",
      "myPrivacy.title",
      "consents.give.heading",
      "myData.accountSectionTitle",
      "myData.deleteHeading",
    ] as const) {
      const own = key.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], catalogue);
      expect(i18n.t(key), key).toBe(own);
      // Leichte Sprache may keep a German text that is already easy; the other languages must differ.
      if (!meta.tag.startsWith("de")) expect(i18n.t(key), key).not.toBe(fallback.t(key));
    }
    // Keys only staff meet stay out of the client catalogues (and fall back).
    expect(leaves(catalogue).filter((k) => /^notifyEmail\.(admin|staffWhat)|^noticeRules\.kinds/.test(k))).toEqual([]);
  });

  it("is offered in the menu, loads on demand and is used by i18next", async () => {
    expect(LANGUAGES).toContain(language);
    expect(await CLIENT_LANGUAGES[language].load()).toBe(catalogue);
    const i18n = await i18nIn(language);
    expect(i18n.t("start.title")).toBe(catalogue.start.title);
    expect(i18n.t("languages.more")).toBe(catalogue.languages.more);
  });
});

describe("client languages", () => {
  it("other languages than German leave no German sentence behind", () => {
    // Guards against a catalogue copied from German and left untranslated
    // (Leichte Sprache may keep short German texts that are already easy).
    for (const { language, catalogue, meta } of ALL) {
      if (meta.tag.startsWith("de")) continue;
      const same = strings(catalogue).filter(([key, text]) => germanStrings.get(key) === text && /\p{L}\s/u.test(text));
      expect([language, same]).toEqual([language, []]);
    }
  });

  it("sets direction per language and maps client-only languages to a staff language", () => {
    expect(languageMeta("de").dir).toBe("ltr");
    expect(languageMeta("ar").dir).toBe("rtl");
    expect(languageMeta("fa").dir).toBe("rtl");
    expect(languageMeta("tr").dir).toBe("ltr");
    expect(staffLanguage("ar")).toBe("en");
    expect(staffLanguage("de-x-ls")).toBe("de");
    expect(staffLanguage("en")).toBe("en");
  });

  it("plurals follow the language's own rules (Arabic has six forms)", async () => {
    const i18n = await i18nIn("ar");
    const texts = [0, 1, 2, 3, 11, 100].map((count) => i18n.t("cases.unread", { count }));
    expect(new Set(texts).size).toBe(6);
  });

  it("a ?lang= link chooses the language; unknown values are ignored", () => {
    expect(initialLanguage(undefined, "?lang=ar")).toBe("ar");
    expect(initialLanguage({ getItem: () => "en" }, "?lang=de-x-ls")).toBe("de-x-ls");
    expect(initialLanguage({ getItem: () => "en" }, "?lang=xx")).toBe("en");
  });

  it("Leichte Sprache never takes the informal German wording", async () => {
    expect(namespacesFor("de-x-ls", "informal")).toEqual(["translation"]);
    const i18n = await i18nIn("de-x-ls");
    expect(i18n.t("start.safety.title", { ns: namespacesFor("de-x-ls", "informal") })).toBe(deLs.start.safety.title);
  });

  it("staff-only keys fall back to English for Arabic and to German for Leichte Sprache", async () => {
    expect((await i18nIn("ar")).t("staff.title")).toBe("Staff login");
    expect((await i18nIn("de-x-ls")).t("staff.title")).toBe(de.staff.title);
  });
});
