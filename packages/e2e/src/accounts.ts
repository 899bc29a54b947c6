// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { loadPage } from "./app";

/**
 * Helpers for the sign-up/login browser tests: driving the real forms,
 * capturing what the browser sends, and dumping everything the page could
 * have left on the device.
 */

export interface SentBody {
  url: string;
  method: string;
  body: string | null;
}

/** Records the URL and body of every request the context sends (pages and service worker). */
export function captureRequestBodies(context: BrowserContext): SentBody[] {
  const sent: SentBody[] = [];
  context.on("request", (request) => {
    sent.push({ url: request.url(), method: request.method(), body: request.postData() });
  });
  return sent;
}

/**
 * Everything the context's pages receive from the API: response bodies of
 * `/api/` requests and WebSocket frames, as text (for "never contains" checks).
 * `settled()` waits for bodies still being read.
 */
export function captureReceived(context: BrowserContext): { texts: string[]; settled: () => Promise<void> } {
  const texts: string[] = [];
  const pending: Promise<void>[] = [];
  context.on("response", (response) => {
    if (!new URL(response.url()).pathname.startsWith("/api/")) return;
    pending.push(
      response.text().then(
        (text) => void texts.push(text),
        () => undefined, // bodies of redirects and aborted requests cannot be read
      ),
    );
  });
  context.on("page", (page) => watchSockets(page, texts));
  for (const page of context.pages()) watchSockets(page, texts);
  return { texts, settled: async () => void (await Promise.all(pending)) };
}

function watchSockets(page: Page, texts: string[]): void {
  page.on("websocket", (socket) => socket.on("framereceived", (frame) => void texts.push(String(frame.payload))));
}

/** The password plus every fixed function of it a test can compute cheaply. */
export function passwordVariants(password: string): string[] {
  const bytes = Buffer.from(password, "utf8");
  const digest = createHash("sha256").update(bytes).digest();
  const forms = (b: Buffer) => [b.toString("hex"), b.toString("base64"), b.toString("base64url")];
  return [
    password,
    encodeURIComponent(password),
    ...forms(bytes),
    ...forms(digest),
    digest.toString("hex").toUpperCase(),
  ];
}

export async function fingerprintOnPage(page: Page): Promise<string> {
  // The account's own security code, by its label: a staff account page also lists the organisation's fingerprint.
  const list = page.getByRole("list", { name: /^(Sicherheitscode|Security code), 12 / });
  await list.getByRole("listitem").first().waitFor();
  return (await list.getByRole("listitem").allTextContents()).join(" ");
}

/**
 * Signs up through the UI (form → recovery code → account page) and returns
 * the recovery code shown and the fingerprint on the account page.
 */
export async function signUpInBrowser(
  page: Page,
  props: { username: string; password: string; recoveryCode?: boolean; fromStartPage?: boolean },
): Promise<{ recoveryCode: string | undefined; fingerprint: string }> {
  if (props.fromStartPage) {
    await loadPage(page, "/");
    await page.locator('a[href="/signup"].button').click();
    await page.waitForURL("**/signup");
  } else {
    await loadPage(page, "/signup");
  }
  await page.fill("#signup-username", props.username);
  await page.fill("#signup-password", props.password);
  await page.fill("#signup-passwordRepeat", props.password);
  const keepCode = props.recoveryCode ?? true;
  if (!keepCode) await page.uncheck("#signup-wantRecoveryCode");
  await page.locator("form button[type=submit]").click();
  let recoveryCode: string | undefined;
  if (keepCode) {
    await page.locator(".recovery-code__words li").first().waitFor();
    recoveryCode = (await page.locator(".recovery-code__words li").allTextContents()).join(" ");
    await page.check("#signup-code-confirm");
    await page.locator("form.recovery-code button[type=submit]").click();
  }
  await page.waitForURL("**/account", { timeout: 60_000 });
  return { recoveryCode, fingerprint: await fingerprintOnPage(page) };
}

export async function logInInBrowser(page: Page, props: { username: string; password: string; path?: string }) {
  const prefix = props.path === "/staff" ? "staff" : "login";
  await loadPage(page, props.path ?? "/login");
  await page.fill(`#${prefix}-username`, props.username);
  await page.fill(`#${prefix}-password`, props.password);
  await page.locator("form button[type=submit]").click();
}

export interface DeviceState {
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
  indexedDbNames: string[];
  /** "cacheName url" per Cache Storage entry. */
  cacheEntries: string[];
  /** Concatenated bodies of all cached responses, to grep for secrets. */
  cacheBodies: string;
  documentCookie: string;
}

/** Everything script-visible that this origin keeps on the device. */
export async function dumpDeviceState(page: Page): Promise<DeviceState> {
  return page.evaluate(async () => {
    const dump = (s: Storage) => {
      const out: Record<string, string> = {};
      for (let i = 0; i < s.length; i++) {
        const key = s.key(i)!;
        out[key] = s.getItem(key) ?? "";
      }
      return out;
    };
    const cacheEntries: string[] = [];
    let cacheBodies = "";
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        cacheEntries.push(`${name} ${request.url}`);
        const response = await cache.match(request);
        if (response) cacheBodies += await response.text();
      }
    }
    return {
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      indexedDbNames: (await indexedDB.databases()).map((d) => d.name ?? ""),
      cacheEntries,
      cacheBodies,
      documentCookie: document.cookie,
    };
  });
}

/** The display name tests give a staff member: recognisably different from the login name, which clients never see. */
export function displayNameFor(username: string): string {
  return `Fachkraft ${username.replace(/[^A-Za-z0-9]+/g, " ").trim()}`.slice(0, 64);
}

/** Fills the (German) display name field of a staff sign-up form by its visible label. */
export async function fillDisplayName(page: Page, displayName: string): Promise<void> {
  await page.getByLabel("Anzeigename", { exact: true }).fill(displayName);
}

/**
 * Staff sign-up from an invitation link already open in `page`: waits for the
 * organisation's name, sets display name, login name and password, confirms
 * the recovery code and arrives at the second-factor page (or at `arrives`, in an
 * organisation that does not ask staff for one, such as the demo).
 */
export async function signUpFromInvite(
  page: Page,
  props: { organisation: string; username: string; password: string; displayName?: string; arrives?: string },
): Promise<void> {
  await page.getByRole("status").filter({ hasText: props.organisation }).waitFor();
  await fillDisplayName(page, props.displayName ?? displayNameFor(props.username));
  await page.fill("#invite-username", props.username);
  await page.fill("#invite-password", props.password);
  await page.fill("#invite-passwordRepeat", props.password);
  await page.keyboard.press("Enter");
  await page.locator(".recovery-code__words li").first().waitFor({ timeout: 120_000 });
  await page.locator("#signup-code-confirm").check();
  await page.locator("form.recovery-code button[type=submit]").click();
  await page.waitForURL(`**${props.arrives ?? "/mfa"}`, { timeout: 120_000 });
}

/** Follows an entry of the staff shell (the main navigation, German) and waits for its page. */
export async function viaStaffShell(page: Page, name: string, path: string): Promise<void> {
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name, exact: true }).click();
  await page.waitForURL(`**${path}`);
}

/** "Abmelden" in the staff shell: one click; staff land on the staff login. */
export async function staffLogOut(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("button", { name: "Abmelden" }).click();
  await page.waitForURL("**/staff");
}
