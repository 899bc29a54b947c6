// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { axeViolations } from "./a11y";
import { loadPage, VIEWPORTS } from "./app";
import type { Stack } from "./stack";

/**
 * Helpers for the counselling browser tests (client and counsellor side
 * against `obhut serve --demo`): demo logins, in-app navigation, axe at
 * 360 px, the client's way from the finder to a sent enquiry, and a byte
 * search through everything the server stored.
 */

/** A password of a demo account, as `--demo` prints it into the data directory. */
export async function demoPassword(stack: Stack, username: string): Promise<string> {
  const text = await readFile(join(stack.dataDir, "demo-logins.txt"), "utf8");
  const line = text.split("\n").find((l) => l.trim().startsWith(`${username} `));
  if (!line) throw new Error(`no demo login for ${username}`);
  return line.trim().split(/\s+/)[1]!;
}

/** Client-side navigation (keeps the in-memory keys; a page load would drop them). */
export async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, "", to);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
}

/** axe-core (WCAG 2.1 A/AA and 2.2's target size, a11y.ts) on the page as it is, at 360 px width; the viewport is restored. */
export async function axeAt360(page: Page, label: string): Promise<string[]> {
  const original = page.viewportSize();
  await page.setViewportSize(VIEWPORTS.mobile);
  const found = (await axeViolations(page)).map((v) => `${label}: ${v}`);
  if (original && original.width !== VIEWPORTS.mobile.width) await page.setViewportSize(original);
  return found;
}

export interface ClientTexts {
  topic: string;
  agency: string;
  writeEnquiry: string;
  createAccount: string;
}

export const CLIENT_TEXTS: Record<"de" | "en" | "ar" | "de-x-ls", ClientTexts> = {
  de: {
    topic: "Familie und Erziehung",
    agency: "Beratungsstelle Demo-Stadt",
    writeEnquiry: "Anfrage schreiben",
    createAccount: "Anonymes Konto erstellen",
  },
  en: {
    // Topic and agency names are the organisation's own data, in its language.
    topic: "Familie und Erziehung",
    agency: "Beratungsstelle Demo-Stadt",
    writeEnquiry: "Write an enquiry",
    createAccount: "Create an anonymous account",
  },
  // The client-only languages (ADR 0046); names of topics and agencies stay the organisation's.
  ar: {
    topic: "Familie und Erziehung",
    agency: "Beratungsstelle Demo-Stadt",
    writeEnquiry: "اكتب طلبًا",
    createAccount: "إنشاء حساب مجهول الهوية",
  },
  "de-x-ls": {
    topic: "Familie und Erziehung",
    agency: "Beratungsstelle Demo-Stadt",
    writeEnquiry: "Frage schreiben",
    createAccount: "Konto ohne echten Namen machen",
  },
};

/**
 * The client's way in: finder (topic, online anywhere) → agency page →
 * enquiry (privacy confirmation) → anonymous sign-up with recovery code →
 * first message → conversation view. Runs axe at 360 px on each page and
 * returns the violations.
 */
export async function clientEnquiry(
  page: Page,
  props: {
    texts: ClientTexts;
    username: string;
    password: string;
    message: string;
    /** An attachment chosen with the enquiry; it follows as the second message. */
    file?: { name: string; mimeType: string; buffer: Buffer };
    /** Receives the recovery code as the page lists it (its groups, space-separated). */
    onRecoveryCode?: (code: string) => void;
    /** The visible label of the device answer to choose at sign-up (default: none chosen, i.e. shared). */
    deviceLabel?: string;
    /** Search by this postcode instead of "online, anywhere". */
    postcode?: string;
    /** Called on each page of the way, after axe (e.g. to check the form of address). */
    onPage?: (label: string) => Promise<void>;
  },
): Promise<string[]> {
  const violations: string[] = [];
  const visit = async (label: string) => {
    violations.push(...(await axeAt360(page, label)));
    await props.onPage?.(label);
  };
  const { texts } = props;
  await loadPage(page, "/");
  await visit("finder");
  const option = page.locator("#finder-topic option", { hasText: texts.topic }).first();
  await option.waitFor({ state: "attached" });
  await page.selectOption("#finder-topic", (await option.getAttribute("value"))!);
  if (props.postcode) await page.getByLabel("Postleitzahl", { exact: true }).fill(props.postcode);
  else await page.check("#finder-where-online");
  await page.locator("form button[type=submit]").click();
  await page.locator(".agency-card").first().waitFor();
  await visit("finder results");

  await page.locator(".agency-card", { hasText: texts.agency }).locator("a.button").click();
  await page.waitForURL(/\/agency\?id=/);
  await page.locator("h1", { hasText: texts.agency }).waitFor();
  await visit("agency");

  await page.locator("a.button", { hasText: texts.writeEnquiry }).click();
  await page.waitForURL(/\/enquiry\?agency=/);
  await page.locator("#enquiry-privacy").waitFor();
  await visit("enquiry (logged out)");
  await page.check("#enquiry-privacy");
  await page.locator("button", { hasText: texts.createAccount }).click();
  await page.waitForURL(/\/signup\?next=/);
  await page.locator("#signup-username").waitFor();
  await visit("signup");
  await page.fill("#signup-username", props.username);
  await page.fill("#signup-password", props.password);
  await page.fill("#signup-passwordRepeat", props.password);
  if (props.deviceLabel) await page.getByLabel(props.deviceLabel, { exact: true }).check();
  await page.locator("form button[type=submit]").click();
  await page.locator(".recovery-code__words li").first().waitFor({ timeout: 60_000 });
  await visit("recovery code");
  props.onRecoveryCode?.((await page.locator(".recovery-code__words li").allTextContents()).join(" "));
  await page.check("#signup-code-confirm");
  await page.locator("form.recovery-code button[type=submit]").click();
  await page.waitForURL(/\/enquiry\?agency=/, { timeout: 60_000 });

  await page.locator("#enquiry-message").waitFor();
  await visit("enquiry (logged in)");
  await page.fill("#enquiry-message", props.message);
  if (props.file) await page.setInputFiles("#enquiry-files", props.file);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(/\/case\?id=/, { timeout: 60_000 });
  await page.locator(".timeline__event--greeting").waitFor();
  await page.locator(".timeline .timeline__message--own", { hasText: props.message }).waitFor();
  if (props.file) {
    await page
      .locator(".timeline .timeline__message--own button", { hasText: props.file.name })
      .waitFor({ timeout: 30_000 });
  }
  return violations;
}

