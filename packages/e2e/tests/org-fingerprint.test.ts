// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from "node:path";
import {
  createOrgLogEntry,
  decodeOrgLogEntry,
  decryptOrgPins,
  encodeOrgLogEntry,
  fingerprint,
  finishLogin,
  fromBase64Url,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  parseKeyBundle,
  restoreAccountKeys,
  sha256,
  startLogin,
  toBase64Url,
} from "@obhut/crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viaStaffShell } from "../src/accounts";
import { loadPage } from "../src/app";
import { axeAt360, CLIENT_TEXTS, clientEnquiry, counsellorLogin } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Verifiable organisation (issue #14, ADR 0030), in real Chromium against
 * `obhut serve --demo`: the client sees the organisation's fingerprint on
 * the agency page and on sign-up — the digits of the genesis root key as the
 * database holds it — and signs up; the account's encrypted key bundle then
 * holds that root as a pin. Staff see the same digits on their account page.
 * Later, on another device, the server (simulated by rewriting the org log
 * answer) presents a log of another genesis under the same organisation id:
 * the client's browser refuses before sending anything — no enquiry, no
 * message, no changed pin — and says so in plain words, without a crash.
 */
let stack: Stack;
let orgId: string;
let expected: string[];
const USERNAME = "fingerabdruck-client";
const PASSWORD = "Ein langer Satz über Leuchttürme und Möwen 4";
const FIRST = "Guten Tag, ich möchte mit jemandem über meine Situation sprechen.";
const NOT_SENT = "Diese Nachricht darf den Browser nie verlassen.";
const WARNING = /Achtung: Die Organisation weist sich anders aus als bei Ihrem ersten Kontakt/;
const violations: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"), { readonly: true });
  try {
    const genesis = db.prepare("SELECT organisation_id, entry FROM org_log_entries WHERE seq = 0").get() as {
      organisation_id: string;
      entry: string;
    };
    orgId = genesis.organisation_id;
    const payload = decodeOrgLogEntry(fromBase64Url(genesis.entry)).payload;
    if (payload.type !== "genesis") throw new Error("entry 0 is not a genesis");
    expected = fingerprint(payload.rootSigningKey, "signing").split(" ");
  } finally {
    db.close();
  }
});

afterAll(async () => {
  await stack?.stop();
});

/** The 12 groups of a fingerprint list, found by its accessible name. */
async function groupsIn(page: Page, name: RegExp): Promise<string[]> {
  const list = page.getByRole("list", { name });
  await list.getByRole("listitem").first().waitFor();
  return list.getByRole("listitem").allTextContents();
}

/** The client's pins as the key bundle on the server holds them, opened in Node with the client's password. */
async function storedPins(): Promise<{ orgId: string; root: string }[]> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(stack.baseUrl + path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status, path).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  const start = await startLogin(PASSWORD);
  const s1 = await post("/api/auth/login/start", { username: USERNAME, startLoginRequest: start.request });
  const done = await finishLogin({ password: PASSWORD, state: start.state, response: s1.loginResponse as string });
  const s2 = await post("/api/auth/login/finish", { loginId: s1.loginId, finishLoginRequest: done.finishRequest });
  const bundle = parseKeyBundle(s2.keyBundle);
  const keys = await restoreAccountKeys(bundle, { exportKey: done.exportKey });
  expect(bundle.orgPins, "the key bundle holds pins").toBeDefined();
  const pins = await decryptOrgPins(keys, fromBase64Url(bundle.orgPins!));
  return pins.map((p) => ({ orgId: p.orgId, root: fingerprint(p.rootSigningKey, "signing") }));
}

/** A well-formed, well-signed log of another genesis (another root key) under the demo organisation's id. */
function impostorLog(): { entries: { seq: number; hash: string; entry: string }[]; hasMore: false } {
  const root = generateSigningKeyPair();
  const genesis = createOrgLogEntry({
    previous: null,
    payload: {
      type: "genesis",
      orgId,
      rootSigningKey: root.publicKey,
      archiveKey: generateEncryptionKeyPair().publicKey,
    },
    signer: root,
    timestamp: Date.now(),
  });
  const bytes = encodeOrgLogEntry(genesis);
  return { entries: [{ seq: 0, hash: toBase64Url(sha256(bytes)), entry: toBase64Url(bytes) }], hasMore: false };
}

