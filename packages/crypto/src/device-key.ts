// SPDX-License-Identifier: AGPL-3.0-or-later
import { CryptoError } from "./errors";
import { ByteReader, ByteWriter } from "./framing";
import {
  GCM_NONCE_LENGTH,
  GCM_TAG_LENGTH,
  KEY_LENGTH,
  aesGcmDecrypt,
  aesGcmEncrypt,
  generateNonExtractableAesKey,
  randomBytes,
} from "./primitives";
import { BlobKind, HEADER_LENGTH, Label, headerBytes, readHeader } from "./suite";

/**
 * Staff opt-in "keep my keys on this device" (docs/CRYPTO.md §5a). The
 * browser makes a non-extractable AES-256-GCM key and keeps it in IndexedDB;
 * the account master key wrapped under it is kept on the server, bound to the
 * account and the device id. Either half alone opens nothing: the device key
 * never leaves the browser as bytes, and the server hands the wrap out only
 * to a live session of that account and deletes it on logout, offboarding or
 * "forget this device".
 */
export interface DeviceBinding {
  accountId: string;
  deviceId: string;
}

/** Length of a device wrap: header, nonce, master key and tag. */
export const DEVICE_WRAP_LENGTH = HEADER_LENGTH + GCM_NONCE_LENGTH + KEY_LENGTH + GCM_TAG_LENGTH;

export function createDeviceKey(): Promise<CryptoKey> {
  return generateNonExtractableAesKey();
}

/** Associated data: blob header, purpose label, account id and device id, so a wrap works for one device of one account only. */
function deviceWrapAad(binding: DeviceBinding): Uint8Array {
  if (!binding.accountId || !binding.deviceId) throw new CryptoError("bad_parameters", "device binding incomplete");
  return new ByteWriter()
    .fixed(headerBytes(BlobKind.masterWrapDevice), HEADER_LENGTH)
    .string(Label.masterWrapDevice)
    .string(binding.accountId)
    .string(binding.deviceId)
    .finish();
}

function checkDeviceKey(key: CryptoKey): void {
  // A key that could be exported would defeat the point; refuse to wrap under one.
  if (key.extractable) throw new CryptoError("bad_parameters", "device key must not be extractable");
  if (key.algorithm.name !== "AES-GCM") throw new CryptoError("bad_parameters", "device key must be AES-GCM");
}

export async function wrapMasterKeyForDevice(
  masterKey: Uint8Array,
  deviceKey: CryptoKey,
  binding: DeviceBinding,
): Promise<Uint8Array> {
  return wrapMasterKeyForDeviceWithNonce(masterKey, deviceKey, binding, randomBytes(GCM_NONCE_LENGTH));
}

/** Internal: explicit-nonce variant (vectors). */
export async function wrapMasterKeyForDeviceWithNonce(
  masterKey: Uint8Array,
  deviceKey: CryptoKey,
  binding: DeviceBinding,
  nonce: Uint8Array,
): Promise<Uint8Array> {
  checkDeviceKey(deviceKey);
  if (masterKey.length !== KEY_LENGTH) throw new CryptoError("bad_parameters", "master key must be 32 bytes");
  const ct = await aesGcmEncrypt(deviceKey, nonce, masterKey, deviceWrapAad(binding));
  return new ByteWriter()
    .fixed(headerBytes(BlobKind.masterWrapDevice), HEADER_LENGTH)
    .fixed(nonce, GCM_NONCE_LENGTH)
    .fixed(ct, KEY_LENGTH + GCM_TAG_LENGTH)
    .finish();
}

/** Opens a device wrap; any change to the blob, the key, the account or the device id fails with `decrypt_failed`. */
export async function unwrapMasterKeyForDevice(
  blob: Uint8Array,
  deviceKey: CryptoKey,
  binding: DeviceBinding,
): Promise<Uint8Array> {
  const reader = new ByteReader(blob);
  readHeader(reader, BlobKind.masterWrapDevice);
  const nonce = reader.fixed(GCM_NONCE_LENGTH);
  const ct = reader.fixed(KEY_LENGTH + GCM_TAG_LENGTH);
  reader.end();
  return aesGcmDecrypt(deviceKey, nonce, ct, deviceWrapAad(binding));
}
