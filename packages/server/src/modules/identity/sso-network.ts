// SPDX-License-Identifier: AGPL-3.0-or-later
import dns from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { CustomFetch } from "openid-client";
import { issuerPrefix, type Config } from "../../infra/config/config";
import { AppError } from "../../core/errors";
import { blockedRange } from "./sso-addresses";

/**
 * The one way out of the server for SSO (issue #13, finding 10). An
 * organisation admin chooses the issuer and the provider's discovery document
 * chooses the token, keys and userinfo endpoints; without these rules either
 * could aim the server's requests at its own loopback ports, the local
 * network or a cloud metadata service. openid-client sends every request of
 * the flow through `ssoFetch` (its `customFetch` hook), which:
 *
 * - refuses http:// and loopback / private / special addresses unless the
 *   operator allows insecure issuers (development, tests) or listed the
 *   origin in OBHUT_SSO_ISSUERS (an internal IdP the operator vouches for);
 * - resolves the host itself, checks every address, and connects to exactly
 *   the checked address (the socket's `lookup` is pinned), so a DNS answer
 *   that changes between check and connect (rebinding) gains nothing;
 * - follows no redirects, stops after REQUEST_TIMEOUT_MS and reads at most
 *   MAX_RESPONSE_BYTES.
 */
export const REQUEST_TIMEOUT_MS = 10_000;
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface SsoNetworkSettings {
  /** http:// and any address are allowed (OBHUT_SSO_ALLOW_INSECURE_ISSUERS). */
  allowInsecure: boolean;
  /** Issuer prefixes from OBHUT_SSO_ISSUERS (config.issuerPrefix form); empty: any issuer. */
  issuers: readonly string[];
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Host name → addresses; the system resolver unless a caller passes another. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

export function ssoNetworkSettings(config: Pick<Config, "ssoAllowInsecureIssuers" | "ssoIssuers">): SsoNetworkSettings {
  return { allowInsecure: config.ssoAllowInsecureIssuers, issuers: config.ssoIssuers };
}

/**
 * A request the settings forbid. `reason` says which rule (for the log); the
 * message never names the address, so the answer cannot map the network.
 */
export class SsoDestinationRefused extends AppError {
  readonly reason: string;
  constructor(reason: string) {
    super("sso_issuer_not_allowed", "This server's settings do not allow this identity provider address");
    this.name = "SsoDestinationRefused";
    this.reason = reason;
  }
}

/** A transport failure, described by its error code only (Node's messages name addresses and ports). */
export class SsoRequestFailed extends Error {
  constructor(what: string) {
    super(`Request to the identity provider failed (${what})`);
    this.name = "SsoRequestFailed";
  }
}

/** The first SsoDestinationRefused in an error's cause chain (openid-client wraps what the fetch throws). */
export function destinationRefusal(err: unknown): SsoDestinationRefused | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if (e instanceof SsoDestinationRefused) return e;
  return undefined;
}

function listed(settings: SsoNetworkSettings, url: URL): boolean {
  const key = issuerPrefix(url);
  return settings.issuers.some((p) => key === p || key.startsWith(`${p}/`));
}

/** The operator vouches for this origin: insecure issuers allowed, or an allow-list entry on the same origin. */
function trusted(settings: SsoNetworkSettings, url: URL): boolean {
  return settings.allowInsecure || settings.issuers.some((p) => new URL(p).origin === url.origin);
}

/** The issuer itself: on the allow-list when there is one. Checked before anything is resolved or fetched. */
export function assertIssuerAllowed(settings: SsoNetworkSettings, issuer: URL): void {
  if (settings.issuers.length > 0 && !listed(settings, issuer)) throw new SsoDestinationRefused("issuer_not_listed");
}

