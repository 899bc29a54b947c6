// SPDX-License-Identifier: AGPL-3.0-or-later
/** One check per vector; see verify-vectors.ts for the entry point. */
import {
  decryptPrivateKeys,
  encryptPrivateKeysWithNonce,
  unwrapMasterKeyWithExportKey,
  unwrapMasterKeyWithRecoveryCode,
  wrapMasterKeyWithExportKeyAndNonce,
  wrapMasterKeyWithRecoveryCodeAndNonce,
} from "../account-keys";
import { createDecryptStream, createEncryptStreamWithNonce, transformBytes } from "../attachment-stream";
import { constantTimeEqual, fromHex } from "../encoding";
import { openMessage, sealMessageWithNonce } from "../envelope";
import { unwrapKey, wrapContext } from "../hpke";
import { encryptionPublicKeyOf, importNonExtractableAesKey, sha256, signingPublicKeyOf } from "../primitives";
import { unwrapMasterKeyForDevice, wrapMasterKeyForDeviceWithNonce } from "../device-key";
import { legacyRecoveryWordsFromEntropy, recoveryCodeFromEntropy } from "../recovery-code";
import { isCryptoError } from "../errors";
import { type VectorFiles, patternBytes } from "./vector-types";

export class Mismatch extends Error {}
export function same(actual: Uint8Array, expectedHex: string, what: string): void {
  const expected = fromHex(expectedHex);
  if (actual.length !== expected.length || !constantTimeEqual(actual, expected)) throw new Mismatch(`${what} differs`);
}
export function check(condition: boolean, what: string): void {
  if (!condition) throw new Mismatch(what);
}
export async function expectError(code: string, run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (isCryptoError(e) && e.code === code) return;
    throw new Mismatch(`expected ${code}, got ${String(e)}`);
  }
  throw new Mismatch(`expected ${code}, but it succeeded`);
}

export type Check = {
  file: keyof VectorFiles;
  name: string;
  run: () => Promise<void> | void;
};

export function envelopeChecks(v: VectorFiles["envelope"]): Check[] {
  const valid = v.vectors.map((t) => ({
    file: "envelope" as const,
    name: t.name,
    run: async () => {
      const sender = {
        secretKey: fromHex(t.senderSecretKey),
        publicKey: fromHex(t.senderPublicKey),
      };
      const header = { ...t.header, senderKeyId: sender.publicKey };
      const props = {
        header,
        plaintext: fromHex(t.plaintext),
        epochKey: fromHex(t.epochKey),
        sender,
      };
      same(await sealMessageWithNonce(props, fromHex(t.nonce)), t.blob, "sealed blob");
      const opened = await openMessage(fromHex(t.blob), {
        epochKey: props.epochKey,
        senderPublicKey: sender.publicKey,
      });
      same(opened.plaintext, t.plaintext, "plaintext");
      check(opened.header.messageId === t.header.messageId && opened.header.timestamp === t.header.timestamp, "header");
    },
  }));
  const invalid = v.invalid.map((t) => ({
    file: "envelope" as const,
    name: t.name,
    run: () =>
      expectError(t.expectedError, () =>
        openMessage(fromHex(t.blob), {
          epochKey: fromHex(t.epochKey),
          senderPublicKey: fromHex(t.senderPublicKey),
        }),
      ),
  }));
  return [...valid, ...invalid];
}

