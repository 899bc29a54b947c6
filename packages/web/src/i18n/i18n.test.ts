// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterEach, describe, expect, it, vi } from "vitest";
import { de } from "./de";
import { en } from "./en";
import { createI18n, initialLanguage, namespacesFor } from "./index";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("i18n", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("German and English have exactly the same keys", () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
  });

  it("defaults to German and accepts only known stored languages", () => {
    expect(initialLanguage(undefined)).toBe("de");
    expect(initialLanguage({ getItem: () => "en" })).toBe("en");
    expect(initialLanguage({ getItem: () => "fr" })).toBe("de");
    expect(
      initialLanguage({
        getItem: () => {
          throw new Error("blocked");
        },
      }),
    ).toBe("de");
  });

  it("informal namespace overrides only its keys and falls back to formal German", () => {
    const i18n = createI18n("de");
    const informal = { ns: namespacesFor("de", "informal") };
    const formal = { ns: namespacesFor("de", "formal") };
    expect(i18n.t("start.safety.title", informal)).toBe("Wenn andere dein Gerät mitbenutzen");
    expect(i18n.t("start.safety.title", formal)).toBe("Wenn andere Ihr Gerät mitbenutzen");
    // Not overridden: the formal text is used.
    expect(i18n.t("start.title", informal)).toBe("Beratung finden");
  });

  it("never leaks German informal text into English", async () => {
    const i18n = createI18n("de");
    await i18n.changeLanguage("en");
    expect(i18n.t("start.safety.title", { ns: namespacesFor("en", "informal") })).toBe(
      "If other people use your device",
    );
  });

  it("writes nothing to the console while starting and switching language", async () => {
    // No notices or warnings (i18next once printed a support notice by default);
    // the console of a counselling client stays empty.
    const spies = (["log", "info", "warn", "error"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    const i18n = createI18n("de");
    await i18n.changeLanguage("en");
    i18n.t("start.title");
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it("returns lists as arrays", () => {
    const i18n = createI18n("en");
    const items = i18n.t("start.anonymity.items", { returnObjects: true });
    expect(Array.isArray(items)).toBe(true);
    expect(items.length).toBeGreaterThan(2);
  });
});
