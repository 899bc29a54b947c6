// SPDX-License-Identifier: AGPL-3.0-or-later
import { verifyAllVectors, type VectorFiles } from "@obhut/crypto/testing";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActor, launchChromium, type Actor } from "../src/browser";
import { buildCryptoHarness, serveCryptoHarness, type CryptoHarnessServer } from "../src/crypto-harness";
import { REPO_ROOT } from "../src/stack";
import type { CryptoHarness } from "../crypto-harness/main";

/**
 * @obhut/crypto in real Chromium under the production CSP: every checked-in
 * test vector passes (the same checks as in Node), and the benchmark runs.
 */
let harness: Awaited<ReturnType<typeof buildCryptoHarness>>;
let server: CryptoHarnessServer;
let browser: Browser;
let actor: Actor;

beforeAll(async () => {
  harness = await buildCryptoHarness();
  server = await serveCryptoHarness(harness.dir);
  browser = await launchChromium();
  actor = await createActor(browser, "crypto-harness", server.origin);
  const response = await actor.page.goto(server.origin + "/");
  expect(response?.headers()["content-security-policy"]).toBe(server.csp);
  await actor.page.waitForSelector("body[data-ready=true]");
});

afterAll(async () => {
  await actor?.context.close();
  await browser?.close();
  await server?.stop();
  await harness?.remove();
});

async function nodeVectors(): Promise<VectorFiles> {
  const read = async (file: string) =>
    JSON.parse(await readFile(join(REPO_ROOT, "test-vectors/crypto", file), "utf8")) as unknown;
  return {
    envelope: await read("envelope.json"),
    keyWrap: await read("key-wrap.json"),
    accountKeys: await read("account-keys.json"),
    attachmentStream: await read("attachment-stream.json"),
    orgLog: await read("org-log.json"),
    fingerprint: await read("fingerprint.json"),
    orgPins: await read("org-pins.json"),
    cannedReply: await read("canned-reply.json"),
  } as VectorFiles;
}

// Functions passed to page.evaluate run in the page: they must not reference test-side helpers.
type HarnessWindow = { obhutHarness: CryptoHarness };

describe("crypto in Chromium", () => {
  it("passes every test vector, the same checks as in Node", async () => {
    const inBrowser = await actor.page.evaluate(() =>
      (window as unknown as HarnessWindow).obhutHarness.verifyVectors(),
    );
    const inNode = await verifyAllVectors(await nodeVectors());
    expect(inBrowser.filter((r) => !r.ok)).toEqual([]);
    expect(inNode.filter((r) => !r.ok)).toEqual([]);
    expect(inBrowser.map((r) => `${r.file}/${r.name}`)).toEqual(inNode.map((r) => `${r.file}/${r.name}`));
    expect(inBrowser.length).toBeGreaterThan(20);
    expect(new Set(inBrowser.map((r) => r.file)).size).toBe(8);
  });

  it("runs the benchmark (small sizes; figures come from npm run bench:crypto-browser)", async () => {
    const result = await actor.page.evaluate(() =>
      (window as unknown as HarnessWindow).obhutHarness.runBenchmarks({ iterations: 20, streamMiB: 2 }),
    );
    expect(result.runtime).toMatch(/Chrome/);
    expect(result.sealAndSign1KiB.n).toBe(20);
    // Issue #14's rotation: 30 member wraps + team + archive, as createEpoch makes them for the web app.
    expect(result.epochRotation.threeTeamsOf10).toMatchObject({ wraps: 32, n: 20 });
    expect(result.epochRotation.threeTeamsOf10.p50Us).toBeGreaterThan(0);
    expect(result.attachmentStream.encryptMiBps).toBeGreaterThan(0);
    expect(result.argon2id.ms).toBeGreaterThan(0);
  });

  it("ran under the production CSP with WASM allowed and nothing else", async () => {
    // Nothing was violated while the vectors and the benchmark ran (OPAQUE and
    // Argon2id compiled their WASM under 'wasm-unsafe-eval').
    expect(actor.cspViolations).toEqual([]);
    // Positive control: the policy is really enforced; an inline script is refused.
    const ran = await actor.page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "document.body.dataset.inline = 'ran'";
      document.head.append(script);
      return document.body.dataset.inline ?? "blocked";
    });
    expect(ran).toBe("blocked");
    await expect
      .poll(() => actor.cspViolations.map((v) => `${v.directive} ${v.blockedURI}`))
      .toEqual(["script-src-elem inline"]);
    expect(actor.foreignRequests()).toEqual([]);
    expect(actor.pageErrors).toEqual([]);
  });
});
