// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { allRoutes } from "./routes/index";
import { multiLineText, singleLineText } from "./text";
import { ClientMessage } from "./ws";

describe("singleLineText / multiLineText", () => {
  const single = singleLineText({ max: 20 });
  const multi = multiLineText({ max: 20 });

  it("refuse NUL, other C0 controls and unpaired surrogates, without throwing", () => {
    for (const bad of ["a\u0000b", "\u0000", "x\u0001", "\u001b[2J", "\u001f", "a\ud800", "\udc00b", "\udfff\ud800"]) {
      expect(single.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(multi.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("keep tab, LF and CR in multi-line text only", () => {
    for (const lines of ["a\nb", "a\r\nb", "a\tb"]) {
      expect(multi.safeParse(lines).success, JSON.stringify(lines)).toBe(true);
      expect(single.safeParse(lines).success, JSON.stringify(lines)).toBe(false);
    }
  });

  it("accept any other Unicode, surrogate pairs included", () => {
    for (const ok of ["Jugendamt Mitte", "Straße 5", "😀 ok", "中文", "e\u0301", "\u007f\u0085\u200b", ""]) {
      expect(single.safeParse(ok).success, JSON.stringify(ok)).toBe(true);
      expect(multi.safeParse(ok).success, JSON.stringify(ok)).toBe(true);
    }
  });

  it("trim and bound the length when asked", () => {
    const trimmed = singleLineText({ min: 2, max: 5, trim: true });
    expect(trimmed.parse("  ab  ")).toBe("ab");
    expect(trimmed.safeParse("  a  ").success).toBe(false);
    expect(trimmed.safeParse("abcdef").success).toBe(false);
  });
});

/** Every string a client can send, found by walking the schema (objects, arrays, unions, wrappers, pipes). */
function stringsIn(schema: z.ZodType, path: string, out: { path: string; schema: z.ZodType }[]): void {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const walk = (s: unknown, p: string) => stringsIn(s as z.ZodType, p, out);
  switch (def.type) {
    case "string":
      out.push({ path, schema });
      return;
    case "object":
      for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) walk(value, `${path}.${key}`);
      return;
    case "array":
      return walk(def.element, `${path}[]`);
    case "record":
      walk(def.keyType, `${path}{key}`);
      return walk(def.valueType, `${path}{}`);
    case "union":
      (def.options as unknown[]).forEach((o, i) => walk(o, `${path}|${i}`));
      return;
    case "intersection":
      walk(def.left, path);
      return walk(def.right, path);
    case "pipe":
      // The input side is what arrives; a transform's output is checked by the pipe's second half. A string
      // checked on the way in reaches the second half only after it passed (e.g. SsoIssuer).
      walk(def.in, path);
      if ((def.in as z.ZodType)._zod.def.type === "string") return;
      return walk(def.out, path);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return walk(def.innerType, path);
    default:
      return;
  }
}

/** A string schema refuses NUL when one of its patterns does (text types, ids, base64, codes all have one). */
function refusesNul(schema: z.ZodType): boolean {
  type WithPattern = { pattern?: RegExp; checks?: { _zod: { def: { pattern?: RegExp } } }[] };
  const def = schema._zod.def as unknown as WithPattern;
  const patterns = [def.pattern, ...(def.checks ?? []).map((c) => c._zod.def.pattern)];
  return patterns.some((p) => p !== undefined && !p.test("a\u0000b") && !p.test("\u0000"));
}

describe("request schemas", () => {
  it("use a text type or a strict pattern for every string a client sends (issue #13: NUL was a 500 on PostgreSQL)", () => {
    const found: { path: string; schema: z.ZodType }[] = [];
    for (const route of allRoutes) {
      const name = `${route.method} ${route.path}`;
      if (route.params) stringsIn(route.params, `${name} params`, found);
      if (route.query) stringsIn(route.query, `${name} query`, found);
      if (route.body) stringsIn(route.body, `${name} body`, found);
    }
    stringsIn(ClientMessage, "websocket", found);
    expect(found.length).toBeGreaterThan(100);
    const open = found.filter((f) => !refusesNul(f.schema)).map((f) => f.path);
    expect(open).toEqual([]);
  });
});
