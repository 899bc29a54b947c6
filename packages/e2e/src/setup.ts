// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from "node:path";
import { decodeOrgLogEntry, fingerprint, finishLogin, fromBase64Url, startLogin, verifyOrgLog } from "@obhut/crypto";
import type { Page } from "playwright-core";
import { axeViolations } from "./a11y";
import { LANGUAGES, VIEWPORTS } from "./app";

/**
 * Helpers for the first-start setup browser tests: keyboard-only driving,
 * axe in every language and width, and an independent, Node-side reading of
 * the organisation root key the server stored.
 */

/** Presses Tab until `selector` has focus (keyboard only; fails after `max` presses). */
export async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`keyboard focus never reached ${selector}`);
}

/** Tabs to a field and types into it, like a person without a mouse. */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/**
 * axe-core in German and English at 360 px and desktop width, on the page
 * as it is now. Switches language with the in-page switcher (state is kept)
 * and restores German and the original viewport afterwards.
 */
export async function axeEverywhere(page: Page, label: string): Promise<string[]> {
  const original = page.viewportSize();
  const found: string[] = [];
  for (const language of LANGUAGES) {
    await page.locator(`.language-switcher__button[lang=${language}]`).click();
    await page.locator(`html[lang=${language}]`).waitFor({ state: "attached" });
    for (const [name, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      for (const v of await axeViolations(page)) found.push(`${label} ${language} ${name}: ${v}`);
    }
  }
  await page.locator(".language-switcher__button[lang=de]").click();
  await page.locator("html[lang=de]").waitFor({ state: "attached" });
  if (original) await page.setViewportSize(original);
  return found;
}

async function postJson(baseUrl: string, path: string, body: unknown, cookie?: string) {
  const response = await fetch(baseUrl + path, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

export interface StoredRoot {
  /** Base64url root public key as the server keeps it. */
  rootPublicKey: Uint8Array;
  /** Where it was read: the verified org log through the API, or the database if a second factor blocks the API. */
  source: "api" | "database";
}

/**
 * Reads the organisation root public key back from the server, independent
 * of the browser: OPAQUE login in Node, `GET /api/organisations/:orgId/log`,
 * decode and verify the chain, take the genesis entry's root key. If the
 * server requires a second factor for staff first (403 mfa_required), the
 * same value is read from the organisation row in the SQLite database.
 */
export async function storedRootKey(props: {
  baseUrl: string;
  dataDir: string;
  username: string;
  password: string;
  orgId: string;
}): Promise<StoredRoot> {
  const start = await startLogin(props.password);
  const r1 = await postJson(props.baseUrl, "/api/auth/login/start", {
    username: props.username,
    startLoginRequest: start.request,
  });
  if (r1.status !== 200) throw new Error(`login/start ${r1.status}`);
  const { loginId, loginResponse } = r1.body as { loginId: string; loginResponse: string };
  const done = await finishLogin({ password: props.password, state: start.state, response: loginResponse });
  const r2 = await postJson(props.baseUrl, "/api/auth/login/finish", {
    loginId,
    finishLoginRequest: done.finishRequest,
  });
  if (r2.status !== 200) throw new Error(`login/finish ${r2.status}`);
  const cookie = r2.headers.get("set-cookie")!.split(";")[0]!;
  const log = await postJson(props.baseUrl, `/api/organisations/${props.orgId}/log`, undefined, cookie);
  if (log.status === 403 && (log.body as { error?: { code?: string } }).error?.code === "mfa_required") {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(join(props.dataDir, "obhut.sqlite"), { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT root_public_key FROM organisations WHERE id = ?").get(props.orgId) as
        { root_public_key: string } | undefined;
      if (!row) throw new Error("organisation row missing");
      return { rootPublicKey: fromBase64Url(row.root_public_key), source: "database" };
    } finally {
      db.close();
    }
  }
  if (log.status !== 200) throw new Error(`GET log ${log.status} ${JSON.stringify(log.body)}`);
  const entries = (log.body as { entries: { entry: string }[] }).entries.map((e) =>
    decodeOrgLogEntry(fromBase64Url(e.entry)),
  );
  const state = verifyOrgLog(entries);
  return { rootPublicKey: state.rootSigningKey, source: "api" };
}

export const rootFingerprint = (root: StoredRoot): string => fingerprint(root.rootPublicKey, "signing");
