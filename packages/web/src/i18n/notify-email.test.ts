// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { deNotifyEmail } from "./de-notify-email";
import { createI18n, namespacesFor } from "./index";

function keys(value: unknown, prefix: string): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}.${k}`));
}

// What only staff and admins read keeps the formal wording; everything else a client sees must speak "du".
const STAFF_ONLY = /^notifyEmail\.(staffWhat|newEnquiry|newEnquirySave|newEnquirySaved|admin\.)/;
// Quoted names ("Ihre Beratungsstelle") are the organisation's words, not the form of address.
const FORMAL = /\b(Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihnen)\b/;
const unquoted = (text: string) => text.replace(/„[^“]*“/g, "");

describe("e-mail notice texts", () => {
  it("speak 'du' to a client who chose it, in every text a client sees", () => {
    const i18n = createI18n("de");
    const informal = { ns: namespacesFor("de", "informal") };
    // Keys are built from the catalogue at run time, so they are plain strings here.
    const translate = i18n.t as (key: string, options: object) => string;
    const clientKeys = keys(deNotifyEmail.notifyEmail, "notifyEmail").filter((k) => !STAFF_ONLY.test(k));
    expect(clientKeys.length).toBeGreaterThan(20);
    const formalLeft = clientKeys.filter((k) =>
      FORMAL.test(unquoted(translate(k, { ...informal, address: "a@b.example" }))),
    );
    expect(formalLeft).toEqual([]);
  });

  it("never promise content: the notice's words are named, and only those", () => {
    const i18n = createI18n("de");
    expect(i18n.t("notifyEmail.points.content")).toContain("„Es gibt eine neue Antwort“");
  });
});
