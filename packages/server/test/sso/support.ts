// SPDX-License-Identifier: AGPL-3.0-or-later
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { finishLogin, startLogin } from "@obhut/crypto";
import { SsoUnlockFinish, SsoUnlockStart } from "@obhut/protocol";
import { api, type ApiClient } from "../helpers/api";
import type { Send } from "../helpers/opaque-client";
import { injectSend, type TestServer } from "../helpers/server";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/oidc-provider.mjs");

export const CLIENT_ID = "obhut";
export const CLIENT_SECRET = "obhut-test-secret";

export interface IdpProcess {
  issuer: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real `oidc-provider` fixture as its own process on a free port of 127.0.0.1. */
export async function startIdp(redirectUri: string): Promise<IdpProcess> {
  const child = spawn(process.execPath, [FIXTURE], {
    env: {
      ...process.env,
      OIDC_REDIRECT_URIS: redirectUri,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`OIDC provider did not start:\n${err}`)), 30_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { issuer: string }).issuer);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`OIDC provider exited (${code}):\n${err}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return {
    issuer,
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A minimal cookie jar: name → value, deletions honoured, paths ignored (names are distinct here). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(setCookie: string | string[] | undefined | null): void {
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair, ...attrs] = c.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string | undefined {
    return this.cookies.size ? [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") : undefined;
  }
}

/** A browser talking to Obhut: its own cookie jar (session and SSO binding cookies); `api` is the typed client over `send`. */
export function obhutBrowser(server: TestServer): { send: Send; api: ApiClient; jar: CookieJar } {
  const jar = new CookieJar();
  const inner = injectSend(server, { cookie: () => jar.header() });
  const send: Send = async (...args) => {
    const res = await inner(...args);
    jar.take(res.headers["set-cookie"]);
    return res;
  };
  return { send, api: api(send), jar };
}

/**
 * What a person does at the identity provider: follow its redirects, fill
 * the development login form (login name; the password is ignored) and
 * confirm the consent form, until it redirects to Obhut's callback. Returns
 * that callback URL with the code, state and iss parameters.
 */
export async function signInAtIdp(authorizationUrl: string, login: string, callbackPrefix: string): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  let init: { method: string; body?: string } = { method: "GET" };
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      method: init.method,
      redirect: "manual",
      headers: {
        ...(jar.header() ? { cookie: jar.header()! } : {}),
        ...(init.body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(init.body ? { body: init.body } : {}),
    });
    jar.take(res.headers.getSetCookie());
    if (res.status >= 300 && res.status < 400) {
      await res.arrayBuffer();
      const next = new URL(res.headers.get("location")!, url);
      if (next.toString().startsWith(callbackPrefix)) return next;
      url = next;
      init = { method: "GET" };
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`identity provider answered ${res.status}: ${html.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no form on the identity provider's page: ${html.slice(0, 500)}`);
    url = new URL(action, url);
    const form = new URLSearchParams({ prompt, ...(prompt === "login" ? { login, password: "ignored" } : {}) });
    init = { method: "POST", body: form.toString() };
  }
  throw new Error("too many steps at the identity provider");
}

export function callbackBody(callback: URL): { state: string; code: string; iss?: string } {
  const iss = callback.searchParams.get("iss");
  return {
    state: callback.searchParams.get("state")!,
    code: callback.searchParams.get("code")!,
    ...(iss ? { iss } : {}),
  };
}

/** The key-password step after the callback: OPAQUE for the account SSO identified. */
export async function unlockWithPassword(send: Send, password: string) {
  const client = api(send);
  const start = await startLogin(password);
  const r1 = await client.call(SsoUnlockStart, { body: { startLoginRequest: start.request } });
  if (r1.status !== 200) return r1;
  const { loginId, loginResponse } = r1.body;
  let finishLoginRequest: string;
  try {
    finishLoginRequest = (await finishLogin({ password, state: start.state, response: loginResponse })).finishRequest;
  } catch {
    // A wrong password fails on the client; send a junk proof so the server counts it like a real client would.
    finishLoginRequest = Buffer.alloc(64, 7).toString("base64url");
  }
  return client.call(SsoUnlockFinish, { body: { loginId, finishLoginRequest } });
}