export function keyWrapChecks(v: VectorFiles["keyWrap"]): Check[] {
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

export function accountKeyChecks(v: VectorFiles["accountKeys"]): Check[] {
  return v.vectors.map((t) => ({
    file: "accountKeys" as const,
    name: t.name,
    run: async () => {
      const signing = {
        secretKey: fromHex(t.signingSecretKey),
        publicKey: signingPublicKeyOf(fromHex(t.signingSecretKey)),
      };
      const encryption = {
        secretKey: fromHex(t.encryptionSecretKey),
        publicKey: encryptionPublicKeyOf(fromHex(t.encryptionSecretKey)),
      };
      same(signing.publicKey, t.signingPublicKey, "signing public key");
      same(encryption.publicKey, t.encryptionPublicKey, "encryption public key");
      const keys = { masterKey: fromHex(t.masterKey), signing, encryption };
      same(
        await encryptPrivateKeysWithNonce(keys, fromHex(t.privateKeysNonce)),
        t.encryptedPrivateKeys,
        "encrypted private keys",
      );
      const restored = await decryptPrivateKeys(keys.masterKey, fromHex(t.encryptedPrivateKeys), {
        signingPublicKey: signing.publicKey,
        encryptionPublicKey: encryption.publicKey,
      });
      same(restored.signing.secretKey, t.signingSecretKey, "restored signing key");
      const exportKey = fromHex(t.exportKey);
      same(
        await wrapMasterKeyWithExportKeyAndNonce(keys.masterKey, exportKey, fromHex(t.exportWrapNonce)),
        t.masterWrapExport,
        "export wrap",
      );
      same(
        await unwrapMasterKeyWithExportKey(fromHex(t.masterWrapExport), exportKey),
        t.masterKey,
        "master key via export key",
      );
      check(recoveryCodeFromEntropy(fromHex(t.recoveryEntropy)) === t.recoveryCode, "recovery code characters");
      check(legacyRecoveryWordsFromEntropy(fromHex(t.recoveryEntropy)) === t.recoveryWords, "legacy recovery words");
      const recoveryWrap = await wrapMasterKeyWithRecoveryCodeAndNonce(
        keys.masterKey,
        t.recoveryCode,
        t.argon2,
        fromHex(t.recoverySalt),
        fromHex(t.recoveryNonce),
      );
      same(recoveryWrap, t.masterWrapRecovery, "recovery wrap");
      same(
        await unwrapMasterKeyWithRecoveryCode(fromHex(t.masterWrapRecovery), t.recoveryCode),
        t.masterKey,
        "master key via recovery code",
      );
      same(
        await unwrapMasterKeyWithRecoveryCode(fromHex(t.masterWrapRecovery), t.recoveryWords),
        t.masterKey,
        "master key via legacy recovery words",
      );
      const deviceKey = await importNonExtractableAesKey(fromHex(t.deviceKey));
      same(
        await wrapMasterKeyForDeviceWithNonce(keys.masterKey, deviceKey, t.deviceBinding, fromHex(t.deviceWrapNonce)),
        t.masterWrapDevice,
        "device wrap",
      );
      same(
        await unwrapMasterKeyForDevice(fromHex(t.masterWrapDevice), deviceKey, t.deviceBinding),
        t.masterKey,
        "master key via device key",
      );
    },
  }));
}

export function attachmentChecks(v: VectorFiles["attachmentStream"]): Check[] {
  return v.vectors.map((t) => ({
    file: "attachmentStream" as const,
    name: t.name,
    run: async () => {
      const plaintext = t.plaintext !== undefined ? fromHex(t.plaintext) : patternBytes(t.patternLength ?? 0);
      const options = t.padTo === undefined ? {} : { padTo: t.padTo };
      const ct = await transformBytes(
        createEncryptStreamWithNonce(fromHex(t.fileKey), fromHex(t.nonce), options),
        plaintext,
      );
      if (t.ciphertext !== undefined) same(ct, t.ciphertext, "ciphertext");
      if (t.ciphertextSha256 !== undefined) same(sha256(ct), t.ciphertextSha256, "ciphertext hash");
      const stored = t.ciphertext !== undefined ? fromHex(t.ciphertext) : ct;
      const decrypted = await transformBytes(
        createDecryptStream(fromHex(t.fileKey), {
          plaintextSize: plaintext.length,
        }),
        stored,
      );
      check(decrypted.length === plaintext.length && constantTimeEqual(decrypted, plaintext), "decrypted plaintext");
    },
  }));
}
