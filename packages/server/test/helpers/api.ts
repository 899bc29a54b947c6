// SPDX-License-Identifier: AGPL-3.0-or-later
import { allRoutes, type ErrorBody, type RouteDef } from "@obhut/protocol";
import type { z } from "zod";
import type { Send } from "./opaque-client";
import { injectSend, type TestServer } from "./server";

/**
 * A typed API client for the integration tests, driven by the route
 * definitions in @obhut/protocol: the route says which params, query and body
 * a call needs, and the answer's body is typed by the route's declared
 * success responses. Requests go through `injectSend`, so cookies and headers
 * are exactly what the untyped helpers send.
 *
 * The body type is a promise about success statuses only (the server checks
 * every success answer against its schema before sending it); a test that
 * expects an error reads it with `errorOf`. Deliberately invalid requests go
 * through `callRaw`, which takes any method, path and body.
 */

type Inputs<R extends RouteDef> = (R["params"] extends z.ZodObject
  ? { params: z.input<R["params"]> }
  : { params?: undefined }) &
  (R["query"] extends z.ZodObject ? { query?: z.input<R["query"]> } : { query?: undefined }) &
  (R["body"] extends z.ZodType ? { body: z.input<R["body"]> } : { body?: undefined }) & {
    headers?: Record<string, string>;
  };

/** The input of `call`, optional when the route needs neither params nor body. */
export type CallArgs<R extends RouteDef> = object extends Inputs<R> ? [input?: Inputs<R>] : [input: Inputs<R>];

/** Union of the route's declared success bodies (204 has none). */
export type SuccessBody<R extends RouteDef> = {
  [S in keyof R["responses"]]: R["responses"][S] extends z.ZodType ? z.infer<R["responses"][S]> : never;
}[keyof R["responses"]];

export interface ApiReply<B> {
  status: number;
  body: B;
  headers: Record<string, string | string[] | undefined>;
}

export interface ApiClient {
  call<R extends RouteDef>(route: R, ...args: CallArgs<R>): Promise<ApiReply<SuccessBody<R>>>;
  /** Escape hatch for bad-input tests: any method, path and body, untyped answer. */
  callRaw: Send;
}

/** `/api/cases/:caseId` + `{ caseId: "c 1" }` → `/api/cases/c%201`. Every placeholder must be given, and nothing else. */
export function fillPath(path: string, params: Record<string, unknown> = {}): string {
  const used = new Set<string>();
  const filled = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`${path}: missing path parameter ${name}`);
    used.add(name);
    return encodeURIComponent(String(value));
  });
  const extra = Object.keys(params).filter((k) => !used.has(k) && params[k] !== undefined);
  if (extra.length > 0) throw new Error(`${path}: unknown path parameter ${extra.join(", ")}`);
  return filled;
}

/** Query string in the given key order; undefined values are left out, arrays repeat their key. */
export function queryString(query: Record<string, unknown> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

const registered = new Set<RouteDef>(allRoutes);

/** A typed client over any `Send` (e.g. the one `loginClient` returns, whose cookie changes on login). */
export function api(send: Send): ApiClient {
  return {
    async call<R extends RouteDef>(route: R, ...args: CallArgs<R>): Promise<ApiReply<SuccessBody<R>>> {
      // Only routes the server registers: a test must not pass with a route object that was never served.
      if (!registered.has(route)) throw new Error(`${route.method} ${route.path} is not in allRoutes`);
      const input = (args[0] ?? {}) as {
        params?: object;
        query?: object;
        body?: unknown;
        headers?: Record<string, string>;
      };
      const url =
        fillPath(route.path, input.params as Record<string, unknown>) +
        queryString(input.query as Record<string, unknown>);
      const res = await send(route.method, url, input.body, input.headers);
      return res as ApiReply<SuccessBody<R>>;
    },
    callRaw: send,
  };
}

/** A typed client with `who`'s session cookie, or without a session. Each call of `apiAs` is a new client address. */
export function apiAs(server: TestServer, who?: { cookie: string }): ApiClient {
  const cookie = who?.cookie;
  return api(injectSend(server, cookie === undefined ? {} : { cookie: () => cookie }));
}

/** The error an error answer carries (every error uses `ErrorBody`). */
export function errorOf(reply: { body: unknown }): ErrorBody["error"] {
  return (reply.body as ErrorBody).error;
}
