// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
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
    const subresources = tags.filter((t) => t.startsWith("<script") || /rel="(stylesheet|modulepreload)"/.test(t));
    expect(subresources.length).toBeGreaterThanOrEqual(2);
    expect(html).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
    expect(html).not.toMatch(/\bstyle="/); // no inline styles
    for (const tag of subresources) {
      const url = /\b(?:src|href)="([^"]+)"/.exec(tag)![1]!;
      const integrity = /\bintegrity="([^"]+)"/.exec(tag)?.[1];
      expect(tag).toMatch(/\bcrossorigin\b/);
      const asset = await fetch(new URL(url, stack.baseUrl));
      expect(integrity, url).toBe(sha384(await asset.arrayBuffer()));
    }
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
