// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import { CLIENT_TEXTS, clientEnquiry, counsellorLogin } from "../src/counselling";
import { createPgDatabase, openSql, runObhut, storageEnv, type Storage } from "../src/instance";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue 7 "done when": an organisation moves from a SQLite instance to a
 * PostgreSQL instance and its users read their history there — and back to
 * SQLite. Instance A (SQLite, demo organisation): a client and a counsellor
 * talk in the browser. A stops; `obhut export` writes the organisation;
 * `obhut import` restores it into B (fresh PostgreSQL, no accounts yet, so
 * the login secret travels and passwords keep working); B starts. In fresh
 * browsers the client and the counsellor log in on B with their old
 * passwords and read the decrypted history, attachment included (its blob
 * moves between the file and the database blob store). Then B → C (SQLite)
 * the same way.
 */
const PASSWORD = "Ein langer Satz über Wolken und Regen 7";
const PASSPHRASE = { OBHUT_EXPORT_PASSPHRASE: "eine lange Passphrase für den Umzug" };
const ENV = { OBHUT_RATE_LIMITS: "auth=200" };
const T = {
  enquiry: "Hallo, wir ziehen um und mein Sohn will nicht mit.",
  reply: "Guten Tag, das ist eine große Veränderung. Wie alt ist er?",
  answer: "Er ist zwölf und hat hier alle seine Freunde.",
};
/** Sent with the enquiry: its blob moves from the file store (SQLite) to the database store (PostgreSQL) and back. */
const FILE = {
  name: "schulbescheinigung.txt",
  mimeType: "text/plain",
  buffer: Buffer.from("Schulbescheinigung Klasse 6b\n".repeat(4000)),
};
const username = "umzug-" + Date.now().toString(36);

const staffMessages = (page: Page) => page.locator('ol.message-list[aria-label="Gespräch"] > li');

const cleanups: (() => Promise<void>)[] = [];
let stack: Stack | undefined;
let orgId: string;
let exportA: string;
let storageB: Storage;

afterAll(async () => {
  await stack?.stop();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Messages in the client's case conversation, straight from the instance's database. */
async function caseMessages(storage: Storage): Promise<number> {
  const sql = await openSql(storage);
  try {
    const rows = await sql.all<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM messages m JOIN cases c ON c.conversation_id = m.conversation_id " +
        "JOIN accounts a ON a.id = c.client_id WHERE a.username = ?",
      [username],
    );
    return Number(rows[0]!.n);
  } finally {
    await sql.close();
  }
}

/** The client logs in on a fresh browser of `on` and reads the whole history. */
async function clientReadsHistory(on: Stack): Promise<void> {
  const client = await on.actor("client-again", { viewport: VIEWPORTS.desktop });
  await useLanguage(client.context, "de");
  const page = client.page;
  await loadPage(page, "/login?next=%2Fcases");
  await page.fill("#login-username", username);
  await page.fill("#login-password", PASSWORD);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(/\/cases$/, { timeout: 60_000 });
  await page.locator(".case-card a").first().click();
  await page.waitForURL(/\/case\?id=/);
  for (const text of [T.enquiry, T.reply, T.answer])
    await page.locator(".timeline__message", { hasText: text }).waitFor({ timeout: 30_000 });
  expect(await page.locator(".timeline__problem").count()).toBe(0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(".timeline__message button", { hasText: FILE.name }).click(),
  ]);
  expect(Buffer.compare(await readFile((await download.path())!), FILE.buffer)).toBe(0);
  expect(client.pageErrors).toEqual([]);
}

/** The counsellor logs in on `on` (same password) and reads the case from the inbox. */
async function counsellorReadsHistory(on: Stack): Promise<void> {
  const counsellor = await on.actor("counsellor-again", { viewport: VIEWPORTS.desktop });
  await useLanguage(counsellor.context, "de");
  const page = counsellor.page;
  await counsellorLogin(page, on, "demo-beraterin");
  await page.locator(".scope-tabs button", { hasText: "Meine Fälle" }).click();
  await page.locator(".case-card", { hasText: username }).locator("a").click();
  await page.waitForURL(/\/inbox(\/case\?id=|\?(.*&)?case=)/, { waitUntil: "commit" });
  for (const text of [T.enquiry, T.reply, T.answer])
    await staffMessages(page).filter({ hasText: text }).waitFor({ timeout: 30_000 });
  expect(counsellor.pageErrors).toEqual([]);
}

