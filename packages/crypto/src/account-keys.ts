// SPDX-License-Identifier: AGPL-3.0-or-later
import { constantTimeEqual, fromBase64Url, toBase64Url } from "./encoding";
import { CryptoError } from "./errors";
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
  type Argon2idParams,
  DEFAULT_ARGON2ID_PARAMS,
  checkArgon2idParams,
  deriveArgon2idKey,
  recoveryCodeEntropy,
} from "./recovery-code";
import { BlobKind, HEADER_LENGTH, Label, headerBytes, readHeader, writeHeader } from "./suite";

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
}

export function createAccountKeys(): AccountKeys {
  return { masterKey: randomBytes(KEY_LENGTH), signing: generateSigningKeyPair(), encryption: generateEncryptionKeyPair() };
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
  const plaintext = new ByteWriter().fixed(keys.signing.secretKey, KEY_LENGTH).fixed(keys.encryption.secretKey, KEY_LENGTH).finish();
  const aad = privateKeysAad(keys.signing.publicKey, keys.encryption.publicKey);
  const ct = await aesGcmEncrypt(privateKeysKey(keys.masterKey), nonce, plaintext, aad);
  return writeHeader(new ByteWriter(), BlobKind.privateKeys).fixed(nonce, GCM_NONCE_LENGTH).fixed(ct, 2 * KEY_LENGTH + GCM_TAG_LENGTH).finish();
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
  const signing = { secretKey: signingSecret, publicKey: signingPublicKeyOf(signingSecret) };
  const encryption = { secretKey: encryptionSecret, publicKey: encryptionPublicKeyOf(encryptionSecret) };
  if (
    !constantTimeEqual(signing.publicKey, publicKeys.signingPublicKey) ||
    !constantTimeEqual(encryption.publicKey, publicKeys.encryptionPublicKey)
  ) {
    throw new CryptoError("decrypt_failed", "private keys do not match public keys");
  }
  return { masterKey, signing, encryption };
}

function exportWrapKey(exportKey: Uint8Array): Uint8Array {
  // OPAQUE export keys are 64 bytes; refuse anything short rather than wrap under a weak key.
  if (exportKey.length < KEY_LENGTH) throw new CryptoError("bad_parameters", "export key too short");
  return hkdfSha256(exportKey, new Uint8Array(0), Label.masterWrap);
}

export async function wrapMasterKeyWithExportKey(masterKey: Uint8Array, exportKey: Uint8Array): Promise<Uint8Array> {
  return wrapMasterKeyWithExportKeyAndNonce(masterKey, exportKey, randomBytes(GCM_NONCE_LENGTH));
}

/** Internal: explicit-nonce variant (vectors). */
export async function wrapMasterKeyWithExportKeyAndNonce(
  masterKey: Uint8Array,
  exportKey: Uint8Array,
  nonce: Uint8Array,
): Promise<Uint8Array> {
  const header = headerBytes(BlobKind.masterWrapExport);
  const ct = await aesGcmEncrypt(exportWrapKey(exportKey), nonce, masterKey, header);
  return new ByteWriter().fixed(header, HEADER_LENGTH).fixed(nonce, GCM_NONCE_LENGTH).fixed(ct, KEY_LENGTH + GCM_TAG_LENGTH).finish();
}

export async function unwrapMasterKeyWithExportKey(blob: Uint8Array, exportKey: Uint8Array): Promise<Uint8Array> {
  const reader = new ByteReader(blob);
  readHeader(reader, BlobKind.masterWrapExport);
  const nonce = reader.fixed(GCM_NONCE_LENGTH);
  const ct = reader.fixed(KEY_LENGTH + GCM_TAG_LENGTH);
  reader.end();
  return aesGcmDecrypt(exportWrapKey(exportKey), nonce, ct, headerBytes(BlobKind.masterWrapExport));
}

export async function wrapMasterKeyWithRecoveryCode(
  masterKey: Uint8Array,
  recoveryCode: string,
  params: Argon2idParams = DEFAULT_ARGON2ID_PARAMS,
): Promise<Uint8Array> {
  return wrapMasterKeyWithRecoveryCodeAndNonce(masterKey, recoveryCode, params, randomBytes(16), randomBytes(GCM_NONCE_LENGTH));
}

