// SPDX-License-Identifier: AGPL-3.0-or-later
import { constantTimeEqual, fromBase64Url, toBase64Url } from "./encoding";
import { CryptoError } from "./errors";
import { type DeviceBinding, unwrapMasterKeyForDevice } from "./device-key";
import { ByteReader, ByteWriter } from "./framing";
import {
  type EncryptionKeyPair,
  GCM_NONCE_LENGTH,
  GCM_TAG_LENGTH,
  KEY_LENGTH,
  type SigningKeyPair,
  aesGcmDecrypt,
  aesGcmEncrypt,
  encryptionPublicKeyOf,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  hkdfSha256,
  randomBytes,
  signingPublicKeyOf,
} from "./primitives";
import {
  unwrapMasterKeyWithExportKey,
  unwrapMasterKeyWithRecoveryCode,
  wrapMasterKeyWithExportKey,
  wrapMasterKeyWithRecoveryCode,
} from "./master-key-wrap";
import type { Argon2idParams } from "./recovery-code";
import { type OrgPin, encryptOrgPins } from "./org-pins";
import { BlobKind, HEADER_LENGTH, Label, headerBytes, readHeader, writeHeader } from "./suite";

// Re-exported so callers can keep importing the whole account-key API from here.
export {
  readRecoveryWrapParams,
  unwrapMasterKeyWithExportKey,
  unwrapMasterKeyWithRecoveryCode,
  wrapMasterKeyWithExportKey,
  wrapMasterKeyWithExportKeyAndNonce,
  wrapMasterKeyWithRecoveryCode,
  wrapMasterKeyWithRecoveryCodeAndNonce,
} from "./master-key-wrap";

/** Everything an account holds in memory after login. Never persisted unencrypted. */
export interface AccountKeys {
  masterKey: Uint8Array;
  signing: SigningKeyPair;
  encryption: EncryptionKeyPair;
}

/**
 * What the server stores per account (JSON, base64url fields). Holding it
 * plus either the OPAQUE export key or the recovery code restores all keys,
 * which is how a fresh browser reads history after login.
 */
export interface KeyBundle {
  version: 1;
  signingPublicKey: string;
  encryptionPublicKey: string;
  encryptedPrivateKeys: string;
  masterWrapExport: string;
  masterWrapRecovery?: string;
  /**
   * The organisations this account pinned (blob kind 0x0a under the master
   * key, `org-pins.ts`). Absent in bundles from before pinning and in
   * accounts that pinned nothing yet; both read as "no pins".
   */
  orgPins?: string;
}

export function createAccountKeys(): AccountKeys {
  return {
    masterKey: randomBytes(KEY_LENGTH),
    signing: generateSigningKeyPair(),
    encryption: generateEncryptionKeyPair(),
  };
}

/** Sub-key so the master key itself only ever feeds HKDF, never AES directly. */
function privateKeysKey(masterKey: Uint8Array): Uint8Array {
  if (masterKey.length !== KEY_LENGTH) throw new CryptoError("bad_parameters", "master key must be 32 bytes");
  return hkdfSha256(masterKey, new Uint8Array(0), Label.privateKeys);
}

function privateKeysAad(signingPublicKey: Uint8Array, encryptionPublicKey: Uint8Array): Uint8Array {
  return new ByteWriter()
    .fixed(headerBytes(BlobKind.privateKeys), HEADER_LENGTH)
    .fixed(signingPublicKey, KEY_LENGTH)
    .fixed(encryptionPublicKey, KEY_LENGTH)
    .finish();
}

export async function encryptPrivateKeys(keys: AccountKeys): Promise<Uint8Array> {
  return encryptPrivateKeysWithNonce(keys, randomBytes(GCM_NONCE_LENGTH));
}

/** Internal: deterministic variant with explicit nonce, used by encryptPrivateKeys and the vector generator. */
export async function encryptPrivateKeysWithNonce(keys: AccountKeys, nonce: Uint8Array): Promise<Uint8Array> {
  const plaintext = new ByteWriter()
    .fixed(keys.signing.secretKey, KEY_LENGTH)
    .fixed(keys.encryption.secretKey, KEY_LENGTH)
    .finish();
  const aad = privateKeysAad(keys.signing.publicKey, keys.encryption.publicKey);
  const ct = await aesGcmEncrypt(privateKeysKey(keys.masterKey), nonce, plaintext, aad);
  return writeHeader(new ByteWriter(), BlobKind.privateKeys)
    .fixed(nonce, GCM_NONCE_LENGTH)
    .fixed(ct, 2 * KEY_LENGTH + GCM_TAG_LENGTH)
    .finish();
}

/**
 * The public keys are AEAD associated data and are re-derived from the
 * decrypted private keys, so a server cannot pair our private keys with
 * someone else's public keys.
 */
