// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { createI18n } from "../i18n";
import { consentText, dayAt, isoDay, type Translate } from "./consent-text";

/** The consent text staff record on a client's behalf: in the language read out, with names, never codes. */
describe("consent text", () => {
  const fixed = (language: "de" | "en") => createI18n(language).getFixedT(language) as unknown as Translate;
  const base = {
    agency: "Beratungsstelle Demo-Stadt",
    scope: "case" as const,
    purpose: "youth_office_report",
    recipient: " Jugendamt Mitte ",
    channels: ["phone" as const, "postal" as const],
    until: "",
  };

  it("in the person's own words, by purpose and way names", () => {
    expect(consentText(fixed("de"), "de", { ...base, giver: "subject" })).toBe(
      "Ich willige ein, dass Beratungsstelle Demo-Stadt für den Zweck „Mitteilung an das Jugendamt“ Angaben aus " +
        "meiner Beratung an Jugendamt Mitte weitergibt, auf diesem Weg: Telefon, Brief. Ich kann diese Einwilligung " +
        "jederzeit widerrufen, auch formlos bei der Beratungsstelle; was bis dahin geschehen ist, bleibt rechtmäßig.",
    );
  });

  it("for someone else, in English, with an end date; an unknown purpose is never shown as its code", () => {
    const text = consentText(fixed("en"), "en", {
      ...base,
      giver: "guardian",
      scope: "client",
      purpose: "internal_code_42",
      until: "2031-05-04",
    });
    expect(text).toContain("As a person with parental responsibility I agree on behalf of the person counselled");
    expect(text).toContain("from all their counselling to Jugendamt Mitte");
    expect(text).toContain("“Another purpose of your counselling service”");
    expect(text).toContain("This consent is valid until May 4, 2031.");
    expect(text).not.toContain("internal_code_42");
  });

  it("date inputs: a local day and back, given on at noon, until at the day's end", () => {
    const noon = dayAt("2030-02-28", false);
    expect(isoDay(new Date(noon))).toBe("2030-02-28");
    expect(new Date(noon).getHours()).toBe(12);
    expect(isoDay(new Date(dayAt("2030-02-28", true)))).toBe("2030-02-28");
    expect(dayAt("2030-02-28", true) - noon).toBe(12 * 60 * 60 * 1000 - 1);
  });
});
