// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHmac } from "node:crypto";
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

async function call(baseUrl: string, method: "GET" | "POST", path: string, body?: unknown, cookie?: string) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

export interface StoredRoot {
  rootPublicKey: Uint8Array;
  /**
   * Where it was read: the verified org log through the API (after enrolling
   * TOTP when the server wants a second factor for staff), or — only if the
   * server demands a second factor but offers no enrolment — the database.
   */
  source: "api" | "api-after-totp" | "database";
}

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, "")) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 with the server's parameters (SHA-1, 6 digits, 30 s): what an authenticator app would show. */
export function totpCode(secret: string, now = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30_000)));
  const mac = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

const isMfaRequired = (res: { status: number; body: unknown }) =>
  res.status === 403 && (res.body as { error?: { code?: string } }).error?.code === "mfa_required";

/**
 * Reads the organisation root public key back from the server, independent
 * of the browser: OPAQUE login in Node, `GET /api/organisations/:orgId/log`,
 * decode and verify the chain, take the genesis entry's root key. If the
 * server wants a second factor first (403 mfa_required), enrol TOTP as a
 * first-time staff member would and read the log then.
 */
export async function storedRootKey(props: {
  baseUrl: string;
  dataDir: string;
  username: string;
  password: string;
  orgId: string;
}): Promise<StoredRoot> {
  const start = await startLogin(props.password);
  const r1 = await call(props.baseUrl, "POST", "/api/auth/login/start", {
    username: props.username,
    startLoginRequest: start.request,
  });
  if (r1.status !== 200) throw new Error(`login/start ${r1.status}`);
  const { loginId, loginResponse } = r1.body as { loginId: string; loginResponse: string };
  const done = await finishLogin({ password: props.password, state: start.state, response: loginResponse });
  const r2 = await call(props.baseUrl, "POST", "/api/auth/login/finish", {
    loginId,
    finishLoginRequest: done.finishRequest,
  });
  if (r2.status !== 200) throw new Error(`login/finish ${r2.status}`);
  const cookie = r2.headers.get("set-cookie")!.split(";")[0]!;
  const logPath = `/api/organisations/${props.orgId}/log`;
  let source: StoredRoot["source"] = "api";
  let log = await call(props.baseUrl, "GET", logPath, undefined, cookie);
  if (isMfaRequired(log)) {
    const enrol = await call(props.baseUrl, "POST", "/api/mfa/totp/enrol", undefined, cookie);
    if (enrol.status === 200) {
      const { secret } = enrol.body as { secret: string };
      const confirm = await call(props.baseUrl, "POST", "/api/mfa/totp/confirm", { code: totpCode(secret) }, cookie);
      if (confirm.status !== 200) throw new Error(`totp/confirm ${confirm.status} ${JSON.stringify(confirm.body)}`);
      source = "api-after-totp";
      log = await call(props.baseUrl, "GET", logPath, undefined, cookie);
    } else if (enrol.status !== 404) {
      throw new Error(`totp/enrol ${enrol.status} ${JSON.stringify(enrol.body)}`);
    } else {
      // The server wants a second factor but has no enrolment route yet (work in progress).
      return { rootPublicKey: await rootKeyFromDatabase(props.dataDir, props.orgId), source: "database" };
    }
  }
  if (log.status !== 200) throw new Error(`GET log ${log.status} ${JSON.stringify(log.body)}`);
  const entries = (log.body as { entries: { entry: string }[] }).entries.map((e) =>
    decodeOrgLogEntry(fromBase64Url(e.entry)),
  );
  return { rootPublicKey: verifyOrgLog(entries).rootSigningKey, source };
}

async function rootKeyFromDatabase(dataDir: string, orgId: string): Promise<Uint8Array> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(dataDir, "obhut.sqlite"), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT root_public_key FROM organisations WHERE id = ?").get(orgId) as
      { root_public_key: string } | undefined;
    if (!row) throw new Error("organisation row missing");
    return fromBase64Url(row.root_public_key);
  } finally {
    db.close();
  }
}

export const rootFingerprint = (root: StoredRoot): string => fingerprint(root.rootPublicKey, "signing");
