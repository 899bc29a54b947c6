// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Shared vector checks, runnable in Node (vitest) and in Chromium (the e2e
 * package bundles this module with Vite and passes it the same JSON).
 *
 *   verifyAllVectors(vectors: VectorFiles): Promise<VectorResult[]>
 *
 * `vectors` holds the parsed test-vectors/crypto/*.json files:
 *   { envelope, keyWrap, accountKeys, attachmentStream, orgLog, fingerprint }
 * (envelope.json, key-wrap.json, account-keys.json, attachment-stream.json,
 * org-log.json, fingerprint.json). The result has one entry per check:
 * { file, name, ok, error? }; all must be ok. It never throws.
 * Import it as "@obhut/crypto/testing"; it is not part of the main entry point.
 */
import { decryptPrivateKeys, encryptPrivateKeysWithNonce, unwrapMasterKeyWithExportKey, unwrapMasterKeyWithRecoveryCode, wrapMasterKeyWithExportKeyAndNonce, wrapMasterKeyWithRecoveryCodeAndNonce } from "../account-keys";
import { createDecryptStream, createEncryptStreamWithNonce, transformBytes } from "../attachment-stream";
import { constantTimeEqual, fromHex, toBase64Url } from "../encoding";
import { openMessage, sealMessageWithNonce } from "../envelope";
import { fingerprint } from "../fingerprint";
import { unwrapKey, wrapContext } from "../hpke";
import { verifyOrgLog } from "../org-log";
import { decodeOrgLogEntry, encodeOrgLogEntry } from "../org-log-entry";
import { padSize } from "../padding";
import { encryptionPublicKeyOf, sha256, signingPublicKeyOf } from "../primitives";
import { recoveryCodeFromEntropy } from "../recovery-code";
import { isCryptoError } from "../errors";
import { type VectorFiles, type VectorResult, patternBytes } from "./vector-types";

export type { VectorFiles, VectorResult } from "./vector-types";

class Mismatch extends Error {}
function same(actual: Uint8Array, expectedHex: string, what: string): void {
  const expected = fromHex(expectedHex);
  if (actual.length !== expected.length || !constantTimeEqual(actual, expected)) throw new Mismatch(`${what} differs`);
}
function check(condition: boolean, what: string): void {
  if (!condition) throw new Mismatch(what);
}
async function expectError(code: string, run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (isCryptoError(e) && e.code === code) return;
    throw new Mismatch(`expected ${code}, got ${String(e)}`);
  }
  throw new Mismatch(`expected ${code}, but it succeeded`);
}

type Check = { file: keyof VectorFiles; name: string; run: () => Promise<void> | void };

function envelopeChecks(v: VectorFiles["envelope"]): Check[] {
  const valid = v.vectors.map((t) => ({
    file: "envelope" as const,
    name: t.name,
    run: async () => {
      const sender = { secretKey: fromHex(t.senderSecretKey), publicKey: fromHex(t.senderPublicKey) };
      const header = { ...t.header, senderKeyId: sender.publicKey };
      const props = { header, plaintext: fromHex(t.plaintext), epochKey: fromHex(t.epochKey), sender };
      same(await sealMessageWithNonce(props, fromHex(t.nonce)), t.blob, "sealed blob");
      const opened = await openMessage(fromHex(t.blob), { epochKey: props.epochKey, senderPublicKey: sender.publicKey });
      same(opened.plaintext, t.plaintext, "plaintext");
      check(opened.header.messageId === t.header.messageId && opened.header.timestamp === t.header.timestamp, "header");
    },
  }));
  const invalid = v.invalid.map((t) => ({
    file: "envelope" as const,
    name: t.name,
    run: () => expectError(t.expectedError, () => openMessage(fromHex(t.blob), { epochKey: fromHex(t.epochKey), senderPublicKey: fromHex(t.senderPublicKey) })),
  }));
  return [...valid, ...invalid];
}

function keyWrapChecks(v: VectorFiles["keyWrap"]): Check[] {
  return v.vectors.map((t) => ({
    file: "keyWrap" as const,
    name: t.name,
    run: async () => {
      same(encryptionPublicKeyOf(fromHex(t.recipientSecretKey)), t.recipientPublicKey, "recipient public key");
      const context = wrapContext(t.context.purpose, t.context.fields);
      same(context, t.contextBytes, "context bytes");
      same(await unwrapKey(fromHex(t.recipientSecretKey), fromHex(t.wrapped), context), t.key, "unwrapped key");
    },
  }));
}

function accountKeyChecks(v: VectorFiles["accountKeys"]): Check[] {
  return v.vectors.map((t) => ({
    file: "accountKeys" as const,
    name: t.name,
    run: async () => {
      const signing = { secretKey: fromHex(t.signingSecretKey), publicKey: signingPublicKeyOf(fromHex(t.signingSecretKey)) };
      const encryption = { secretKey: fromHex(t.encryptionSecretKey), publicKey: encryptionPublicKeyOf(fromHex(t.encryptionSecretKey)) };
      same(signing.publicKey, t.signingPublicKey, "signing public key");
      same(encryption.publicKey, t.encryptionPublicKey, "encryption public key");
      const keys = { masterKey: fromHex(t.masterKey), signing, encryption };
      same(await encryptPrivateKeysWithNonce(keys, fromHex(t.privateKeysNonce)), t.encryptedPrivateKeys, "encrypted private keys");
      const restored = await decryptPrivateKeys(keys.masterKey, fromHex(t.encryptedPrivateKeys), {
        signingPublicKey: signing.publicKey,
        encryptionPublicKey: encryption.publicKey,
      });
      same(restored.signing.secretKey, t.signingSecretKey, "restored signing key");
      const exportKey = fromHex(t.exportKey);
      same(await wrapMasterKeyWithExportKeyAndNonce(keys.masterKey, exportKey, fromHex(t.exportWrapNonce)), t.masterWrapExport, "export wrap");
      same(await unwrapMasterKeyWithExportKey(fromHex(t.masterWrapExport), exportKey), t.masterKey, "master key via export key");
      check(recoveryCodeFromEntropy(fromHex(t.recoveryEntropy)) === t.recoveryCode, "recovery code words");
      const recoveryWrap = await wrapMasterKeyWithRecoveryCodeAndNonce(keys.masterKey, t.recoveryCode, t.argon2, fromHex(t.recoverySalt), fromHex(t.recoveryNonce));
      same(recoveryWrap, t.masterWrapRecovery, "recovery wrap");
      same(await unwrapMasterKeyWithRecoveryCode(fromHex(t.masterWrapRecovery), t.recoveryCode), t.masterKey, "master key via recovery code");
    },
  }));
}