/** Checks one request target and returns the addresses it may connect to (resolved once, here). */
export async function checkDestination(
  settings: SsoNetworkSettings,
  url: URL,
  resolve: Resolver = systemResolver,
): Promise<ResolvedAddress[]> {
  const vouched = trusted(settings, url);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && vouched))
    throw new SsoDestinationRefused("insecure_protocol");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const family = net.isIP(host);
  let addresses: ResolvedAddress[];
  if (family !== 0) {
    addresses = [{ address: host, family }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (err) {
      throw new SsoRequestFailed((err as NodeJS.ErrnoException).code ?? "lookup");
    }
  }
  if (addresses.length === 0) throw new SsoRequestFailed("ENOTFOUND");
  if (!vouched) {
    // Every address, not just the first: the connection may use any of them.
    for (const a of addresses) {
      const range = blockedRange(a.address);
      if (range !== null) throw new SsoDestinationRefused(`address_${range}`);
    }
  }
  return addresses;
}

/** A socket `lookup` that only ever answers with the addresses checked before. */
function pinnedLookup(addresses: ResolvedAddress[]): net.LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
    const done = callback as (err: NodeJS.ErrnoException | null, address: unknown, family?: number) => void;
    if (usable.length === 0) {
      done(Object.assign(new Error("no checked address of this family"), { code: "ENOTFOUND" }), undefined);
      return;
    }
    if (options.all) done(null, usable);
    else done(null, usable[0]!.address, usable[0]!.family);
  };
}

/**
 * A fetch for openid-client's `customFetch`: the destination rules above,
 * the address pinned, no redirects, a deadline and a size cap.
 */
export function createSsoFetch(
  settings: SsoNetworkSettings,
  options: { timeoutMs?: number; maxBytes?: number; resolve?: Resolver } = {},
): CustomFetch {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_RESPONSE_BYTES;
  return async (input, init) => {
    const url = new URL(input);
    // One deadline for everything: name resolution, connection, answer.
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    const addresses = await beforeDeadline(checkDestination(settings, url, options.resolve), signal);
    // Let the platform serialise body and headers exactly as fetch would.
    const request = new Request(url, {
      method: init.method,
      headers: init.headers,
      body: (init.body ?? null) as BodyInit | null,
      ...(init.duplex ? { duplex: init.duplex } : {}),
    } as RequestInit);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = { ...Object.fromEntries(request.headers), "accept-encoding": "identity" };
    if (body) headers["content-length"] = String(body.length);
    return send({ url, method: request.method, headers, body, addresses, signal, maxBytes });
  };
}

function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new SsoRequestFailed("timeout"));
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function send(props: {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  addresses: ResolvedAddress[];
  signal: AbortSignal;
  maxBytes: number;
}): Promise<Response> {
  const { url, method, headers, body, addresses, signal, maxBytes } = props;
  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: { response: Response } | { error: Error }) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      if ("error" in outcome) {
        req.destroy();
        reject(outcome.error);
      } else {
        resolve(outcome.response);
      }
    };
    const onAbort = () => finish({ error: new SsoRequestFailed("timeout") });
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const req = (url.protocol === "https:" ? https : http).request({
      host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method,
      headers: { ...headers, host: url.host },
      // A fresh connection per request: pooled sockets would skip the pinned lookup.
      agent: false,
      lookup: pinnedLookup(addresses),
      ...(url.protocol === "https:" && net.isIP(host) === 0 ? { servername: host } : {}),
    });
    req.on("error", (err: NodeJS.ErrnoException) => finish({ error: new SsoRequestFailed(err.code ?? err.name) }));
    req.on("response", (res) => {
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBytes) {
        finish({ error: new SsoRequestFailed("response too large") });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) finish({ error: new SsoRequestFailed("response too large") });
        else chunks.push(chunk);
      });
      res.on("error", (err: NodeJS.ErrnoException) => finish({ error: new SsoRequestFailed(err.code ?? err.name) }));
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
          responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const empty = method === "HEAD" || [204, 205, 304].includes(status);
        try {
          const response = new Response(empty ? null : Buffer.concat(chunks), {
            status,
            statusText: res.statusMessage ?? "",
            headers: responseHeaders,
          });
          finish({ response });
        } catch {
          finish({ error: new SsoRequestFailed(`status ${status}`) });
        }
      });
    });
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    req.end(body);
  });
}
