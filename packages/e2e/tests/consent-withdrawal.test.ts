// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { finishLogin, startLogin } from "@obhut/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpInBrowser } from "../src/accounts";
import { axeEverywhere } from "../src/setup";
import type { Stack } from "../src/stack";
import { openSql, type Storage } from "../src/instance";
import { startTestStack } from "./helpers";

/**
 * Issue 7 "done when": a client's withdrawal blocks a forward. In real
 * Chromium against `obhut serve --demo`: a client signs up, has a case at
 * the demo agency and gives, on the account's consent page, an online
 * consent to pass the case on to a named recipient by e-mail — purposes
 * and ways by their names, the consent text shown in full and recorded by
 * the hash of exactly that text (issue #15, item 8). The counsellor's
 * forwarding check is allowed; the client withdraws the consent there; the
 * same check is now refused with `forwarding_refused`.
 */
let stack: Stack;
let storage: Storage;

function demoPassword(username: string): string {
  const text = readFileSync(join(stack.dataDir, "demo-logins.txt"), "utf8");
  const line = text.split("\n").find((l) => l.trim().startsWith(`${username} `));
  if (!line) throw new Error(`no demo login for ${username}`);
  return line.trim().split(/\s+/)[1]!;
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
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown>, response };
}

/** A counsellor's session, logged in with OPAQUE as the staff browser does. */
async function counsellorCookie(): Promise<string> {
  const username = "demo-beraterin";
  const password = demoPassword(username);
  const start = await startLogin(password);
  const s1 = await api("/api/auth/login/start", {
    method: "POST",
    body: { username, startLoginRequest: start.request },
  });
  const done = await finishLogin({ password, state: start.state, response: s1.body.loginResponse as string });
  const s2 = await api("/api/auth/login/finish", {
    method: "POST",
    body: { loginId: s1.body.loginId, finishLoginRequest: done.finishRequest },
  });
  expect(s2.status).toBe(200);
  return s2.response.headers.get("set-cookie")!.split(";")[0]!;
}

/** The client's case at the demo agency, written into the database (the enquiry flow has its own e2e test). */
async function seedCaseFor(username: string): Promise<{ orgId: string; caseId: string; clientId: string }> {
  const db = await openSql(storage);
  try {
    const [client] = await db.all<{ id: string }>("SELECT id FROM accounts WHERE username = ?", [username]);
    const [team] = await db.all<{ id: string; organisation_id: string }>(
      "SELECT id, organisation_id FROM teams WHERE is_intake = 1",
    );
    const [agency] = await db.all<{ id: string }>("SELECT id FROM agencies WHERE organisation_id = ?", [
      team!.organisation_id,
    ]);
    const [topic] = await db.all<{ id: string }>("SELECT id FROM topics WHERE organisation_id = ?", [
      team!.organisation_id,
    ]);
    const now = Date.now();
    const conversationId = `cv-e2e-${now}`;
    const caseId = `case-e2e-${now}`;
    await db.run(
      "INSERT INTO conversations (id, organisation_id, kind, created_by, created_at) VALUES (?, ?, 'case', ?, ?)",
      [conversationId, team!.organisation_id, client!.id, now],
    );
    await db.run(
      `INSERT INTO cases (id, organisation_id, conversation_id, agency_id, topic_id, team_id, client_id, state, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'new', ?)`,
      [caseId, team!.organisation_id, conversationId, agency!.id, topic!.id, team!.id, client!.id, now],
    );
    return { orgId: team!.organisation_id, caseId, clientId: client!.id };
  } finally {
    await db.close();
  }
}

