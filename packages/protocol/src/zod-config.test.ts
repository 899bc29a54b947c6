// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it, vi } from "vitest";

/**
 * The web app's CSP has no 'unsafe-eval'. Zod probes whether `new Function`
 * works (and compiles fast object parsers with it) unless it runs jitless;
 * in the browser that probe alone is reported as a CSP violation (issue #13).
 */
describe("zod configuration", () => {
  it("builds and runs the protocol's schemas without ever calling the Function constructor", async () => {
    const calls: unknown[][] = [];
    const RealFunction = globalThis.Function;
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args: unknown[]) {
        calls.push(args);
        return Reflect.construct(target, args) as object;
      },
      apply(target, self, args: unknown[]) {
        calls.push(args);
        return Reflect.apply(target, self, args) as unknown;
      },
    });
    try {
      vi.resetModules();
      const protocol = await import("./index");
      expect(protocol.ErrorBody.parse({ error: { code: "internal", message: "x" } })).toBeTruthy();
      expect(protocol.ClientMessage.safeParse({ type: "ping", id: "p" }).success).toBe(true);
      const { z } = await import("zod");
      expect(z.config().jitless).toBe(true);
    } finally {
      globalThis.Function = RealFunction;
    }
    expect(calls).toEqual([]);
  });
});
