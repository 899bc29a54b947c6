// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, PAGES } from "../src/app";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe("service worker", () => {
  it("caches hashed app assets but never /api/ responses", async () => {
    const [visitor] = await stack.actors("visitor");
    const page = visitor!.page;
    await loadPage(page, "/");
    // Reload until the worker controls the page, so later loads go through it.
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    for (const { path } of PAGES) await loadPage(page, path);
    const statuses = await page.evaluate(async () => {
      const urls = ["/api/version", "/api/version", "/api/auth/session", "/api/no-such-route"];
      const out: number[] = [];
      for (const url of urls) out.push((await fetch(url, { credentials: "same-origin" })).status);
      return out;
    });
    expect(statuses[0]).toBe(200);

    const cached = await page.evaluate(async () => {
      const entries: string[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) entries.push(`${name} ${new URL(request.url).pathname}`);
      }
      return entries;
    });
    const paths = cached.map((e) => e.split(" ")[1]!);
    expect(paths.filter((p) => p.startsWith("/api") || p.startsWith("/ws"))).toEqual([]);
    // Everything in the cache is a hashed asset or the shell itself.
    expect(paths.filter((p) => !/^\/assets\/[\w.-]+-[\w-]{8,}\.\w+$/.test(p) && p !== "/index.html")).toEqual([]);
    // Positive control: the worker does cache the app code.
    expect(paths.some((p) => p.startsWith("/assets/") && p.endsWith(".js"))).toBe(true);
    expect(visitor!.foreignRequests()).toEqual([]);
  });
});
