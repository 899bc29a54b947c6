// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import {
  createAccountKeys,
  createKeyBundle,
  parseKeyBundle,
  readRecoveryWrapParams,
  restoreAccountKeys,
  rewrapKeyBundleForExportKey,
  unwrapMasterKeyWithExportKey,
  unwrapMasterKeyWithRecoveryCode,
  wrapMasterKeyWithExportKey,
  wrapMasterKeyWithRecoveryCode,
} from "../src/account-keys";
import { fromBase64Url, toBase64Url } from "../src/encoding";
import { randomBytes } from "../src/primitives";
import { generateRecoveryCode, recoveryCodeEntropy } from "../src/recovery-code";

// Small but valid Argon2id parameters keep the suite fast; production uses DEFAULT_ARGON2ID_PARAMS.
const FAST = { memoryKiB: 64, iterations: 1, parallelism: 1 };

describe("account keys", () => {
  it("restores every key on a fresh device from the bundle and the export key", async () => {
    const keys = createAccountKeys();
    const exportKey = randomBytes(64);
    const code = generateRecoveryCode();
    const bundle = parseKeyBundle(
      JSON.parse(
        JSON.stringify(
          await createKeyBundle({
            keys,
            exportKey,
            recoveryCode: code,
            argon2Params: FAST,
          }),
        ),
      ),
    );
    expect(await restoreAccountKeys(bundle, { exportKey })).toEqual(keys);
    expect(
      await restoreAccountKeys(bundle, {
        // As a person types it back: lower case, spaces instead of dashes.
        recoveryCode: code.toLowerCase().replace(/-/g, " "),
      }),
    ).toEqual(keys);
    await expect(restoreAccountKeys(bundle, { exportKey: randomBytes(64) })).rejects.toMatchObject({
      code: "decrypt_failed",
    });
  });

  it("keeps the identity across a password change", async () => {
    const keys = createAccountKeys();
    const bundle = await createKeyBundle({ keys, exportKey: randomBytes(64) });
    const newExport = randomBytes(64);
    const changed = await rewrapKeyBundleForExportKey(bundle, keys.masterKey, newExport);
    expect(await restoreAccountKeys(changed, { exportKey: newExport })).toEqual(keys);
  });

  it("refuses a bundle whose public keys were swapped", async () => {
    const keys = createAccountKeys();
    const other = createAccountKeys();
    const exportKey = randomBytes(64);
    const bundle = await createKeyBundle({ keys, exportKey });
    const swapped = {
      ...bundle,
      encryptionPublicKey: toBase64Url(other.encryption.publicKey),
    };
    await expect(restoreAccountKeys(swapped, { exportKey })).rejects.toMatchObject({ code: "decrypt_failed" });
  });

  it("stores Argon2id parameters in the recovery wrap and rejects wrong codes", async () => {
    const master = randomBytes(32);
    const code = generateRecoveryCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    const wrap = await wrapMasterKeyWithRecoveryCode(master, code, FAST);
    expect(readRecoveryWrapParams(wrap)).toEqual(FAST);
    expect(await unwrapMasterKeyWithRecoveryCode(wrap, code)).toEqual(master);
    await expect(unwrapMasterKeyWithRecoveryCode(wrap, generateRecoveryCode())).rejects.toMatchObject({
      code: "decrypt_failed",
    });
    // Old codes (12 BIP-39 words, before ADR 0025): a mistyped word is caught by the BIP-39 checksum. The checksum has only
    // 4 bits, so swapping a word of a RANDOM code passes it 1 time in 16; use
    // a code whose checksum is known to be wrong ("abandon" ×12 — the valid
    // all-zero code ends in "about").
    const mistyped = Array.from({ length: 12 }, () => "abandon").join(" ");
    expect(() => recoveryCodeEntropy(mistyped)).toThrow(expect.objectContaining({ code: "bad_format" }));
    expect(() =>
      recoveryCodeEntropy([...Array.from({ length: 11 }, () => "abandon"), "about"].join(" ")),
    ).not.toThrow();
  });

  it("rejects hostile Argon2id parameters before deriving", async () => {
    const wrap = await wrapMasterKeyWithRecoveryCode(randomBytes(32), generateRecoveryCode(), FAST);
    const huge = wrap.slice();
    new DataView(huge.buffer).setUint32(3, 0xffffffff);
    expect(() => readRecoveryWrapParams(huge)).toThrow(expect.objectContaining({ code: "bad_parameters" }));
  });

  it("rejects any single bit flip in the export-key wrap", async () => {
    const master = randomBytes(32);
    const exportKey = randomBytes(64);
    const wrap = await wrapMasterKeyWithExportKey(master, exportKey);
    for (let bit = 0; bit < wrap.length * 8; bit++) {
      const t = wrap.slice();
      t[bit >> 3]! ^= 1 << (bit & 7);
      await expect(unwrapMasterKeyWithExportKey(t, exportKey)).rejects.toThrow();
    }
    expect(fromBase64Url(toBase64Url(wrap))).toEqual(wrap);
  });
});
