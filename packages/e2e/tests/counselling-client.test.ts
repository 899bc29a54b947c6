// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from "node:path";
import {
  currentTeamKeyGeneration,
  decodeEpochRecord,
  decodeOrgLogEntry,
  finishLogin,
  fromBase64Url,
  parseKeyBundle,
  restoreAccountKeys,
  sealMessage,
  startLogin,
  toBase64Url,
  unwrapEpochKey,
  unwrapTeamKey,
  utf8Encode,
  verifyOrgLog,
} from "@obhut/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureReceived, captureRequestBodies, dumpDeviceState } from "../src/accounts";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { axeEverywhere, tabTo } from "../src/setup";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Online counselling from the client's side, in real Chromium against a real
 * server with the demo organisation (verifiable org log, intake team with a
 * team key): finder → agency → enquiry → anonymous sign-up → encrypted first
 * message → greeting; a counsellor's reply (sealed in Node with the team
 * key, like a staff browser would) arrives live; a second browser logs in as
 * the same client and reads the decrypted history.
 */
let stack: Stack;
const GREETING = "Willkommen bei der Beratungsstelle Demo-Stadt. Wir antworten innerhalb von zwei Werktagen.";

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"));
  try {
    // The demo agency has no greeting; an agency admin would set one (organisational plaintext).
    db.prepare("UPDATE agencies SET greeting = ?").run(GREETING);
  } finally {
    db.close();
  }
});

afterAll(async () => {
  await stack?.stop();
});

/** The decrypted body format of web/src/messaging/body.ts (v1), as a staff browser would encode it. */
const encodeBody = (text: string): Uint8Array => utf8Encode(JSON.stringify({ v: 1, text, attachments: [] }));

function demoPassword(username: string): string {
  const match = new RegExp(`^\\s*${username}\\s+(\\S+)`, "m").exec(stack.logs());
  if (!match) throw new Error(`no demo login for ${username}`);
  return match[1]!;
}

// Chromium logs non-2xx answers as console errors; a 401 is expected before login.
const EXPECTED_CONSOLE = /status of 401/;

function expectCleanRun(actor: Actor): void {
  expect(actor.foreignRequests()).toEqual([]);
  expect(actor.cspViolations).toEqual([]);
  expect(actor.pageErrors).toEqual([]);
  expect(actor.consoleErrors.filter((m) => !EXPECTED_CONSOLE.test(m))).toEqual([]);
}