/** Logs a demo counsellor in on the staff page; counsellors land in their inbox. */
export async function counsellorLogin(page: Page, stack: Stack, username: string): Promise<void> {
  await loadPage(page, "/staff");
  await page.fill("#staff-username", username);
  await page.fill("#staff-password", await demoPassword(stack, username));
  await page.locator("form button[type=submit]").click();
  await page.waitForURL("**/inbox", { timeout: 60_000 });
  await page.locator(".inbox-empty, .case-list").first().waitFor();
}

/** The messages of the case conversation on a staff case page, as a person finds them: the list named "Gespräch". */
export function staffMessages(page: Page) {
  return page.getByRole("list", { name: "Gespräch" }).getByRole("listitem");
}

/**
 * From the counsellor's inbox: opens the client's new enquiry by its name,
 * accepts it, waits until the enquiry is decrypted and, if asked, answers
 * and waits until the answer stands in the conversation.
 */
export async function acceptEnquiry(
  page: Page,
  props: { client: string; enquiry: string; reply?: string },
): Promise<void> {
  await page.getByRole("link", { name: props.client }).click({ timeout: 30_000 });
  await page.getByRole("button", { name: "Anfrage übernehmen", exact: true }).click();
  await staffMessages(page).filter({ hasText: props.enquiry }).waitFor({ timeout: 30_000 });
  if (props.reply === undefined) return;
  const answer = page.getByLabel("Antwort", { exact: true });
  await answer.fill(props.reply);
  await page.locator("form", { has: answer }).getByRole("button", { name: "Senden" }).click();
  await staffMessages(page).filter({ hasText: props.reply }).waitFor({ timeout: 30_000 });
}

/**
 * Every stored byte of the stack — database file, its WAL, blobs, anything
 * else in the data directory — plus the server's log, searched for each
 * text as UTF-8. Returns "text in where" for every hit.
 */
export async function plaintextHits(stack: Stack, texts: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  await walk(stack.dataDir);
  const hits: string[] = [];
  const haystacks: [string, Buffer][] = [["server log", Buffer.from(stack.logs(), "utf8")]];
  for (const file of files) haystacks.push([file.slice(stack.dataDir.length + 1), await readFile(file)]);
  for (const text of texts) {
    const needle = Buffer.from(text, "utf8");
    for (const [where, bytes] of haystacks)
      if (bytes.includes(needle)) hits.push(`${JSON.stringify(text)} in ${where}`);
  }
  if (!files.some((f) => f.endsWith(".sqlite"))) hits.push("no SQLite database found to search");
  return hits;
}

/**
 * Publishes a privacy notice of the demo organisation straight into its
 * SQLite database, as the documents page would after the four-eyes approval
 * (the demo publishes none). Returns nothing; the enquiry shows it.
 */
export async function publishDemoPrivacyNotice(stack: Stack, text: string, version = 1): Promise<void> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"));
  try {
    const admin = db.prepare("SELECT id, organisation_id FROM accounts WHERE username = 'demo-admin'").get() as {
      id: string;
      organisation_id: string;
    };
    const now = Date.now();
    // A later version supersedes the published one, as publishing in the console does.
    db.prepare(
      `UPDATE org_documents SET state = 'superseded', superseded_at = ? WHERE organisation_id = ?
         AND kind = 'privacy_notice' AND language = 'de' AND state = 'published'`,
    ).run(now, admin.organisation_id);
    db.prepare(
      `INSERT INTO org_documents (id, organisation_id, kind, language, state, version, sha256, text, created_by,
        created_at, approved_by, approved_at, published_by, published_at, superseded_at)
       VALUES (?, ?, 'privacy_notice', 'de', 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    ).run(
      randomBytes(16).toString("base64url"),
      admin.organisation_id,
      version,
      createHash("sha256").update(text, "utf8").digest("hex"),
      text,
      admin.id,
      now,
      admin.id,
      now,
      admin.id,
      now,
    );
  } finally {
    db.close();
  }
}
