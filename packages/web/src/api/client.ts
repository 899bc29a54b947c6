// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BodyOf, ErrorCode, ParamsOf, QueryOf, ResponseOf, RouteDef } from "@obhut/protocol";

/**
 * Tiny typed API client. Route shapes come from @obhut/protocol as *types
 * only*: importing the zod schemas at runtime would put all of zod into the
 * initial bundle of the client area. An `Endpoint<typeof X>` literal is still
 * checked against the protocol's method and path literals at compile time,
 * so a path typo or a changed route fails `tsc`.
 */
export type Endpoint<R extends RouteDef> = Pick<R, "method" | "path">;

/** Codes the client itself produces, in addition to the server's stable codes. */
export type ClientErrorCode = "network_error" | "invalid_response";

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly status: number,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

type SuccessStatus<R extends RouteDef> = Extract<keyof R["responses"], 200 | 201 | 202 | 204>;
export type SuccessOf<R extends RouteDef> = ResponseOf<R, SuccessStatus<R>>;

export interface RequestInput<R extends RouteDef> {
  params?: ParamsOf<R>;
  /** Query string; undefined values are left out. */
  query?: QueryOf<R>;
  body?: BodyOf<R>;
  signal?: AbortSignal;
}

/** A request that reached the server: when it was sent (by this browser's clock) and the answer's status. */
export interface ServerAnswer {
  sentAt: number;
  status: number;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  baseUrl?: string;
  /** Told of every answer from the server (not of network failures). */
  onAnswer?: (answer: ServerAnswer) => void;
}

export function fillPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/** `?a=1&b=x` from the defined values (numbers and strings), or "" when there are none. */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

export function createApiClient(options: ApiClientOptions = {}) {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = options.baseUrl ?? "";

  async function request<R extends RouteDef>(
    endpoint: Endpoint<R>,
    input: RequestInput<R> = {},
  ): Promise<SuccessOf<R>> {
    const headers: Record<string, string> = { Accept: "application/json" };
    const init: RequestInit = {
      method: endpoint.method,
      credentials: "same-origin",
      headers,
      cache: "no-store",
    };
    if (input.signal) init.signal = input.signal;
    if (input.body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(input.body);
    }
    const url =
      baseUrl +
      fillPath(endpoint.path, input.params as Record<string, string> | undefined) +
      queryString(input.query as Record<string, unknown> | undefined);

    let response: Response;
    const sentAt = Date.now();
    try {
      response = await doFetch(url, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      throw new ApiError("network_error", "The server could not be reached", 0);
    }
    options.onAnswer?.({ sentAt, status: response.status });

    if (response.status === 204) return undefined as SuccessOf<R>;
    const data: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      if (data === undefined) throw new ApiError("invalid_response", "Response was not JSON", response.status);
      return data as SuccessOf<R>;
    }
    throw toApiError(data, response.status);
  }

  return { request };
}

/** Maps `{"error":{"code","message"}}` to ApiError; anything else is `invalid_response`. */
export function toApiError(data: unknown, status: number): ApiError {
  if (typeof data === "object" && data !== null && "error" in data) {
    const error = (data as { error: unknown }).error;
    if (typeof error === "object" && error !== null) {
      const { code, message, issues } = error as { code?: unknown; message?: unknown; issues?: unknown };
      if (typeof code === "string" && /^[a-z_]+$/.test(code)) {
        return new ApiError(
          // The server only sends codes from the protocol's ERROR_STATUS table.
          code as ErrorCode,
          typeof message === "string" ? message : code,
          status,
          Array.isArray(issues) ? (issues as { path: string; message: string }[]) : [],
        );
      }
    }
  }
  return new ApiError("invalid_response", `Unexpected response (HTTP ${status})`, status);
}

export type ApiClient = ReturnType<typeof createApiClient>;

const answerListeners = new Set<(answer: ServerAnswer) => void>();

/**
 * Listens to the answers the app's API client gets. The server counts every
 * request as activity of the session; the staff idle warning
 * (staff/idle-watch.ts) counts with the same requests.
 */
export function onServerAnswer(listener: (answer: ServerAnswer) => void): () => void {
  answerListeners.add(listener);
  return () => answerListeners.delete(listener);
}

/** Tells the listeners of an answer that did not come through the API client (a WebSocket send's ack). */
export function reportServerAnswer(answer: ServerAnswer): void {
  for (const listener of answerListeners) listener(answer);
}

export const api: ApiClient = createApiClient({ onAnswer: reportServerAnswer });
