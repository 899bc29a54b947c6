// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Config } from "../../infra/config/config";

const allowedByConfig = new WeakMap<object, ReadonlySet<string>>();

/**
 * Whether a browser page of `origin` may act with the user's session: send a
 * state-changing request or open the WebSocket. Allowed are the PUBLIC_URL
 * origin and the operator's OBHUT_ALLOWED_ORIGINS, nothing derived from the
 * request (a Host header is whatever the client says). The session cookie is
 * SameSite=Strict, which stops other sites but not other origins of the same
 * site (another port, a sibling subdomain); this check stops those.
 *
 * No Origin header at all is allowed: browsers always send one on a WebSocket
 * handshake and on cross-origin requests, so its absence means a client that
 * is not a browser (the bench, scripts, tests), which holds the cookie itself.
 * `null` (sandboxed frames, some redirects) is an origin and is refused.
 *
 * Reads `config` on every call: the public URL is only final once the server
 * listens (port 0).
 */
export function isAllowedOrigin(config: Pick<Config, "publicUrl" | "allowedOrigins">, origin: string | undefined) {
  if (origin === undefined) return true;
  let allowed = allowedByConfig.get(config);
  if (!allowed) {
    allowed = new Set([new URL(config.publicUrl).origin, ...config.allowedOrigins]);
    allowedByConfig.set(config, allowed);
  }
  return allowed.has(origin);
}