describe.sequential("an organisation moves between instances", () => {
  it("A (SQLite): a client and a counsellor talk; A stops; the organisation is exported", async () => {
    const dirA = await tempDir("obhut-e2e-a-");
    stack = await startTestStack({ args: ["--demo"], env: ENV, dataDir: dirA });
    const client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
    const counsellor = await stack.actor("counsellor", { viewport: VIEWPORTS.desktop });
    for (const actor of [client, counsellor]) await useLanguage(actor.context, "de");

    await clientEnquiry(client.page, {
      texts: CLIENT_TEXTS.de,
      username,
      password: PASSWORD,
      message: T.enquiry,
      file: FILE,
    });
    const c = counsellor.page;
    await counsellorLogin(c, stack, "demo-beraterin");
    await c.locator(".case-card", { hasText: username }).locator("a").click();
    await c.waitForURL(/\/inbox(\/case\?id=|\?(.*&)?case=)/, { waitUntil: "commit" });
    await c.getByRole("button", { name: "Anfrage übernehmen", exact: true }).click();
    await c.locator("#case-reply").waitFor({ timeout: 30_000 });
    await c.fill("#case-reply", T.reply);
    await c.locator("form.composer:has(#case-reply) button[type=submit]").click();
    await client.page.locator(".timeline__message", { hasText: T.reply }).waitFor({ timeout: 30_000 });
    await client.page.fill("#case-compose", T.answer);
    await client.page.locator("form.composer button[type=submit]").click();
    await staffMessages(c).filter({ hasText: T.answer }).waitFor({ timeout: 30_000 });

    const sql = await openSql({ dataDir: dirA });
    try {
      const orgs = await sql.all<{ id: string }>("SELECT id FROM organisations");
      expect(orgs).toHaveLength(1);
      orgId = orgs[0]!.id;
    } finally {
      await sql.close();
    }
    await stack.stop();
    stack = undefined;

    exportA = join(await tempDir("obhut-e2e-export-"), "demo.jsonl");
    await runObhut({ dataDir: dirA }, ["export", "--org", orgId, exportA], PASSPHRASE);

    // B: a fresh PostgreSQL database and data folder; the import comes before B has any account.
    const pgB = await createPgDatabase();
    cleanups.push(pgB.drop);
    storageB = { dataDir: await tempDir("obhut-e2e-b-"), databaseUrl: pgB.url };
    const imported = await runObhut(storageB, ["import", exportA], PASSPHRASE);
    expect(imported.stdout).toContain("Users log in with their passwords");
    expect(await caseMessages(storageB)).toBe(4);
    // The demo passwords, for the counsellor's login on B (the demo itself is not seeded there).
    await copyFile(join(dirA, "demo-logins.txt"), join(storageB.dataDir, "demo-logins.txt"));
  }, 240_000);

  it("B (PostgreSQL): the client and the counsellor log in with their passwords and read the history", async () => {
    stack = await startTestStack({ env: { ...ENV, ...storageEnv(storageB) }, dataDir: storageB.dataDir });
    // Really PostgreSQL: no SQLite database appeared in B's data folder.
    expect(existsSync(join(storageB.dataDir, "obhut.sqlite"))).toBe(false);
    await clientReadsHistory(stack);
    await counsellorReadsHistory(stack);
  }, 240_000);

  it("and back: B (PostgreSQL) → C (SQLite), where both read the history again", async () => {
    await stack!.stop();
    stack = undefined;
    const exportB = join(await tempDir("obhut-e2e-export-"), "demo.jsonl");
    await runObhut(storageB, ["export", "--org", orgId, exportB], PASSPHRASE);
    const storageC: Storage = { dataDir: await tempDir("obhut-e2e-c-") };
    await runObhut(storageC, ["import", exportB], PASSPHRASE);
    expect(await caseMessages(storageC)).toBe(4);
    await copyFile(join(storageB.dataDir, "demo-logins.txt"), join(storageC.dataDir, "demo-logins.txt"));
    stack = await startTestStack({ env: ENV, dataDir: storageC.dataDir });
    await clientReadsHistory(stack);
    await counsellorReadsHistory(stack);
  }, 240_000);
});
