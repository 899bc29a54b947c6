// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * npm run bench -w @obhut/crypto → one JSON object on stdout.
 * Uses only WebCrypto, performance.now() and console, so the same
 * `runBenchmarks()` can be bundled for Chromium (packages/e2e) to get the
 * browser figures the issue asks for.
 */
import { createDecryptStream, createEncryptStream, generateFileKey } from "../src/attachment-stream";
import { openMessage, sealMessage } from "../src/envelope";
import { createEpoch, encodeEpochRecord } from "../src/epochs";
import { wrapContext, wrapKey } from "../src/hpke";
import { generateEncryptionKeyPair, generateSigningKeyPair, randomBytes } from "../src/primitives";
import { DEFAULT_ARGON2ID_PARAMS, deriveArgon2idKey } from "../src/recovery-code";

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const us = (ms: number) => Math.round(ms * 1000 * 10) / 10;
  return {
    n: samples.length,
    meanUs: us(samples.reduce((a, b) => a + b, 0) / samples.length),
    p50Us: us(at(0.5)),
    p95Us: us(at(0.95)),
    p99Us: us(at(0.99)),
  };
}

async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i); // warm-up (JIT, key import caches)
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function streamThroughput(mib: number) {
  const key = generateFileKey();
  const piece = randomBytes(1024 * 1024);
  const source = () =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < mib; i++) c.enqueue(piece);
        c.close();
      },
    });
  const drain = async (s: ReadableStream<Uint8Array>) => {
    const r = s.getReader();
    const parts: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await r.read();
      if (done) return parts;
      parts.push(value);
    }
  };
  let t = performance.now();
  const ct = await drain(source().pipeThrough(createEncryptStream(key)));
  const encMs = performance.now() - t;
  t = performance.now();
  const ctSource = new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of ct) c.enqueue(p);
      c.close();
    },
  });
  await drain(ctSource.pipeThrough(createDecryptStream(key)));
  const decMs = performance.now() - t;
  const rate = (ms: number) => Math.round((mib / (ms / 1000)) * 10) / 10;
  return { sizeMiB: mib, encryptMiBps: rate(encMs), decryptMiBps: rate(decMs) };
}

/**
 * One epoch rotation as the web app makes it (packages/web/src/messaging/epoch-rotation.ts `nextEpoch`): a
 * fresh key, the record signed and chained to the previous one, HPKE wraps to the participants, the team's
 * current key and the archive key, the record encoded for the request. `participants` 1 is what a case
 * conversation gets (the client; counsellors read through the team key, ADR 0029); 30 is issue #14's
 * figure — three teams of ten, each member wrapped directly — plus team and archive: 32 wraps.
 */
async function epochRotation(participantCount: number, n: number) {
  const signer = generateSigningKeyPair();
  const member = () => ({
    signingKey: generateSigningKeyPair().publicKey,
    encryptionKey: generateEncryptionKeyPair().publicKey,
  });
  const participants = Array.from({ length: participantCount }, member);
  const team = { teamId: "bench-team", generation: 2, publicKey: generateEncryptionKeyPair().publicKey };
  const archiveKey = generateEncryptionKeyPair().publicKey;
  let previous = (
    await createEpoch({ conversationId: "bench", previous: null, participants, team, archiveKey, signer, timestamp: 1 })
  ).record;
  const samples = await time(n, async (i) => {
    const { record, epochKey, wraps } = await createEpoch({
      conversationId: "bench",
      previous,
      participants,
      team,
      archiveKey,
      signer,
      timestamp: 2 + i,
    });
    encodeEpochRecord(record);
    epochKey.fill(0);
    previous = record;
    return wraps;
  });
  return { participants: participantCount, wraps: participantCount + 2, ...stats(samples) };
}

function runtimeName(): string {
  const proc = (globalThis as { process?: { version?: string } }).process;
  if (proc?.version) return `node ${proc.version}`;
  return typeof navigator !== "undefined" ? navigator.userAgent : "unknown";
}

/** Logical processors as the runtime reports them (Chromium, Node ≥ 21), so a figure says where it was taken. */
function cores(): number | null {
  return typeof navigator !== "undefined" ? (navigator.hardwareConcurrency ?? null) : null;
}

export async function runBenchmarks(options: { iterations?: number; streamMiB?: number } = {}) {
  const n = options.iterations ?? 2000;
  const sender = generateSigningKeyPair();
  const epochKey = randomBytes(32);
  const plaintext = randomBytes(1024);
  const header = (i: number) => ({
    conversationId: "bench",
    epoch: 1,
    messageId: `m${i}`,
    timestamp: Date.now(),
    senderKeyId: sender.publicKey,
  });
  const blob = await sealMessage({
    header: header(0),
    plaintext,
    epochKey,
    sender,
  });

  const recipients = Array.from({ length: 100 }, () => generateEncryptionKeyPair().publicKey);
  const ctx = wrapContext("epoch-key", ["bench", 1, "participant"]);
  const wrapTo = async (count: number) =>
    await time(Math.max(5, Math.floor(200 / count)), () =>
      Promise.all(recipients.slice(0, count).map((r) => wrapKey(r, epochKey, ctx))),
    );

  const argonSalt = randomBytes(16);
  const argonStart = performance.now();
  await deriveArgon2idKey(randomBytes(16), argonSalt, DEFAULT_ARGON2ID_PARAMS);
  const argonMs = performance.now() - argonStart;

  return {
    runtime: runtimeName(),
    cores: cores(),
    sealAndSign1KiB: stats(await time(n, (i) => sealMessage({ header: header(i), plaintext, epochKey, sender }))),
    openAndVerify1KiB: stats(await time(n, () => openMessage(blob, { epochKey, senderPublicKey: sender.publicKey }))),
    hpkeWrap: {
      recipients1: stats(await wrapTo(1)),
      recipients10: stats(await wrapTo(10)),
      recipients100: stats(await wrapTo(100)),
    },
    epochRotation: {
      caseConversation: await epochRotation(1, Math.max(20, Math.floor(n / 10))),
      threeTeamsOf10: await epochRotation(30, Math.max(20, Math.floor(n / 20))),
    },
    attachmentStream: await streamThroughput(options.streamMiB ?? 64),
    argon2id: { params: DEFAULT_ARGON2ID_PARAMS, ms: Math.round(argonMs) },
  };
}

// Run directly (tsx bench/run.ts); when bundled for a browser, import runBenchmarks instead.
if (typeof navigator === "undefined" || !/Mozilla/.test(navigator.userAgent)) {
  console.log(JSON.stringify(await runBenchmarks(), null, 2));
}
