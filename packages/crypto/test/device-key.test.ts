// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEVICE_WRAP_LENGTH, createDeviceKey, unwrapMasterKeyForDevice, wrapMasterKeyForDevice } from "../src";
import { createAccountKeys, createKeyBundle, restoreAccountKeys } from "../src/account-keys";
import { isCryptoError } from "../src/errors";
import { randomBytes } from "../src/primitives";
import { bitIndex, flipBit } from "./flip";

const binding = { accountId: "acct-1", deviceId: "dev-1" };

describe("device wraps of the master key", () => {
  it("round-trips under a non-extractable key that WebCrypto refuses to export", async () => {
    const key = await createDeviceKey();
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey("raw", key)).rejects.toThrow();
    const masterKey = randomBytes(32);
    const wrap = await wrapMasterKeyForDevice(masterKey, key, binding);
    expect(wrap.length).toBe(DEVICE_WRAP_LENGTH);
    expect(wrap.subarray(0, 3)).toEqual(Uint8Array.of(1, 1, 9));
    expect(await unwrapMasterKeyForDevice(wrap, key, binding)).toEqual(masterKey);
  });

  it("refuses to wrap under an extractable key", async () => {
    const extractable = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]);
    await expect(wrapMasterKeyForDevice(randomBytes(32), extractable, binding)).rejects.toSatisfy((e) =>
      isCryptoError(e, "bad_parameters"),
    );
  });

  it("binds the wrap to its account, its device and its key", async () => {
    const key = await createDeviceKey();
    const wrap = await wrapMasterKeyForDevice(randomBytes(32), key, binding);
    const failsWith = (p: Promise<unknown>) => expect(p).rejects.toSatisfy((e) => isCryptoError(e, "decrypt_failed"));
    await failsWith(unwrapMasterKeyForDevice(wrap, key, { ...binding, accountId: "acct-2" }));
    await failsWith(unwrapMasterKeyForDevice(wrap, key, { ...binding, deviceId: "dev-2" }));
    await failsWith(unwrapMasterKeyForDevice(wrap, await createDeviceKey(), binding));
  });

  it("rejects any single bit flip", async () => {
    const key = await createDeviceKey();
    const wrap = await wrapMasterKeyForDevice(randomBytes(32), key, binding);
    await fc.assert(
      fc.asyncProperty(bitIndex(wrap.length), async (bit) => {
        await expect(unwrapMasterKeyForDevice(flipBit(wrap, bit), key, binding)).rejects.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it("rejects truncated and extended wraps with a format error", async () => {
    const key = await createDeviceKey();
    const wrap = await wrapMasterKeyForDevice(randomBytes(32), key, binding);
    for (const bad of [wrap.subarray(0, wrap.length - 1), new Uint8Array([...wrap, 0])]) {
      await expect(unwrapMasterKeyForDevice(bad, key, binding)).rejects.toSatisfy((e) =>
        isCryptoError(e, "bad_format"),
      );
    }
  });

  it("restores every account key from the bundle and a device wrap, and nothing under another binding", async () => {
    const keys = createAccountKeys();
    const bundle = await createKeyBundle({ keys, exportKey: randomBytes(64) });
    const key = await createDeviceKey();
    const wrap = await wrapMasterKeyForDevice(keys.masterKey, key, binding);
    expect(await restoreAccountKeys(bundle, { device: { key, wrap, binding } })).toEqual(keys);
    await expect(
      restoreAccountKeys(bundle, { device: { key, wrap, binding: { ...binding, deviceId: "dev-2" } } }),
    ).rejects.toSatisfy((e) => isCryptoError(e, "decrypt_failed"));
  });
});