async function api(path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) {
  const response = await fetch(stack.baseUrl + path, {
    method: init.method ?? "GET",
    headers: {
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${response.status} ${text}`);
  return { body, headers: response.headers };
}

/**
 * What a counsellor's browser does to answer: log in (OPAQUE), accept the
 * enquiry, open the team key checked against the verified org log, open the
 * epoch key through the team wrap (checked against the signed record), seal
 * and send.
 */
async function counsellorReplies(text: string): Promise<void> {
  const username = "demo-beraterin";
  const password = demoPassword(username);
  const start = await startLogin(password);
  const s1 = await api("/api/auth/login/start", {
    method: "POST",
    body: { username, startLoginRequest: start.request },
  });
  const done = await finishLogin({
    password,
    state: start.state,
    response: s1.body.loginResponse as string,
  });
  const s2 = await api("/api/auth/login/finish", {
    method: "POST",
    body: { loginId: s1.body.loginId, finishLoginRequest: done.finishRequest },
  });
  const cookie = s2.headers.get("set-cookie")!.split(";")[0]!;
  const keys = await restoreAccountKeys(parseKeyBundle(s2.body.keyBundle as never), { exportKey: done.exportKey });

  const cases = (await api("/api/cases?scope=new", { cookie })).body.cases as {
    id: string;
    conversationId: string;
    organisationId: string;
  }[];
  expect(cases).toHaveLength(1);
  const item = cases[0]!;
  await api(`/api/cases/${item.id}/accept`, { method: "POST", cookie });

  const log = (await api(`/api/organisations/${item.organisationId}/log`, { cookie })).body.entries as {
    entry: string;
  }[];
  const orgLog = verifyOrgLog(log.map((e) => decodeOrgLogEntry(fromBase64Url(e.entry))));
  const teamWraps = (await api(`/api/cases/${item.id}/team-wraps`, { cookie })).body.wraps as {
    conversationId: string;
    epoch: number;
    teamId: string;
    generation: number;
    wrap: string;
  }[];
  const caseWrap = teamWraps.find((w) => w.conversationId === item.conversationId && w.epoch === 1)!;
  const myTeamWraps = (await api(`/api/keys/wraps?kind=team&refId=${caseWrap.teamId}`, { cookie })).body.wraps as {
    generation: number;
    blob: string;
  }[];
  const generation = currentTeamKeyGeneration(orgLog, caseWrap.teamId);
  const teamKey = await unwrapTeamKey({
    teamId: caseWrap.teamId,
    generation: generation.generation,
    expectedPublicKey: generation.publicKey,
    wrapped: fromBase64Url(myTeamWraps.find((w) => w.generation === generation.generation)!.blob),
    memberSecretKey: keys.encryption.secretKey,
  });
  const epochs = (await api(`/api/conversations/${item.conversationId}/epochs`, { cookie })).body.epochs as {
    record: string;
  }[];
  const record = decodeEpochRecord(fromBase64Url(epochs[0]!.record));
  const epochKey = await unwrapEpochKey({
    record,
    role: "team",
    wrapped: fromBase64Url(caseWrap.wrap),
    recipientSecretKey: teamKey.secretKey,
  });
  const clientMsgId = toBase64Url(utf8Encode(`reply-${Date.now()}`));
  const envelope = await sealMessage({
    header: {
      conversationId: item.conversationId,
      epoch: 1,
      messageId: clientMsgId,
      timestamp: Date.now(),
      senderKeyId: keys.signing.publicKey,
    },
    plaintext: encodeBody(text),
    epochKey,
    sender: keys.signing,
  });
  await api(`/api/conversations/${item.conversationId}/messages`, {
    method: "POST",
    cookie,
    body: { clientMsgId, envelope: toBase64Url(envelope) },
  });
}

describe("online counselling, client side", () => {
  const username = "wolke-" + Date.now().toString(36);
  const password = "Ein langer Satz über Wolken und Regen 7";
  const firstMessage = "Hallo, ich mache mir Sorgen um meine Tochter.";
  const reply = "Guten Tag, danke für Ihre Nachricht. Erzählen Sie gern mehr.";

  it("finder → agency → enquiry with sign-up → greeting; a reply arrives live; another browser reads the history", async () => {
    const client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
    await useLanguage(client.context, "de");
    const sent = captureRequestBodies(client.context);
    const received = captureReceived(client.context);
    const { page } = client;
    const violations: string[] = [];

    client.step("agency finder: topic, online anywhere, results");
    await loadPage(page, "/");
    violations.push(...(await axeEverywhere(page, "finder")));
    await page.locator("#finder-topic option", { hasText: "Familie und Erziehung" }).waitFor({ state: "attached" });
    const topicValue = await page
      .locator("#finder-topic option", { hasText: "Familie und Erziehung" })
      .getAttribute("value");
    await page.selectOption("#finder-topic", topicValue!);
    await page.check("#finder-where-online");
    await page.locator("form button[type=submit]").click();
    await page.locator(".agency-card").first().waitFor();
    expect(await page.locator(".agency-card h3").allTextContents()).toEqual(["Beratungsstelle Demo-Stadt"]);
    violations.push(...(await axeEverywhere(page, "finder results")));

    client.step("agency page (deep link shape) and QR code");
    await page.locator(".agency-card a.button").click();
    await page.waitForURL(/\/agency\?id=/);
    await page.locator("h1", { hasText: "Beratungsstelle Demo-Stadt" }).waitFor();
    await page.locator("button", { hasText: "QR-Code anzeigen" }).click();
    await page.locator("img.qr-code").waitFor();
    violations.push(...(await axeEverywhere(page, "agency")));

    client.step("enquiry: privacy confirmation required, then anonymous sign-up");
    await page.locator("a.button", { hasText: "Anfrage schreiben" }).click();
    await page.waitForURL(/\/enquiry\?agency=/);
    await page.locator("#enquiry-privacy").waitFor();
    violations.push(...(await axeEverywhere(page, "enquiry (logged out)")));
    await page.locator("button", { hasText: "Anonymes Konto erstellen" }).click();
    await page.locator("#enquiry-privacy-error").waitFor();
    await page.check("#enquiry-privacy");
    await page.locator("button", { hasText: "Anonymes Konto erstellen" }).click();
    await page.waitForURL(/\/signup\?next=/);
    await page.fill("#signup-username", username);
    await page.fill("#signup-password", password);
    await page.fill("#signup-passwordRepeat", password);
    await page.locator("form button[type=submit]").click();
    await page.locator(".recovery-code__words li").first().waitFor();
    await page.check("#signup-code-confirm");
    await page.locator("form.recovery-code button[type=submit]").click();
    await page.waitForURL(/\/enquiry\?agency=/, { timeout: 60_000 });

    client.step("first message, encrypted; the greeting shows at once");
    await page.locator("#enquiry-message").waitFor();
    violations.push(...(await axeEverywhere(page, "enquiry (logged in)")));
    await page.fill("#enquiry-message", firstMessage);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/\/case\?id=/, { timeout: 60_000 });
    await page.locator(".timeline__event--greeting", { hasText: GREETING }).waitFor();
    await page.locator(".timeline__message--own", { hasText: firstMessage }).waitFor();
    await page.locator(".live-status", { hasText: "Verbunden" }).waitFor();
    violations.push(...(await axeEverywhere(page, "case")));
    // The first message never travelled in plaintext.
    for (const request of sent) expect(request.body ?? "").not.toContain(firstMessage);

    client.step("a counsellor accepts and replies: it arrives live, with who answers now");
    await counsellorReplies(reply);
    await page.locator(".timeline__message", { hasText: reply }).waitFor({ timeout: 30_000 });
    await page.locator(".case-status", { hasText: "Es antwortet: Frau Berger" }).waitFor();
    // Clients see staff by display name only: the counsellor's login name is half of a credential.
    await received.settled();
    expect(received.texts.join("\n")).toContain("Frau Berger");
    for (const text of [...received.texts, await page.content()]) expect(text).not.toContain("demo-beraterin");

    client.step("client answers from the conversation view");
    await page.fill("#case-compose", "Danke, ich schreibe morgen mehr.");
    await page.locator("form.composer button[type=submit]").click();
    await page.locator(".timeline__message--own", { hasText: "Danke, ich schreibe morgen mehr." }).waitFor();
    expect(await page.locator(".timeline__message--own", { hasText: "Danke, ich schreibe morgen mehr." }).count()).toBe(
      1,
    );

    client.step("an attachment: encrypted in the browser, uploaded in chunks, metadata only inside the message");
    const fileBytes = Buffer.from("Zeugnis der Tochter, Halbjahr 1\n".repeat(2000));
    await page.setInputFiles("#case-files", { name: "zeugnis.txt", mimeType: "text/plain", buffer: fileBytes });
    await page.locator("form.composer button[type=submit]").click();
    await page.locator(".timeline__message--own button", { hasText: "zeugnis.txt" }).waitFor({ timeout: 30_000 });
    for (const request of sent) expect(request.body ?? "").not.toContain("zeugnis");

    client.step("another device: English, desktop, login → my cases → history decrypted");
    const other = await stack.actor("client-laptop", { viewport: VIEWPORTS.desktop });
    await useLanguage(other.context, "en");
    await loadPage(other.page, "/login?next=%2Fcases");
    await other.page.fill("#login-username", username);
    await other.page.fill("#login-password", password);
    await other.page.locator("form button[type=submit]").click();
    await other.page.waitForURL(/\/cases$/, { timeout: 60_000 });
    await other.page.locator(".case-card a").first().waitFor();
    violations.push(...(await axeEverywhere(other.page, "cases")));
    await other.page.locator(".case-card a").first().click();
    await other.page.waitForURL(/\/case\?id=/);
    await other.page.locator(".timeline__message", { hasText: firstMessage }).waitFor();
    await other.page.locator(".timeline__message", { hasText: reply }).waitFor();
    await other.page.locator(".timeline__event--greeting", { hasText: GREETING }).waitFor();
    expect(await other.page.locator(".timeline__problem").count()).toBe(0);
    const [download] = await Promise.all([
      other.page.waitForEvent("download"),
      other.page.locator(".timeline__message button", { hasText: "zeugnis.txt" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("zeugnis.txt");
    const { readFile } = await import("node:fs/promises");
    expect(Buffer.compare(await readFile((await download.path())!), fileBytes)).toBe(0);

    client.step("logout leaves nothing behind");
    await page.locator("button", { hasText: "Abmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    const state = await dumpDeviceState(page);
    expect(state.localStorage).toEqual({});
    expect(state.indexedDbNames).toEqual([]);
    expect(JSON.stringify(state)).not.toContain(firstMessage);

    expect(violations).toEqual([]);
    expectCleanRun(client);
    expectCleanRun(other);
  });
  it("works with the keyboard alone and speaks informally for a youth topic", async () => {
    const kid = await stack.actor("kid", { viewport: VIEWPORTS.mobile });
    await useLanguage(kid.context, "de");
    const { page } = kid;
    await loadPage(page, "/");
    await page.locator("#finder-topic option", { hasText: "Jugendberatung" }).waitFor({ state: "attached" });
    await tabTo(page, "#finder-topic");
    await page.keyboard.type("Jugend");
    expect(await page.locator("#finder-topic option:checked").textContent()).toContain("Jugendberatung");
    // A missing postcode is explained and focused, not silently ignored.
    await tabTo(page, "form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.locator("#finder-postcode-error").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("finder-postcode");
    await page.keyboard.type("12345");
    await tabTo(page, "form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.locator(".agency-card").first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("finder-results");
    await tabTo(page, ".agency-card a.button");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/agency\?id=/);
    await page.locator("h1", { hasText: "Beratungsstelle Demo-Stadt" }).waitFor();
    await tabTo(page, "a.button[href^='/enquiry']");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/enquiry\?agency=/);
    // The topic asks for "du": the enquiry addresses the reader informally.
    await page.locator("h1", { hasText: "Deine Anfrage" }).waitFor();
    await tabTo(page, "#enquiry-privacy");
    await page.keyboard.press("Space");
    expect(await page.isChecked("#enquiry-privacy")).toBe(true);
    await tabTo(page, ".actions button.button--primary");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/signup\?next=/);
    expect(await axeEverywhere(page, "signup from enquiry")).toEqual([]);
    expectCleanRun(kid);
  });
});
