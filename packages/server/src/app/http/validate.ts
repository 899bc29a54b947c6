// SPDX-License-Identifier: AGPL-3.0-or-later
import type { z } from "zod";

export interface Issue {
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; data: T } | { ok: false; issues: Issue[]; threw: boolean };

function issuesOf(error: z.ZodError): Issue[] {
  // Paths and messages only: never echo the offending value back or into logs.
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.join(".") || "(root)", message: i.message }));
}

/**
 * `safeParse` for everything a client sends (HTTP parts and WebSocket
 * frames). Zod keeps running a string's refinements after an earlier check
 * failed, so a refinement that calls `new URL`, `BigInt` or `JSON.parse` can
 * throw on hostile input; that is still invalid input — a 400 with the usual
 * validation code — and never a 500 or a dead connection. `threw` lets the
 * caller log that a schema needs fixing (without the value).
 */
export function validateInput<S extends z.ZodType>(schema: S, value: unknown): Validated<z.output<S>> {
  let parsed: z.ZodSafeParseResult<z.output<S>>;
  try {
    parsed = schema.safeParse(value);
  } catch {
    return { ok: false, issues: [{ path: "(root)", message: "is not valid" }], threw: true };
  }
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, issues: issuesOf(parsed.error), threw: false };
}
