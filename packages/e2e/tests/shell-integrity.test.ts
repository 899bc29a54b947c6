// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActor, launchChromium } from "../src/browser";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

let stack: Stack;
let browser: Browser | undefined;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const sha384 = (data: ArrayBuffer) => "sha384-" + createHash("sha384").update(new Uint8Array(data)).digest("base64");

describe("served app shell", () => {
  it("comes with a strict CSP, and every script and stylesheet carries a matching SRI hash", async () => {
    const response = await fetch(`${stack.baseUrl}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    // Without these the "no CSP violations" browser checks would prove nothing.
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");

    const html = await response.text();
    const tags = [...html.matchAll(/<(script|link)\b[^>]*>/g)].map((m) => m[0]);
    const subresources = tags.filter(
      (t) => (t.startsWith("<script") && !t.includes('type="importmap"')) || /rel="(stylesheet|modulepreload)"/.test(t),
    );
    expect(subresources.length).toBeGreaterThanOrEqual(2);
    // The only inline script is the import map, allowed by exactly its hash.
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(inline.map((m) => m[1]!.trim())).toEqual(['type="importmap"']);
    const mapHash = "sha256-" + createHash("sha256").update(inline[0]![2]!, "utf8").digest("base64");
    expect(csp).toContain(`'${mapHash}'`);
    expect(csp.match(/'sha256-/g)).toHaveLength(1);
    expect(html).not.toMatch(/\bstyle="/); // no inline styles
    for (const tag of subresources) {
      const url = /\b(?:src|href)="([^"]+)"/.exec(tag)![1]!;
      const integrity = /\bintegrity="([^"]+)"/.exec(tag)?.[1];
      expect(tag).toMatch(/\bcrossorigin\b/);
      const asset = await fetch(new URL(url, stack.baseUrl));
      expect(integrity, url).toBe(sha384(await asset.arrayBuffer()));
    }
  });

  it("pins every lazily loaded chunk in the import map with the hash of what is served", async () => {
    const html = await (await fetch(`${stack.baseUrl}/`)).text();
    const map = JSON.parse(/<script type="importmap">([\s\S]*?)<\/script>/.exec(html)![1]!) as {
      integrity: Record<string, string>;
    };
    const manifest = (await (await fetch(`${stack.baseUrl}/asset-manifest.json`)).json()) as {
      files: Record<string, unknown>;
    };
    const entry = /<script\b[^>]*\bsrc="([^"]+)"/.exec(html)![1]!;
    const chunks = Object.keys(manifest.files).filter((p) => p.startsWith("/assets/") && p.endsWith(".js"));
    expect(chunks.length).toBeGreaterThan(3);
    expect(Object.keys(map.integrity).sort()).toEqual(chunks.filter((p) => p !== entry).sort());
    for (const [url, integrity] of Object.entries(map.integrity)) {
      const served = await fetch(`${stack.baseUrl}${url}`);
      expect(integrity, url).toBe(sha384(await served.arrayBuffer()));
    }
  });

  it("refuses a lazily loaded chunk whose bytes differ from the pinned hash", async () => {
    browser = await launchChromium();
    const tampered = await createActor(browser, "tampered", stack.baseUrl, { serviceWorkers: "block" });
    // Every chunk the login page loads lazily (all but the entry, index-*.js): which chunk holds the page's code
    // is the bundler's choice (small chunks are merged, vite.config.ts).
    await tampered.page.route(/\/assets\/(?!index-)[^/]+\.js$/, async (route) => {
      const original = await route.fetch();
      await route.fulfill({ response: original, body: (await original.text()) + "\n;globalThis.__pwned = true;" });
    });
    await tampered.page.goto("/login");
    await expect.poll(() => tampered.consoleErrors.join("\n")).toMatch(/integrity/i);
    expect(await tampered.page.evaluate(() => "__pwned" in globalThis)).toBe(false);
    expect(await tampered.page.locator("#login-password, input[type=password]").count()).toBe(0);

    const intact = await createActor(browser, "intact", stack.baseUrl, { serviceWorkers: "block" });
    await intact.page.goto("/login");
    await expect(intact.page.locator("input[type=password]").first().waitFor()).resolves.toBeUndefined();
    expect(intact.consoleErrors).toEqual([]);
  });

  it("publishes asset-manifest.json whose hashes match what is served", async () => {
    const manifest = (await (await fetch(`${stack.baseUrl}/asset-manifest.json`)).json()) as {
      buildHash: string;
      files: Record<string, { sha384: string; bytes: number }>;
    };
    expect(manifest.buildHash).toMatch(/^sha384-/);
    const paths = Object.keys(manifest.files);
    expect(paths).toContain("/index.html");
    expect(paths).toContain("/sw.js");
    for (const path of paths) {
      const served = await fetch(`${stack.baseUrl}${path}`);
      expect(served.status, path).toBe(200);
      expect(sha384(await served.arrayBuffer()), path).toBe(manifest.files[path]!.sha384);
    }
  });

  it("serves the service worker and web app manifest from the app origin", async () => {
    const sw = await fetch(`${stack.baseUrl}/sw.js`);
    expect(sw.headers.get("content-type")).toMatch(/javascript/);
    expect(await sw.text()).not.toContain("__OBHUT_BUILD_ID__");
    const manifest = await fetch(`${stack.baseUrl}/manifest.webmanifest`);
    const body = (await manifest.json()) as { name: string; icons: { src: string }[] };
    expect(body.name).toBe("Obhut");
    for (const icon of body.icons) {
      expect(icon.src.startsWith("/")).toBe(true);
      expect((await fetch(`${stack.baseUrl}${icon.src}`)).status).toBe(200);
    }
  });
});
