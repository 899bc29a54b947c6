// SPDX-License-Identifier: AGPL-3.0-or-later
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * Every answer carries the security headers, `Cache-Control: no-store` and the
 * `{error:{code,message}}` shape, including the ones produced before or
 * outside Fastify's routing: a URL that does not decode, a request Node's
 * parser refuses (header too large, garbage request line), a WebSocket
 * handshake the `ws` library refuses, and requests arriving while the server
 * shuts down. These go over a raw socket: `inject` would not see them.
 */
interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `request` as is and parses every response the server writes before it closes the connection. */
function raw(url: string, request: string | Buffer): Promise<RawResponse[]> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(parseResponses(Buffer.concat(chunks))));
    socket.write(request);
  });
}

function parseResponses(data: Buffer): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = data;
  while (rest.length > 0) {
    const end = rest.indexOf("\r\n\r\n");
    if (end < 0) throw new Error(`incomplete response: ${rest.toString("latin1")}`);
    const [statusLine, ...lines] = rest.subarray(0, end).toString("latin1").split("\r\n");
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(statusLine!.split(" ")[1]);
    const length = status < 200 ? 0 : Number(headers["content-length"] ?? rest.length - end - 4);
    const body = rest.subarray(end + 4, end + 4 + length).toString("utf8");
    rest = rest.subarray(end + 4 + length);
    if (status !== 100) responses.push({ status, headers, body });
  }
  return responses;
}

function expectErrorAnswer(res: RawResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  const csp = res.headers["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers["referrer-policy"]).toBe("no-referrer");
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  expect(res.headers["x-frame-options"]).toBe("DENY");
  expect(res.headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(res.headers["cross-origin-resource-policy"]).toBe("same-origin");
  expect(res.headers["permissions-policy"]).toContain("camera=()");
  expect(res.headers["cache-control"]).toBe("no-store");
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
}

const get = (path: string, headers = "") => `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headers}\r\n`;
const post = (path: string, type: string, body: string, headers = "") =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: ${type}\r\n` +
  `Content-Length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`;

describe("error answers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { OBHUT_RATE_LIMITS: "public=1" } });
  });
  afterAll(() => server.stop());

  const cases: [string, () => string, number, string][] = [
    ["a URL that does not decode (GET /%)", () => get("/%"), 400, "bad_request"],
    [
      "a header over Node's limit (431)",
      () => get("/healthz", `X-Big: ${"a".repeat(20 * 1024)}\r\n`),
      431,
      "bad_request",
    ],
    ["a request line Node cannot parse", () => "NOT A REQUEST\r\n\r\n", 400, "bad_request"],
    [
      "a body over the limit (413)",
      () =>
        `POST /api/auth/login/start HTTP/1.1\r\nHost: x\r\nConnection: close\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${5 * 1024 * 1024}\r\n\r\n{`,
      413,
      "payload_too_large",
    ],
    [
      "a body that is not JSON",
      () => post("/api/auth/login/start", "application/json", "{not json"),
      400,
      "invalid_json",
    ],
    [
      "a body of another media type (415)",
      () => post("/api/auth/login/start", "application/xml", "<a/>"),
      415,
      "unsupported_media_type",
    ],
    [
      "a request from another origin",
      () => post("/api/auth/login/start", "application/json", "{}", "Origin: http://evil.example\r\n"),
      403,
      "forbidden",
    ],
    ["an unknown API path", () => get("/api/does-not-exist"), 404, "not_found"],
    [
      "a method the path does not have",
      () => `DELETE /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      405,
      "method_not_allowed",
    ],
    [
      "a WebSocket handshake the ws library refuses",
      () => get("/ws", "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"),
      400,
      "bad_request",
    ],
  ];

  it.each(cases)("%s", async (_name, request, status, code) => {
    const responses = await raw(server.url, request());
    expect(responses).toHaveLength(1);
    expectErrorAnswer(responses[0]!, status, code);
  });

  it("a request over the rate limit (429)", async () => {
    const [first] = await raw(server.url, get("/api/version"));
    expect(first!.status).toBe(200);
    const [second] = await raw(server.url, get("/api/version"));
    expectErrorAnswer(second!, 429, "rate_limited");
    expect(Number(second!.headers["retry-after"])).toBeGreaterThan(0);
  });
});

describe("error answers while shutting down", () => {
  it("answers a request that arrives during shutdown with 503 unavailable and the headers", async () => {
    const server = await startTestServer();
    try {
      const { hostname, port } = new URL(server.url);
      const socket = net.connect(Number(port), hostname);
      const chunks: Buffer[] = [];
      const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
      // The first request is in progress (headers read, body outstanding), so shutdown cannot drop the
      // connection as idle; "100 Continue" tells us the server has read its headers.
      const continued = new Promise<void>((resolve) =>
        socket.on("data", (chunk) => {
          chunks.push(chunk);
          if (Buffer.concat(chunks).includes("100 Continue")) resolve();
        }),
      );
      socket.write(
        "POST /api/auth/login/start HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
          "Content-Length: 2\r\nExpect: 100-continue\r\n\r\n",
      );
      await continued;
      const stopped = server.stop();
      while (server.app.server.listening) await new Promise((r) => setImmediate(r));
      // The rest of the first body and a second request on the same connection, now that the server is closing.
      socket.write("{}" + get("/api/version").replace("Connection: close\r\n", ""));
      await closed;
      await stopped;
      const responses = parseResponses(Buffer.concat(chunks));
      expect(responses.length).toBeGreaterThanOrEqual(1);
      const last = responses.at(-1)!;
      expectErrorAnswer(last, 503, "unavailable");
      expect(last.headers.connection).toBe("close");
    } finally {
      await server.stop();
    }
  });
});
