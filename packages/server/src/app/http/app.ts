// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import http from "node:http";
import type { Duplex } from "node:stream";
import rateLimit from "@fastify/rate-limit";
import websocket from "@fastify/websocket";
import type { ErrorBody, RateClass } from "@obhut/protocol";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from "fastify";
import { Redis } from "ioredis";
import { DEFAULT_RATE_LIMITS } from "../../infra/config/config";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import { registerApiRoutes } from "./routes";
import { registerRealtime } from "../realtime/socket";
import { createErrorHandler, errorBody } from "./errors";
import { isAllowedOrigin } from "./origin";
import { securityHeaders } from "./security-headers";
import { chooseEncoding, inlineScriptHashes, loadStaticFiles } from "./static-files";

declare module "fastify" {
  interface FastifyContextConfig {
    rateClass?: RateClass | "static";
  }
}

/** Default requests per minute per client and class; authentication is the strictest. */
export const RATE_LIMITS = DEFAULT_RATE_LIMITS;

const JSON_BODY_LIMIT = 1024 * 1024;

export interface BuildAppOptions {
  /** Extra cleanup on close (e.g. the Redis client of the rate limiter). */
  onClose?: () => Promise<void>;
}

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const https = ctx.config.publicUrl.startsWith("https:");
  const { files } = loadStaticFiles(ctx.config.webDir);
  const index = files.get("/index.html")!;
  const headers = securityHeaders({ https, inlineScriptHashes: inlineScriptHashes(index.body.toString("utf8")) });
  // Error answers are never cached, whatever the path.
  const errorHeaders = { ...headers, "cache-control": "no-store" };
  let closing = false;

  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    // We log requests ourselves (onResponse): method, route, status, duration; never the client address.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: JSON_BODY_LIMIT,
    // A number means "trust the n-th hop" (documented by Fastify, missing from its types).
    trustProxy: ctx.config.trustProxy as boolean | string,
    requestIdHeader: false,
    genReqId: () => crypto.randomBytes(8).toString("base64url"),
    // Requests that arrive during shutdown get our 503 (onRequest below), not Fastify's bare one.
    return503OnClosing: false,
    forceCloseConnections: "idle",
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
    // Errors Fastify raises before routing (e.g. malformed percent-encoding) get our error shape and
    // headers too; this reply skips the onSend hook.
    frameworkErrors: (error, _request, reply) => {
      void (reply as unknown as FastifyReply)
        .status(400)
        .headers(errorHeaders)
        .send(
          errorBody(
            "bad_request",
            error.code === "FST_ERR_BAD_URL" ? "The URL is not valid" : "The request is not valid",
          ),
        );
    },
    // Requests Node's parser refuses before Fastify sees them (header too large, garbage, timeout).
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      if (error.code === "ECONNRESET" || socket.destroyed) return;
      const [status, message] =
        error.code === "HPE_HEADER_OVERFLOW"
          ? [431, "The request headers are too large"]
          : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
            ? [408, "The request took too long"]
            : [400, "The request is not valid"];
      writeRawError(socket, status, errorBody("bad_request", message), errorHeaders);
    },
  });

  // Decode strictly: invalid UTF-8 is an error, not silently replaced characters.
  const defaultJsonParser = app.getDefaultJsonParser("error", "error");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = decoder.decode(body as Buffer);
    } catch {
      done(new AppError("invalid_encoding", "The body is not valid UTF-8"), undefined);
      return;
    }
    void defaultJsonParser(request, text, done);
  });

  app.setErrorHandler(createErrorHandler(ctx.logger));

  app.addHook("preClose", async () => {
    closing = true;
  });

  app.addHook("onRequest", async (request, reply) => {
    if (closing) {
      reply.header("connection", "close");
      throw new AppError("unavailable", "The server is shutting down; please try again");
    }
    // Cross-site request forgery: state-changing requests from another origin are refused. The
    // WebSocket (a GET) checks the same rule in realtime/socket.ts.
    if (request.method !== "GET" && request.method !== "HEAD" && !isAllowedOrigin(ctx.config, request.headers.origin))
      throw new AppError("forbidden", "Cross-origin requests are not allowed");
  });

  app.addHook("onSend", async (request, reply, payload) => {
    reply.headers(headers);
    const url = request.url;
    if (
      reply.statusCode >= 400 ||
      url.startsWith("/api/") ||
      url === "/healthz" ||
      url === "/readyz" ||
      url.startsWith("/metrics")
    ) {
      reply.header("cache-control", "no-store");
    }
    return payload;
  });

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    const seconds = reply.elapsedTime / 1000;
    ctx.metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    // Method, route pattern, status, duration: no IP, no query, no body.
    ctx.logger.info(
      { reqId: request.id, method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      "request",
    );
  });

  const hmacKey = Buffer.from(ctx.secrets.rateLimitKey, "base64url");
  let limiterRedis: Redis | undefined;
  if (ctx.config.redisUrl) {
    limiterRedis = new Redis(ctx.config.redisUrl, {
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      enableOfflineQueue: true,
    });
    limiterRedis.on("error", () => undefined);
    app.addHook("onClose", async () => {
      limiterRedis?.disconnect();
    });
  }
  await app.register(rateLimit, {
    global: true,
    hook: "onRequest",
    timeWindow: 60_000,
    ...(limiterRedis ? { redis: limiterRedis, nameSpace: "obhut-rl:" } : {}),
    skipOnError: true,
    // Client addresses are only ever used here, HMAC-ed, never stored in clear or logged.
    keyGenerator: (request) => {
      const cls = request.routeOptions.config.rateClass ?? "api";
      const ip = crypto.createHmac("sha256", hmacKey).update(request.ip).digest("base64url").slice(0, 22);
      return `${cls}:${ip}`;
    },
    max: (request) => ctx.config.rateLimits[request.routeOptions.config.rateClass ?? "api"],
    onExceeded: (request) => {
      ctx.metrics.rateLimited.inc({ class: request.routeOptions.config.rateClass ?? "api" });
    },
    errorResponseBuilder: (_request, context) =>
      new AppError("rate_limited", "Too many requests; please wait a moment", {
        headers: { "retry-after": String(Math.max(1, Math.ceil(context.ttl / 1000))) },
      }),
  });

  await app.register(websocket, { options: { maxPayload: 256 * 1024 } });
  // A handshake the ws library refuses (no key, wrong version…) is answered here instead of in its bare HTML.
  app.websocketServer.on("wsClientError", (_error: Error, socket: Duplex) => {
    writeRawError(socket, 400, errorBody("bad_request", "The WebSocket handshake is not valid"), errorHeaders);
  });

  registerApiRoutes(app, ctx);
  await registerRealtime(app, ctx);

  app.get("/*", { config: { rateClass: "static" } }, async (request, reply) => {
    const pathname = request.url.split("?")[0] ?? "/";
    if (pathname.startsWith("/api/") || pathname === "/api") {
      throw new AppError("not_found", "No such API endpoint");
    }
    const file = files.get(pathname) ?? (pathname.includes(".") && !pathname.endsWith(".html") ? undefined : index);
    if (!file) throw new AppError("not_found", "Not found");
    const encoding = chooseEncoding(file, request.headers["accept-encoding"]);
    // One ETag per representation, so a cache never answers gzip bytes to a Brotli request.
    const etag = encoding ? `${file.etag.slice(0, -1)}-${encoding}"` : file.etag;
    reply.header("cache-control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    reply.header("etag", etag);
    if (file.encoded.br || file.encoded.gzip) reply.header("vary", "accept-encoding");
    if (request.headers["if-none-match"] === etag) return reply.status(304).send();
    if (encoding) reply.header("content-encoding", encoding);
    return reply.type(file.type).send(encoding ? file.encoded[encoding] : file.body);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const code = request.method === "GET" || request.method === "HEAD" ? "not_found" : "method_not_allowed";
    return reply
      .status(code === "not_found" ? 404 : 405)
      .send(errorBody(code, code === "not_found" ? "Not found" : "This method is not allowed here"));
  });

  return app;
}

/**
 * An error answer written straight to the socket, for the few refusals that
 * happen before Fastify has a request (Node's parser, the ws handshake). Same
 * headers and body shape as every other answer; the connection is closed.
 */
function writeRawError(socket: Duplex, status: number, body: ErrorBody, headers: Record<string, string>): void {
  // Only where nothing of a response has gone out yet, so the peer never sees a corrupted stream.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const json = JSON.stringify(body);
  const all: Record<string, string> = {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(json)),
    connection: "close",
  };
  const head = Object.entries(all).map(([name, value]) => `${name}: ${value}`);
  socket.once("finish", () => socket.destroy());
  socket.end([`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? "Error"}`, ...head, "", json].join("\r\n"));
}
