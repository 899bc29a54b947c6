// SPDX-License-Identifier: AGPL-3.0-or-later
import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Who may call a route; the server maps each kind to one pre-handler. */
export type AuthKind = "none" | "session" | "metrics";

/**
 * Rate-limit class of a route. Each class has its own budget per client key;
 * "auth" is the strictest because it guards password-equivalent operations.
 */
export type RateClass = "auth" | "api" | "public" | "setup";

export interface RouteDef {
  readonly method: HttpMethod;
  /** Fastify-style path, e.g. `/api/conversations/:id/messages`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: AuthKind;
  readonly rate: RateClass;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Success responses by status code. Errors always use `ErrorBody`. */
  readonly responses: Readonly<Record<number, z.ZodType>>;
  /** Non-JSON response (e.g. Prometheus text); documented, not validated. */
  readonly produces?: string;
  /** Non-JSON request body (e.g. raw encrypted chunks); documented as binary. */
  readonly consumes?: string;
}

/** Identity function that keeps the literal type of a route definition. */
export function defineRoute<const T extends RouteDef>(route: T): T {
  return route;
}

export type BodyOf<R extends RouteDef> = R["body"] extends z.ZodType ? z.infer<R["body"]> : undefined;
export type ParamsOf<R extends RouteDef> = R["params"] extends z.ZodObject
  ? z.infer<R["params"]>
  : Record<string, never>;
export type QueryOf<R extends RouteDef> = R["query"] extends z.ZodObject ? z.infer<R["query"]> : Record<string, never>;
export type ResponseOf<R extends RouteDef, S extends keyof R["responses"] = 200> = R["responses"][S] extends z.ZodType
  ? z.infer<R["responses"][S]>
  : never;
