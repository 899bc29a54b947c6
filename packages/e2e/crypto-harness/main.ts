// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Browser side of the crypto harness (packages/e2e/src/crypto-harness.ts):
 * bundles the same vector checks the Node tests run and the benchmark, and
 * exposes them to the test as `window.obhutHarness`. The vectors are fetched
 * from the harness server (same origin, `connect-src 'self'`).
 */
import { verifyAllVectors, type VectorFiles, type VectorResult } from "@obhut/crypto/testing";
import { runBenchmarks } from "../../crypto/bench/run";

const FILES: Record<keyof VectorFiles, string> = {
  envelope: "envelope.json",
  keyWrap: "key-wrap.json",
  accountKeys: "account-keys.json",
  attachmentStream: "attachment-stream.json",
  orgLog: "org-log.json",
  fingerprint: "fingerprint.json",
  orgPins: "org-pins.json",
  cannedReply: "canned-reply.json",
};

async function loadVectors(): Promise<VectorFiles> {
  const entries = await Promise.all(
    Object.entries(FILES).map(async ([key, file]) => {
      const response = await fetch(`/vectors/${file}`);
      if (!response.ok) throw new Error(`vector file ${file}: HTTP ${response.status}`);
      return [key, (await response.json()) as unknown] as const;
    }),
  );
  return Object.fromEntries(entries) as unknown as VectorFiles;
}

export interface CryptoHarness {
  verifyVectors(): Promise<VectorResult[]>;
  runBenchmarks: typeof runBenchmarks;
}

const harness: CryptoHarness = {
  verifyVectors: async () => verifyAllVectors(await loadVectors()),
  runBenchmarks,
};
(window as unknown as { obhutHarness: CryptoHarness }).obhutHarness = harness;
document.body.dataset.ready = "true";
