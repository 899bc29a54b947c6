// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { de } from "./de";
import { deInformal } from "./de-informal";

/**
 * One form of address per flow (issue #15, item 7): every text a client can
 * see, looked up as the informal flow looks it up (the "du" override, else
 * the formal text), carries no formal pronoun; and the formal flow carries
 * no "du". Texts that do not address the reader must be worded so that they
 * pass both ways (e.g. "sie" for "it" written where it cannot open a sentence).
 */

/** Top-level groups of the catalogue that clients see (pages before login, the enquiry, the conversation, the account). */
const CLIENT_GROUPS = [
  "quickExit",
  "start",
  "signup",
  "login",
  "recover",
  "authSteps",
  "authErrors",
  "account",
  "secrets",
  "sessions",
  "keptDevice",
  "finder",
  "agency",
  "enquiry",
  "cases",
  "clientChannels",
  "clientCase",
  "clientNav",
  "rebindCode",
  "myPrivacy",
  "consents",
  "addressForm",
  "myData",
  "attachment",
  "orgFingerprint",
] as const;

/** Staff-only texts that live inside a client group (admin console sections). */
const STAFF_ONLY = [
  "attachment.policy.",
  "account.staff",
  "account.device",
  "account.mfa",
  "account.admin",
  "orgFingerprint.staff.",
];

/** Texts that name a form of address rather than use it (the choice on the account page). */
const NAMES_A_FORM = new Set(["addressForm.formal", "addressForm.informal"]);

const FORMAL = /(^|[^\p{L}])(Sie|Ihnen|Ihr|Ihre|Ihrem|Ihren|Ihrer|Ihres)(?![\p{L}])/u;
const INFORMAL =
  /(^|[^\p{L}])(du|dich|dir|dein|deine|deinem|deinen|deiner|deines|Du|Dich|Dir|Dein|Deine|Deinem|Deinen|Deiner|Deines)(?![\p{L}])/u;

type Tree = string | readonly Tree[] | { readonly [key: string]: Tree };

function leaves(tree: Tree, path: string): [string, string][] {
  if (typeof tree === "string") return [[path, tree]];
  if (Array.isArray(tree)) return tree.flatMap((value: Tree, i) => leaves(value, `${path}.${i}`));
  return Object.entries(tree as { [key: string]: Tree }).flatMap(([key, value]) => leaves(value, `${path}.${key}`));
}

function lookup(tree: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
}

const catalogue = de as unknown as Record<string, Tree>;
const clientTexts = CLIENT_GROUPS.flatMap((group) => {
  expect(catalogue[group], `catalogue group ${group}`).toBeDefined();
  return leaves(catalogue[group]!, group).filter(
    ([key]) => !STAFF_ONLY.some((prefix) => key.startsWith(prefix)) && !NAMES_A_FORM.has(key),
  );
});

describe("form of address", () => {
  it("the informal flow says 'du' throughout: no formal pronoun in any client text", () => {
    const leaks = clientTexts.flatMap(([key, formal]) => {
      const override = lookup(deInformal, key);
      const text = typeof override === "string" ? override : formal;
      return FORMAL.test(text) ? [`${key}: ${text}`] : [];
    });
    expect(leaks).toEqual([]);
  });

  it("the formal flow says 'Sie' throughout: no 'du' in any client text", () => {
    const leaks = clientTexts.flatMap(([key, text]) => (INFORMAL.test(text) ? [`${key}: ${text}`] : []));
    expect(leaks).toEqual([]);
  });

  it("every informal override is informal itself", () => {
    const leaks = leaves(deInformal as unknown as Tree, "").flatMap(([key, text]) =>
      FORMAL.test(text) ? [`${key.slice(1)}: ${text}`] : [],
    );
    expect(leaks).toEqual([]);
  });

  it("pages before anyone knows the flow (login, recovery, the device question) address no one: neither 'Sie' nor 'du'", () => {
    const addressing = ["login", "recover", "keptDevice"].flatMap((group) =>
      leaves(catalogue[group]!, group).flatMap(([key, text]) =>
        FORMAL.test(text) || INFORMAL.test(text) ? [`${key}: ${text}`] : [],
      ),
    );
    expect(addressing).toEqual([]);
  });

  it("the checks catch what they look for", () => {
    expect(FORMAL.test("Bitte melden Sie sich an.")).toBe(true);
    expect(FORMAL.test("„Ihre Nachricht“")).toBe(true);
    expect(FORMAL.test("Die Nachricht, die sie schrieb")).toBe(false);
    expect(INFORMAL.test("Bitte melde dich an.")).toBe(true);
    expect(INFORMAL.test("Deine Nachricht")).toBe(true);
    expect(INFORMAL.test("Dudelsack")).toBe(false);
  });
});
