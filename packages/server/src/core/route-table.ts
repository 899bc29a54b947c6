// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BodyOf, ParamsOf, QueryOf, RouteDef } from "@obhut/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "./actor";
import type { AppContext } from "./context";

/**
 * What a module's routes.ts sees of the HTTP layer: it adds handlers for
 * protocol routes to a table, and app/http/register-route.ts runs each through
 * the one pipeline (authenticate → validate → handler → response check).
 * Modules never import app/.
 */
export interface HandlerInput<R extends RouteDef> {
  ctx: AppContext;
  body: BodyOf<R>;
  params: ParamsOf<R>;
  query: QueryOf<R>;
  actor: R["auth"] extends "session" ? Actor : Actor | undefined;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface HandlerResult<R extends RouteDef> {
  status: keyof R["responses"] & number;
  body: unknown;
}

export type Handler<R extends RouteDef> = (input: HandlerInput<R>) => Promise<HandlerResult<R> | { raw: true }>;

export interface RouteOptions {
  /** Accept raw bytes (application/octet-stream) up to this size on this route only. */
  octetStreamLimit?: number;
}

export interface RouteTable {
  add<R extends RouteDef>(route: R, handler: NoInfer<Handler<R>>, options?: RouteOptions): void;
}