describe("verifiable organisation", () => {
  it("shows the fingerprint on the agency page and at sign-up, and pins it in the new account's key bundle", async () => {
    const [client] = await stack.actors("client");
    const seen: Record<string, string[]> = {};
    violations.push(
      ...(await clientEnquiry(client!.page, {
        texts: CLIENT_TEXTS.de,
        username: USERNAME,
        password: PASSWORD,
        message: FIRST,
        onPage: async (label) => {
          if (label !== "agency" && label !== "signup") return;
          seen[label] = await groupsIn(client!.page, /^Fingerabdruck von .+, 12 Gruppen zu je 5 Ziffern$/);
          await client!.page
            .getByText(/^Vergleichen Sie diese Ziffern mit denen, die .+ zum Beispiel auf der Website/)
            .waitFor();
          if (label === "signup") await client!.page.getByText(/^Ihr Konto merkt sich diesen Fingerabdruck/).waitFor();
        },
      })),
    );
    expect(expected).toHaveLength(12);
    expect(seen.agency).toEqual(expected);
    expect(seen.signup).toEqual(expected);
    // Pinned with the sign-up itself: the enquiry found the pin and did not have to add one.
    expect(client!.requests.filter((r) => r.url.endsWith("/api/account/org-pins") && r.method === "PUT")).toEqual([]);
    expect(await storedPins()).toEqual([{ orgId, root: expected.join(" ") }]);
    expect(client!.pageErrors).toEqual([]);
  });

  it("staff see the same digits on their account page", async () => {
    const [staff] = await stack.actors("counsellor");
    await counsellorLogin(staff!.page, stack, "demo-beraterin");
    await viaStaffShell(staff!.page, "Konto", "/account");
    expect(await groupsIn(staff!.page, /^Fingerabdruck Ihrer Organisation, 12 Gruppen zu je 5 Ziffern$/)).toEqual(
      expected,
    );
    violations.push(...(await axeAt360(staff!.page, "staff account")));
    expect(staff!.pageErrors).toEqual([]);
  });

  it("on another device, a served log with another root makes the browser stop before sending anything", async () => {
    const [device] = await stack.actors("client on another device");
    const page = device!.page;
    // The malicious server: every answer of the organisation's log is a log of another genesis.
    await device!.context.route(
      (url) => url.pathname === `/api/organisations/${orgId}/log`,
      (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(impostorLog()) }),
    );
    await loadPage(page, "/login");
    await page.getByLabel("Name (Pseudonym)", { exact: true }).fill(USERNAME);
    await page.getByLabel("Passwort", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Anmelden", exact: true }).click();
    await page.waitForURL("**/cases", { timeout: 60_000 });

    // The existing conversation: the warning instead of the conversation, and no way to write.
    await page.getByRole("link", { name: `Gespräch mit ${CLIENT_TEXTS.de.agency} öffnen` }).click();
    await page.waitForURL(/\/case\?id=/);
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(WARNING);
    expect(await page.getByLabel("Ihre Nachricht").count()).toBe(0);
    violations.push(...(await axeAt360(page, "case with a changed organisation")));

    // A new enquiry to the same agency: refused in the browser, before anything is sealed or sent.
    await page.getByRole("link", { name: "Meine Beratungen", exact: true }).click();
    await page.getByRole("link", { name: "Beratungsstelle finden", exact: true }).click();
    const option = page.locator("#finder-topic option", { hasText: CLIENT_TEXTS.de.topic }).first();
    await option.waitFor({ state: "attached" });
    await page.selectOption("#finder-topic", (await option.getAttribute("value"))!);
    await page.check("#finder-where-online");
    await page.locator("form button[type=submit]").click();
    await page.locator(".agency-card", { hasText: CLIENT_TEXTS.de.agency }).locator("a.button").click();
    await page.getByRole("link", { name: CLIENT_TEXTS.de.writeEnquiry }).click();
    await page.getByLabel("Ihre Nachricht", { exact: true }).fill(NOT_SENT);
    await page.getByRole("button", { name: "Anfrage verschlüsselt senden" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(WARNING);
    expect(page.url()).toMatch(/\/enquiry\?/);
    violations.push(...(await axeAt360(page, "enquiry to a changed organisation")));

    const sent = device!.requests.filter(
      (r) =>
        r.method !== "GET" &&
        (/\/api\/cases(\?|$)/.test(r.url) || /\/api\/conversations\//.test(r.url) || r.url.endsWith("/org-pins")),
    );
    expect(sent).toEqual([]);
    // The pin made at sign-up is untouched.
    expect(await storedPins()).toEqual([{ orgId, root: expected.join(" ") }]);
    expect(device!.pageErrors).toEqual([]);
  });

  it("every page on the way is free of axe violations", () => {
    expect(violations).toEqual([]);
  });
});
