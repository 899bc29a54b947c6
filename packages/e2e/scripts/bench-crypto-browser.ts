// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * npm run bench:crypto-browser -w @obhut/e2e
 *
 * Runs @obhut/crypto's runBenchmarks() in real Chromium (headless, Debian's
 * /usr/bin/chromium) on the harness page served with the production CSP,
 * and prints one JSON object: seal+sign / open+verify of 1 KiB, HPKE wrap
 * for 1/10/100 recipients, an epoch rotation (1 and 30 participants + team +
 * archive, as the web app makes it), attachment stream MiB/s, Argon2id time.
 * Options: --iterations N (default 2000), --stream-mib N (default 64).
 */
import { launchChromium } from "../src/browser";
import { buildCryptoHarness, serveCryptoHarness } from "../src/crypto-harness";
import type { CryptoHarness } from "../crypto-harness/main";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

const iterations = option("--iterations", 2000);
const streamMiB = option("--stream-mib", 64);

const harness = await buildCryptoHarness();
const server = await serveCryptoHarness(harness.dir);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(server.origin + "/");
  await page.waitForSelector("body[data-ready=true]");
  const result = await page.evaluate(
    (options) => (window as unknown as { obhutHarness: CryptoHarness }).obhutHarness.runBenchmarks(options),
    { iterations, streamMiB },
  );
  if (errors.length > 0) throw new Error(`console errors in the harness page:\n${errors.join("\n")}`);
  console.log(JSON.stringify({ ...result, browser: browser.version(), csp: server.csp }, null, 2));
} finally {
  await browser.close();
  await server.stop();
  await harness.remove();
}
