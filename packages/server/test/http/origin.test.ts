// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/infra/config/config";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * State-changing requests are accepted from the PUBLIC_URL origin and the
 * operator's explicit list only (OBHUT_ALLOWED_ORIGINS), never from whatever
 * the Host header claims. The body below is invalid on purpose: an accepted
 * request gets 400 invalid_body, a refused one 403 forbidden.
 */
const ALLOWED = "https://intranet.example.org";

describe("cross-origin check", () => {
  let server: TestServer;
  let publicOrigin: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { OBHUT_ALLOWED_ORIGINS: `${ALLOWED}, http://localhost:1` } });
    publicOrigin = new URL(server.ctx.config.publicUrl).origin;
  });
  afterAll(() => server.stop());

  const post = (headers: Record<string, string>) =>
    server.app.inject({
      method: "POST",
      url: "/api/auth/login/start",
      payload: "{}",
      headers: { "content-type": "application/json", ...headers },
    });

  it("refuses another origin even when the Host header is forged to match it", async () => {
    const res = await post({ origin: "http://evil.example", host: "evil.example" });
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "forbidden" } });
  });

  it("refuses the bound address when it is not the public URL", async () => {
    const bound = new URL(server.url);
    expect(bound.origin).not.toBe(publicOrigin);
    const res = await post({ origin: bound.origin, host: bound.host });
    expect(res.statusCode).toBe(403);
  });

  it("refuses the opaque origin null", async () => {
    expect((await post({ origin: "null" })).statusCode).toBe(403);
  });

  it.each([
    ["the PUBLIC_URL origin", () => publicOrigin],
    ["an origin on the operator's list", () => ALLOWED],
  ])("accepts %s", async (_name, origin) => {
    const res = await post({ origin: origin() });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "invalid_body" } });
  });

  it("accepts a request without Origin (not a browser)", async () => {
    expect((await post({})).statusCode).toBe(400);
  });
});

describe("OBHUT_ALLOWED_ORIGINS", () => {
  const load = (value: string | undefined) => loadConfig({ allowedOrigins: value }, {}, "/tmp");

  it("is empty by default", () => {
    expect(load(undefined).allowedOrigins).toEqual([]);
  });

  it("takes a comma-separated list of origins, normalised as browsers send them", () => {
    expect(load("https://A.example.org/, http://localhost:5173,https://b.example:443").allowedOrigins).toEqual([
      "https://a.example.org",
      "http://localhost:5173",
      "https://b.example",
    ]);
  });

  it.each([
    "example.org",
    "https://example.org/path",
    "ftp://example.org",
    "https://user@example.org",
    "https://a.example?x",
    "*",
  ])("refuses %s", (value) => {
    expect(() => load(value)).toThrow(ConfigError);
    expect(() => load(value)).toThrow(/OBHUT_ALLOWED_ORIGINS/);
  });
});
