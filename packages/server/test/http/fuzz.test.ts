// SPDX-License-Identifier: AGPL-3.0-or-later
import { ERROR_STATUS, ErrorBody, allRoutes } from "@obhut/protocol";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { FUZZ_SEED } from "./fuzz-support";

/**
 * Property: whatever arrives at any route — wrong method, junk path
 * segments, malformed or hostile bodies — the answer is a 2xx/4xx with a
 * stable error code, never a 500, and the server keeps serving. WebSocket
 * frames: fuzz-websocket.test.ts; control characters in stored text on both
 * dialects: fuzz-text.test.ts.
 */
const junkSegment = fc.oneof(
  fc.constantFrom(
    "..",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e",
    "%00",
    "%C0%AE",
    "a".repeat(300),
    "%FF%FE",
    "😀",
    "null",
    "-1",
    "' OR 1=1 --",
  ),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);

const hostileJson = fc.oneof(
  fc.json(),
  fc.constantFrom(
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    "[".repeat(5000) + "]".repeat(5000),
    '{"username":"a","username":"b"}',
    "null",
    '"just a string"',
    "1e309",
    '{"token":' + '"x"'.repeat(1) + ',"extra":1}',
  ),
  fc.anything().map((v) => {
    try {
      return JSON.stringify(v) ?? "null";
    } catch {
      return "{}";
    }
  }),
  // Plausible shapes with wrong types, to get past JSON parsing into validation.
  fc
    .record({
      username: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      token: fc.oneof(fc.string(), fc.array(fc.string())),
      registrationRequest: fc.oneof(fc.string(), fc.base64String()),
      startLoginRequest: fc.string(),
      loginId: fc.string(),
      keyBundle: fc.object(),
    })
    .map((o) => JSON.stringify(o)),
);

/** A body with a short description, so a failing case prints readably (not a megabyte of bytes). */
function bodyOf(payload: Buffer, type: string) {
  return {
    payload,
    type,
    [fc.toStringMethod]: () =>
      `<${type || "no type"}: ${payload.length} bytes: ${JSON.stringify(payload.subarray(0, 80).toString("latin1"))}>`,
  };
}

const body = fc.oneof(
  hostileJson.map((s) => bodyOf(Buffer.from(s), "application/json")),
  fc
    .uint8Array({ minLength: 1, maxLength: 200 })
    .map((b) => bodyOf(Buffer.from([0xc3, 0x28, ...b]), "application/json")),
  fc
    .tuple(
      fc.string(),
      fc.constantFrom(
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        "",
      ),
    )
    .map(([s, t]) => bodyOf(Buffer.from(s), t)),
  fc.constant(null).map(() => bodyOf(Buffer.alloc(1024 * 1024 + 10, 0x61), "application/json")),
  fc.constant(undefined),
);

const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

describe("bad input never crashes the server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("answers every generated request with a 2xx/3xx/4xx and a stable error code", async () => {
    const route = fc.constantFrom(...allRoutes);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        route,
        method,
        fc.array(junkSegment, { maxLength: 2 }),
        body,
        fc.option(fc.string({ maxLength: 30 })),
        async (r, m, extra, b, query) => {
          n += 1;
          const path =
            r.path.replace(/:[A-Za-z]+/g, () => fc.sample(junkSegment, 1)[0]!) +
            (extra.length ? "/" + extra.join("/") : "") +
            (query ? `?q=${encodeURIComponent(query)}` : "");
          const res = await server.app.inject({
            method: m as "GET",
            url: path,
            // A fresh client address per request keeps the rate limiter out of the way of the property.
            remoteAddress: `10.${n % 250}.${(n >> 8) % 250}.${(n >> 16) % 250}`,
            ...(b && m !== "GET" && m !== "HEAD"
              ? { payload: b.payload, headers: b.type ? { "content-type": b.type } : {} }
              : {}),
          });
          const allowed503 = r.path === "/readyz" && res.statusCode === 503;
          expect(res.statusCode, `${m} ${path}`).toBeLessThan(500 + (allowed503 ? 4 : 0));
          if (res.statusCode >= 400 && m !== "HEAD") {
            const parsed = ErrorBody.safeParse(JSON.parse(res.body));
            expect(parsed.success, `${m} ${path} -> ${res.body.slice(0, 200)}`).toBe(true);
            if (parsed.success) expect(Object.keys(ERROR_STATUS)).toContain(parsed.data.error.code);
          }
        },
      ),
      { numRuns: 2000, seed: FUZZ_SEED },
    );
    const health = await server.app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(200);
  });

  it("rejects unknown fields, invalid UTF-8 and oversized bodies with specific codes", async () => {
    const post = (payload: string | Buffer, type = "application/json") =>
      server.app.inject({
        method: "POST",
        url: "/api/auth/login/start",
        payload,
        headers: { "content-type": type },
        remoteAddress: "10.255.0.1",
      });
    const unknownField = await post(
      JSON.stringify({ username: "alice", startLoginRequest: "A".repeat(40), admin: true }),
    );
    expect(unknownField.statusCode).toBe(400);
    expect(JSON.parse(unknownField.body).error.code).toBe("invalid_body");
    const badUtf8 = await post(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    expect(JSON.parse(badUtf8.body).error.code).toBe("invalid_encoding");
    const tooBig = await post(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(tooBig.statusCode).toBe(413);
    expect(JSON.parse(tooBig.body).error.code).toBe("payload_too_large");
    const malformed = await post("{nope");
    expect(JSON.parse(malformed.body).error.code).toBe("invalid_json");
    const wrongType = await post("username=alice", "application/x-www-form-urlencoded");
    expect(wrongType.statusCode).toBe(415);
    const proto = await post('{"__proto__":{"x":1},"username":"alice","startLoginRequest":"AAAAAAAAAAAAAAAAAAAA"}');
    expect(proto.statusCode).toBe(400);
  });

  it("never echoes submitted values in validation errors", async () => {
    const secret = "s3cr3t-value-that-must-not-echo";
    const res = await server.app.inject({
      method: "POST",
      url: "/api/setup/verify",
      payload: JSON.stringify({ token: secret + "!" }),
      headers: { "content-type": "application/json" },
      remoteAddress: "10.255.0.2",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain(secret);
  });
});
