// SPDX-License-Identifier: AGPL-3.0-or-later
import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/infra/config/config";
import {
  checkDestination,
  createSsoFetch,
  SsoDestinationRefused,
  SsoRequestFailed,
  type Resolver,
  type SsoNetworkSettings,
} from "../../src/modules/identity/sso-network";
import { startConnectionCounter } from "./local-servers";

/**
 * The guarded fetch every SSO request goes through. Connections are made to
 * 127.0.0.1 / 127.0.0.2 only; checks of other addresses use checkDestination,
 * which resolves and judges but never connects.
 */
const DEFAULTS: SsoNetworkSettings = { allowInsecure: false, issuers: [] };
const INSECURE: SsoNetworkSettings = { allowInsecure: true, issuers: [] };

/** A resolver with fixed answers that counts its questions (no DNS traffic). */
function fixedResolver(answers: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    const list = answers[hostname];
    if (!list) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

describe("SSO network guard", () => {
  let probe: Awaited<ReturnType<typeof startConnectionCounter>>;
  let server: http.Server;
  let port: number;
  const seen: { url: string; host: string; body: string; contentType: string }[] = [];

  beforeAll(async () => {
    probe = await startConnectionCounter();
    // Listens on 127.0.0.2 only: reaching it proves the connection used the pinned answer, not the system resolver.
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (d: Buffer) => (body += d.toString()));
      req.on("end", () => {
        seen.push({
          url: req.url ?? "",
          host: req.headers.host ?? "",
          body,
          contentType: req.headers["content-type"] ?? "",
        });
        if (req.url === "/hang") return; // never answers
        if (req.url === "/redirect") {
          res.writeHead(302, { location: `http://127.0.0.1:${probe.port}/` }).end();
          return;
        }
        if (req.url === "/big") {
          res.writeHead(200, { "content-type": "application/json" });
          res.write("x".repeat(800));
          res.end("x".repeat(800)); // chunked: no content-length to trust
          return;
        }
        if (req.url === "/big-declared") {
          res.writeHead(200, { "content-type": "application/json", "content-length": "5000" }).end("x".repeat(5000));
          return;
        }
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await probe.stop();
  });

  it("refuses loopback targets by default without connecting, and says so without the address", async () => {
    const guarded = createSsoFetch(DEFAULTS);
    for (const url of [
      `http://127.0.0.1:${probe.port}/`,
      `https://127.0.0.1:${probe.port}/`,
      `https://localhost:${probe.port}/`,
      `https://[::ffff:127.0.0.1]:${probe.port}/`,
      `https://[::1]:${probe.port}/`,
    ]) {
      const err = await guarded(url, { method: "GET", headers: {}, body: undefined, redirect: "manual" }).catch(
        (e: unknown) => e,
      );
      expect(err, url).toBeInstanceOf(SsoDestinationRefused);
      expect((err as Error).message).not.toContain("127.0.0.1");
      expect((err as Error).message).not.toContain(String(probe.port));
    }
    expect(probe.connections()).toBe(0);
  });

  it("judges every resolved address, not just the first", async () => {
    const resolve = fixedResolver({
      "mixed.example": ["93.184.216.34", "10.0.0.7"],
      "v6.example": ["2606:4700:4700::1111", "fd00::7"],
      "meta.example": ["169.254.169.254"],
      "public.example": ["93.184.216.34", "2606:4700:4700::1111"],
    });
    for (const host of ["mixed.example", "v6.example", "meta.example"])
      await expect(checkDestination(DEFAULTS, new URL(`https://${host}/`), resolve), host).rejects.toBeInstanceOf(
        SsoDestinationRefused,
      );
    await expect(checkDestination(DEFAULTS, new URL("https://public.example/"), resolve)).resolves.toHaveLength(2);
    // http only where the operator vouches for the origin.
    await expect(checkDestination(DEFAULTS, new URL("http://public.example/"), resolve)).rejects.toBeInstanceOf(
      SsoDestinationRefused,
    );
    await expect(
      checkDestination(
        { allowInsecure: false, issuers: ["http://public.example/realm"] },
        new URL("http://public.example/x"),
        resolve,
      ),
    ).resolves.toHaveLength(2);
    // A name that does not resolve is unreachable, not refused.
    await expect(checkDestination(DEFAULTS, new URL("https://nowhere.example/"), resolve)).rejects.toBeInstanceOf(
      SsoRequestFailed,
    );
  });

  it("connects to exactly the address it checked (pinned lookup), and sends the body as fetch would", async () => {
    const resolve = fixedResolver({ "idp.internal.example": ["127.0.0.2"] });
    const guarded = createSsoFetch(INSECURE, { resolve });
    const res = await guarded(`http://idp.internal.example:${port}/token`, {
      method: "POST",
      headers: { accept: "application/json" },
      body: new URLSearchParams({ grant_type: "authorization_code", code: "abc" }),
      redirect: "manual",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(resolve.asked).toEqual(["idp.internal.example"]);
    const last = seen[seen.length - 1]!;
    expect(last).toMatchObject({ url: "/token", host: `idp.internal.example:${port}` });
    expect(last.body).toBe("grant_type=authorization_code&code=abc");
    expect(last.contentType).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it("follows no redirect, stops at the deadline and at the size cap", async () => {
    const guarded = createSsoFetch(INSECURE, { timeoutMs: 300, maxBytes: 1000 });
    const get = (path: string) =>
      guarded(`http://127.0.0.2:${port}${path}`, { method: "GET", headers: {}, body: undefined, redirect: "manual" });

    const redirect = await get("/redirect");
    expect(redirect.status).toBe(302);
    expect(probe.connections()).toBe(0);

    await expect(get("/hang")).rejects.toThrow(/timeout/);
    await expect(get("/big")).rejects.toThrow(/too large/);
    await expect(get("/big-declared")).rejects.toThrow(/too large/);
    expect((await get("/small")).status).toBe(200);

    // The deadline covers name resolution too.
    const stuck = createSsoFetch(INSECURE, { timeoutMs: 200, resolve: () => new Promise(() => {}) });
    await expect(
      stuck("http://idp.internal.example/", { method: "GET", headers: {}, body: undefined, redirect: "manual" }),
    ).rejects.toThrow(/timeout/);
  });
});

describe("SSO settings", () => {
  it("reads the allow-list as issuer prefixes and refuses entries that are not plain URLs", () => {
    const config = loadConfig(
      {},
      { OBHUT_SSO_ISSUERS: " https://IdP.example.org:443/realms/a/ ,https://login.example.com", PORT: "0" },
    );
    expect(config.ssoIssuers).toEqual(["https://idp.example.org/realms/a", "https://login.example.com"]);
    expect(config.ssoAllowInsecureIssuers).toBe(false);
    expect(loadConfig({}, { OBHUT_SSO_ALLOW_INSECURE_ISSUERS: "true" }).ssoAllowInsecureIssuers).toBe(true);
    for (const bad of [
      "idp.example.org",
      "ftp://idp.example.org",
      "https://idp.example.org/?x",
      "https://u:p@idp.example.org",
    ])
      expect(() => loadConfig({}, { OBHUT_SSO_ISSUERS: bad }), bad).toThrow(/OBHUT_SSO_ISSUERS/);
    expect(() => loadConfig({}, { OBHUT_SSO_ALLOW_INSECURE_ISSUERS: "yes" })).toThrow(
      /OBHUT_SSO_ALLOW_INSECURE_ISSUERS/,
    );
  });
});