function attachmentChecks(v: VectorFiles["attachmentStream"]): Check[] {
  return v.vectors.map((t) => ({
    file: "attachmentStream" as const,
    name: t.name,
    run: async () => {
      const plaintext = t.plaintext !== undefined ? fromHex(t.plaintext) : patternBytes(t.patternLength ?? 0);
      const options = t.padTo === undefined ? {} : { padTo: t.padTo };
      const ct = await transformBytes(createEncryptStreamWithNonce(fromHex(t.fileKey), fromHex(t.nonce), options), plaintext);
      if (t.ciphertext !== undefined) same(ct, t.ciphertext, "ciphertext");
      if (t.ciphertextSha256 !== undefined) same(sha256(ct), t.ciphertextSha256, "ciphertext hash");
      const stored = t.ciphertext !== undefined ? fromHex(t.ciphertext) : ct;
      const decrypted = await transformBytes(createDecryptStream(fromHex(t.fileKey), { plaintextSize: plaintext.length }), stored);
      check(decrypted.length === plaintext.length && constantTimeEqual(decrypted, plaintext), "decrypted plaintext");
    },
  }));
}

function orgLogChecks(v: VectorFiles["orgLog"]): Check[] {
  const valid: Check = {
    file: "orgLog",
    name: "valid log",
    run: () => {
      const wire = v.entries.map(fromHex);
      for (const [i, w] of wire.entries()) same(encodeOrgLogEntry(decodeOrgLogEntry(w)), v.entries[i]!, `entry ${i} re-encoding`);
      const state = verifyOrgLog(wire, { pinnedRootFingerprint: v.rootFingerprint });
      const e = v.expected;
      const ids = (m: Map<string, { accountId: string }>) => [...m.values()].map((k) => k.accountId).sort();
      check(state.orgId === e.orgId, "orgId");
      check(JSON.stringify(ids(state.admins)) === JSON.stringify([...e.admins].sort()), "admins");
      check(JSON.stringify(ids(state.staff)) === JSON.stringify([...e.staff].sort()), "staff");
      for (const [teamId, team] of Object.entries(e.teams)) {
        const t = state.teams.get(teamId);
        check(t !== undefined, `team ${teamId}`);
        const members = [...t!.members].map((k) => state.staff.get(k)!.accountId).sort();
        check(JSON.stringify(members) === JSON.stringify([...team.members].sort()), `team ${teamId} members`);
        check(JSON.stringify(t!.generations.map((g) => g.generation)) === JSON.stringify(team.generations), `team ${teamId} generations`);
      }
      check(JSON.stringify([...state.contactFormKeys.keys()].sort()) === JSON.stringify([...e.contactForms].sort()), "contact forms");
      check(state.head.seq === e.headSeq, "head seq");
      same(state.head.hash, e.headHash, "head hash");
    },
  };
  const invalid = v.invalid.map((t) => ({
    file: "orgLog" as const,
    name: t.name,
    run: () => expectError(t.expectedError, () => verifyOrgLog(t.entries.map(fromHex), { pinnedRootFingerprint: v.rootFingerprint })),
  }));
  return [valid, ...invalid];
}

function fingerprintChecks(v: VectorFiles["fingerprint"]): Check[] {
  const fps = v.vectors.map((t, i) => ({
    file: "fingerprint" as const,
    name: `fingerprint ${i} (${t.kind})`,
    run: () => check(fingerprint(fromHex(t.publicKey), t.kind) === t.fingerprint, `fingerprint of ${toBase64Url(fromHex(t.publicKey))}`),
  }));
  const pads = {
    file: "fingerprint" as const,
    name: "padSize buckets",
    run: () => {
      for (const [n, p] of v.padSize) check(padSize(n) === p, `padSize(${n}) = ${padSize(n)}, expected ${p}`);
    },
  };
  return [...fps, pads];
}

export async function verifyAllVectors(vectors: VectorFiles): Promise<VectorResult[]> {
  const checks = [
    ...envelopeChecks(vectors.envelope),
    ...keyWrapChecks(vectors.keyWrap),
    ...accountKeyChecks(vectors.accountKeys),
    ...attachmentChecks(vectors.attachmentStream),
    ...orgLogChecks(vectors.orgLog),
    ...fingerprintChecks(vectors.fingerprint),
  ];
  const results: VectorResult[] = [];
  for (const c of checks) {
    try {
      await c.run();
      results.push({ file: c.file, name: c.name, ok: true });
    } catch (e) {
      results.push({ file: c.file, name: c.name, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return results;
}

/** For logs: one line per failure. */
export function describeFailures(results: readonly VectorResult[]): string {
  return results.filter((r) => !r.ok).map((r) => `${r.file} / ${r.name}: ${r.error}`).join("\n");
}

