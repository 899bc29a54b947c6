// SPDX-License-Identifier: AGPL-3.0-or-later
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * Structured logs that never contain IP addresses, message content, request
 * bodies, query strings, cookies or tokens. Requests are logged as method,
 * route pattern and status only; the query string is dropped because setup
 * and invite tokens could end up there if someone pastes a link wrongly.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "obhut" },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Defence in depth: if anyone ever logs one of these keys, blank it.
      redact: {
        paths: [
          "*.password",
          "*.token",
          "*.authorization",
          "*.cookie",
          "*.ciphertext",
          "*.body",
          "*.ip",
          "*.remoteAddress",
          "req.headers",
        ],
        censor: "[redacted]",
      },
      serializers: {
        req: (req: { method?: string; url?: string; routeOptions?: { url?: string }; id?: string }) => ({
          id: req.id,
          method: req.method,
          route: req.routeOptions?.url ?? stripQuery(req.url),
        }),
        res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}

function stripQuery(url: string | undefined): string | undefined {
  if (!url) return url;
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}