// One database per browser test: the browser adds nothing that differs between SQLite and PostgreSQL
// (the server tests run every rule of this feature on both); the browser tests share the dialects out
// (retention and org-move on PostgreSQL, documents and consent withdrawal on SQLite) to keep CI short.
describe("consent withdrawal blocks forwarding (SQLite)", () => {
  beforeAll(async () => {
    stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
    storage = { dataDir: stack.dataDir };
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("allows a forward while the consent is active and refuses it after the client withdraws it", async () => {
    const client = await stack.actor("client");
    const username = `e2e-klient-${Date.now().toString(36)}`;
    await signUpInBrowser(client.page, {
      username,
      password: "Kirschbaum Wolkenlaterne Flussufer 4821",
      recoveryCode: false,
    });
    const { orgId, caseId } = await seedCaseFor(username);

    client.step("give the consent on the account's consent page, reached by clicking");
    const page = client.page;
    await page.locator("nav.main-nav").getByRole("link", { name: "Konto", exact: true }).click();
    await page.getByRole("link", { name: "Meine Einwilligungen und Kontaktwege" }).click();
    await page.locator("h1", { hasText: "Meine Einwilligungen und Kontaktwege" }).waitFor();
    const form = page.getByRole("region", { name: "Eine Einwilligung geben" });
    // Purposes by their names, never codes.
    await form.getByLabel("Wozu?").selectOption({ label: "Weitergabe an eine andere Stelle" });
    await form.getByRole("button", { name: "Einwilligung geben" }).click();
    await form.getByText("Bitte schreiben Sie, an wen etwas weitergegeben werden darf.").waitFor();
    await form.getByText("Bitte wählen Sie mindestens einen Weg.").waitFor();
    await form.getByLabel(/^An wen\?/).fill("Schuldnerberatung Nord");
    await form.getByLabel("E-Mail").check();
    const shown = (await form.getByRole("region", { name: "Das willigen Sie ein" }).locator("p").textContent())!;
    expect(shown).toContain("„Weitergabe an eine andere Stelle“");
    expect(shown).toContain("an Schuldnerberatung Nord");
    expect(shown).toContain("auf diesem Weg: E-Mail");
    expect(await axeEverywhere(page, "my-privacy (give)")).toEqual([]);
    await form.getByRole("button", { name: "Einwilligung geben" }).click();
    await page.locator(".notice--success", { hasText: "Ihre Einwilligung ist gespeichert" }).waitFor();
    await page.getByText("Zweck: Weitergabe an eine andere Stelle").waitFor();
    await page.getByText("Auf diesem Weg: E-Mail").waitFor();

    // What is recorded names exactly the text that was on the screen.
    const db = await openSql(storage);
    try {
      const rows = await db.all<{ text_sha256: string; method: string; subject_id: string }>(
        "SELECT text_sha256, method, subject_id FROM consent_records WHERE kind = 'grant' AND client_id = (SELECT id FROM accounts WHERE username = ?)",
        [username],
      );
      expect(rows).toEqual([
        { text_sha256: createHash("sha256").update(shown, "utf8").digest("hex"), method: "online", subject_id: caseId },
      ]);
    } finally {
      await db.close();
    }

    const cookie = await counsellorCookie();
    const check = () =>
      api("/api/forwarding/check", {
        method: "POST",
        cookie,
        body: {
          organisationId: orgId,
          caseId,
          purpose: "referral",
          recipient: "Schuldnerberatung Nord",
          channel: "email",
        },
      });
    const allowed = await check();
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);

    const withdraw = page.getByRole("button", { name: "Einwilligung „Weitergabe an eine andere Stelle“ widerrufen" });
    await withdraw.waitFor();
    expect(await axeEverywhere(client.page, "my-privacy")).toEqual([]);
    await withdraw.click();
    await client.page.locator(".notice--success", { hasText: "Widerruf ist gespeichert" }).waitFor();
    await client.page.locator(".consent__state", { hasText: "Widerrufen am" }).waitFor();

    const refused = await check();
    expect(refused.status).toBe(403);
    expect((refused.body.error as { code: string }).code).toBe("forwarding_refused");

    // Contact channels: e-mail notices stay off until the client turns them on.
    await client.page.check("#channel-emailNotice");
    await client.page.locator("button", { hasText: "Kontaktwege speichern" }).click();
    await client.page.locator(".notice--success", { hasText: "Kontaktwege sind gespeichert" }).waitFor();
    expect(await axeEverywhere(client.page, "my-privacy-saved")).toEqual([]);
    expect(client.pageErrors).toEqual([]);
    expect(client.cspViolations).toEqual([]);
    expect(client.foreignRequests()).toEqual([]);
  });
});