/** Internal: explicit salt and nonce (vectors). */
export async function wrapMasterKeyWithRecoveryCodeAndNonce(
  masterKey: Uint8Array,
  recoveryCode: string,
  params: Argon2idParams,
  salt: Uint8Array,
  nonce: Uint8Array,
): Promise<Uint8Array> {
  checkArgon2idParams(params);
  const prefix = writeHeader(new ByteWriter(), BlobKind.masterWrapRecovery)
    .u32(params.memoryKiB)
    .u32(params.iterations)
    .u8(params.parallelism)
    .fixed(salt, 16)
    .finish();
  const key = await recoveryWrapKey(recoveryCode, salt, params);
  const ct = await aesGcmEncrypt(key, nonce, masterKey, prefix);
  return new ByteWriter().fixed(prefix, prefix.length).fixed(nonce, GCM_NONCE_LENGTH).fixed(ct, KEY_LENGTH + GCM_TAG_LENGTH).finish();
}

async function recoveryWrapKey(recoveryCode: string, salt: Uint8Array, params: Argon2idParams): Promise<Uint8Array> {
  const stretched = await deriveArgon2idKey(recoveryCodeEntropy(recoveryCode), salt, params);
  return hkdfSha256(stretched, new Uint8Array(0), Label.masterWrapRecovery);
}

/** Reads the Argon2id parameters without deriving anything, e.g. to warn that unlocking will take a while. */
export function readRecoveryWrapParams(blob: Uint8Array): Argon2idParams {
  const reader = new ByteReader(blob);
  readHeader(reader, BlobKind.masterWrapRecovery);
  const params = { memoryKiB: reader.u32(), iterations: reader.u32(), parallelism: reader.u8() };
  checkArgon2idParams(params);
  return params;
}

export async function unwrapMasterKeyWithRecoveryCode(blob: Uint8Array, recoveryCode: string): Promise<Uint8Array> {
  const reader = new ByteReader(blob);
  const params = readRecoveryWrapParams(blob);
  reader.fixed(HEADER_LENGTH + 9);
  const salt = reader.fixed(16);
  const prefix = blob.subarray(0, reader.position());
  const nonce = reader.fixed(GCM_NONCE_LENGTH);
  const ct = reader.fixed(KEY_LENGTH + GCM_TAG_LENGTH);
  reader.end();
  const key = await recoveryWrapKey(recoveryCode, salt, params);
  return aesGcmDecrypt(key, nonce, ct, prefix);
}

export async function createKeyBundle(props: {
  keys: AccountKeys;
  exportKey: Uint8Array;
  recoveryCode?: string;
  argon2Params?: Argon2idParams;
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
    (v.masterWrapRecovery !== undefined && !field("masterWrapRecovery"))
  ) {
    throw new CryptoError("bad_format", "not a key bundle");
  }
  return v as unknown as KeyBundle;
}

/** Password change / re-registration: new OPAQUE export key, same master key, same identity. */
export async function rewrapKeyBundleForExportKey(bundle: KeyBundle, masterKey: Uint8Array, exportKey: Uint8Array): Promise<KeyBundle> {
  return { ...bundle, masterWrapExport: toBase64Url(await wrapMasterKeyWithExportKey(masterKey, exportKey)) };
}

export async function restoreAccountKeys(
  bundle: KeyBundle,
  secret: { exportKey: Uint8Array } | { recoveryCode: string },
): Promise<AccountKeys> {
  let masterKey: Uint8Array;
  if ("exportKey" in secret) {
    masterKey = await unwrapMasterKeyWithExportKey(fromBase64Url(bundle.masterWrapExport), secret.exportKey);
  } else {
    if (bundle.masterWrapRecovery === undefined) throw new CryptoError("unknown_key", "no recovery wrap in bundle");
    masterKey = await unwrapMasterKeyWithRecoveryCode(fromBase64Url(bundle.masterWrapRecovery), secret.recoveryCode);
  }
  return decryptPrivateKeys(masterKey, fromBase64Url(bundle.encryptedPrivateKeys), {
    signingPublicKey: fromBase64Url(bundle.signingPublicKey),
    encryptionPublicKey: fromBase64Url(bundle.encryptionPublicKey),
  });
}