export async function decryptPrivateKeys(
  masterKey: Uint8Array,
  blob: Uint8Array,
  publicKeys: { signingPublicKey: Uint8Array; encryptionPublicKey: Uint8Array },
): Promise<AccountKeys> {
  const reader = new ByteReader(blob);
  readHeader(reader, BlobKind.privateKeys);
  const nonce = reader.fixed(GCM_NONCE_LENGTH);
  const ct = reader.fixed(2 * KEY_LENGTH + GCM_TAG_LENGTH);
  reader.end();
  const aad = privateKeysAad(publicKeys.signingPublicKey, publicKeys.encryptionPublicKey);
  const pt = await aesGcmDecrypt(privateKeysKey(masterKey), nonce, ct, aad);
  const signingSecret = pt.slice(0, KEY_LENGTH);
  const encryptionSecret = pt.slice(KEY_LENGTH);
  const signing = {
    secretKey: signingSecret,
    publicKey: signingPublicKeyOf(signingSecret),
  };
  const encryption = {
    secretKey: encryptionSecret,
    publicKey: encryptionPublicKeyOf(encryptionSecret),
  };
  if (
    !constantTimeEqual(signing.publicKey, publicKeys.signingPublicKey) ||
    !constantTimeEqual(encryption.publicKey, publicKeys.encryptionPublicKey)
  ) {
    throw new CryptoError("decrypt_failed", "private keys do not match public keys");
  }
  return { masterKey, signing, encryption };
}

export async function createKeyBundle(props: {
  keys: AccountKeys;
  exportKey: Uint8Array;
  recoveryCode?: string;
  argon2Params?: Argon2idParams;
  /** Organisations pinned from the start (client sign-up from an agency's page); none: the field is left out. */
  orgPins?: readonly OrgPin[];
}): Promise<KeyBundle> {
  const { keys } = props;
  const bundle: KeyBundle = {
    version: 1,
    signingPublicKey: toBase64Url(keys.signing.publicKey),
    encryptionPublicKey: toBase64Url(keys.encryption.publicKey),
    encryptedPrivateKeys: toBase64Url(await encryptPrivateKeys(keys)),
    masterWrapExport: toBase64Url(await wrapMasterKeyWithExportKey(keys.masterKey, props.exportKey)),
  };
  if (props.recoveryCode !== undefined) {
    const wrap = await wrapMasterKeyWithRecoveryCode(keys.masterKey, props.recoveryCode, props.argon2Params);
    bundle.masterWrapRecovery = toBase64Url(wrap);
  }
  if (props.orgPins !== undefined && props.orgPins.length > 0) {
    bundle.orgPins = toBase64Url(await encryptOrgPins(keys, props.orgPins));
  }
  return bundle;
}

/** Validates untrusted JSON (e.g. from the server) into a KeyBundle. */
export function parseKeyBundle(value: unknown): KeyBundle {
  const v = value as Record<string, unknown> | null;
  const field = (name: string) => typeof v?.[name] === "string";
  if (
    typeof v !== "object" ||
    v === null ||
    v.version !== 1 ||
    !field("signingPublicKey") ||
    !field("encryptionPublicKey") ||
    !field("encryptedPrivateKeys") ||
    !field("masterWrapExport") ||
    (v.masterWrapRecovery !== undefined && !field("masterWrapRecovery")) ||
    (v.orgPins !== undefined && !field("orgPins"))
  ) {
    throw new CryptoError("bad_format", "not a key bundle");
  }
  return v as unknown as KeyBundle;
}

/** Password change / re-registration: new OPAQUE export key, same master key, same identity (and the same pins). */
export async function rewrapKeyBundleForExportKey(
  bundle: KeyBundle,
  masterKey: Uint8Array,
  exportKey: Uint8Array,
): Promise<KeyBundle> {
  return {
    ...bundle,
    masterWrapExport: toBase64Url(await wrapMasterKeyWithExportKey(masterKey, exportKey)),
  };
}

export async function restoreAccountKeys(
  bundle: KeyBundle,
  secret:
    | { exportKey: Uint8Array }
    | { recoveryCode: string }
    | { device: { key: CryptoKey; wrap: Uint8Array; binding: DeviceBinding } },
): Promise<AccountKeys> {
  let masterKey: Uint8Array;
  if ("exportKey" in secret) {
    masterKey = await unwrapMasterKeyWithExportKey(fromBase64Url(bundle.masterWrapExport), secret.exportKey);
  } else if ("device" in secret) {
    masterKey = await unwrapMasterKeyForDevice(secret.device.wrap, secret.device.key, secret.device.binding);
  } else {
    if (bundle.masterWrapRecovery === undefined) throw new CryptoError("unknown_key", "no recovery wrap in bundle");
    masterKey = await unwrapMasterKeyWithRecoveryCode(fromBase64Url(bundle.masterWrapRecovery), secret.recoveryCode);
  }
  return decryptPrivateKeys(masterKey, fromBase64Url(bundle.encryptedPrivateKeys), {
    signingPublicKey: fromBase64Url(bundle.signingPublicKey),
    encryptionPublicKey: fromBase64Url(bundle.encryptionPublicKey),
  });
}
