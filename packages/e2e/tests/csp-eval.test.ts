// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * The CSP has no 'unsafe-eval'. Zod, unless configured jitless, probes once
 * whether `new Function` works when the first schema is built; the browser
 * reports that probe as a `script-src` violation (issue #13: seen on these
 * pages, whose chunks build the protocol's schemas). A fresh context per
 * page, so each page is the first to load the schemas.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe("no eval probe", () => {
  for (const path of ["/staff/dsr", "/staff/documents", "/dpo/record"]) {
    it(`${path} loads without a CSP violation`, async () => {
      const actor = await stack.actor(`visitor ${path}`);
      await actor.page.goto(path, { waitUntil: "load" });
      await actor.page.locator("h1").waitFor({ state: "visible" });
      // The page's lazy chunks (with the schemas) are fetched and run by the time the network is quiet.
      await actor.page.waitForLoadState("networkidle");
      expect(actor.cspViolations).toEqual([]);
      expect(actor.pageErrors).toEqual([]);
    });
  }
});
