// SPDX-License-Identifier: AGPL-3.0-or-later
import { CryptoError } from "./errors";
import { ByteReader, ByteWriter } from "./framing";
import {
  GCM_NONCE_LENGTH,
  GCM_TAG_LENGTH,
  KEY_LENGTH,
  aesGcmDecrypt,
  aesGcmEncrypt,
  hkdfSha256,
  randomBytes,
} from "./primitives";
import {
  type Argon2idParams,
  DEFAULT_ARGON2ID_PARAMS,
  checkArgon2idParams,
  deriveArgon2idKey,
  recoveryCodeEntropy,
} from "./recovery-code";
import { BlobKind, HEADER_LENGTH, Label, headerBytes, readHeader, writeHeader } from "./suite";

/**
 * The two wraps of the account master key: under the OPAQUE export key
 * (every login) and under the recovery code (when the password is lost).
 */
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
  return new ByteWriter()
    .fixed(header, HEADER_LENGTH)
    .fixed(nonce, GCM_NONCE_LENGTH)
    .fixed(ct, KEY_LENGTH + GCM_TAG_LENGTH)
    .finish();
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
  return wrapMasterKeyWithRecoveryCodeAndNonce(
    masterKey,
    recoveryCode,
    params,
    randomBytes(16),
    randomBytes(GCM_NONCE_LENGTH),
  );
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
  return new ByteWriter()
    .fixed(prefix, prefix.length)
    .fixed(nonce, GCM_NONCE_LENGTH)
    .fixed(ct, KEY_LENGTH + GCM_TAG_LENGTH)
    .finish();
}

async function recoveryWrapKey(recoveryCode: string, salt: Uint8Array, params: Argon2idParams): Promise<Uint8Array> {
  const stretched = await deriveArgon2idKey(recoveryCodeEntropy(recoveryCode), salt, params);
  return hkdfSha256(stretched, new Uint8Array(0), Label.masterWrapRecovery);
}

/** Reads the Argon2id parameters without deriving anything, e.g. to warn that unlocking will take a while. */
export function readRecoveryWrapParams(blob: Uint8Array): Argon2idParams {
  const reader = new ByteReader(blob);
  readHeader(reader, BlobKind.masterWrapRecovery);
  const params = {
    memoryKiB: reader.u32(),
    iterations: reader.u32(),
    parallelism: reader.u8(),
  };
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
