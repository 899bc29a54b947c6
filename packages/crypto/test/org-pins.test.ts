// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createAccountKeys,
  createKeyBundle,
  parseKeyBundle,
  restoreAccountKeys,
  rewrapKeyBundleForExportKey,
} from "../src/account-keys";
import { fromBase64Url, toBase64Url } from "../src/encoding";
import { isCryptoError } from "../src/errors";
import { fingerprint } from "../src/fingerprint";
import { verifyOrgLog } from "../src/org-log";
import {
  MAX_ORG_PINS,
  MAX_ORG_PINS_BLOB,
  type OrgPin,
  checkOrgPinsBlob,
  decodeOrgPins,
  decryptOrgPins,
  encodeOrgPins,
  encryptOrgPins,
  pinnedRootFingerprint,
  withOrgPin,
} from "../src/org-pins";
import { generateSigningKeyPair, randomBytes } from "../src/primitives";
import { bitIndex, flipBit } from "./flip";
import { buildOrgLog } from "./org-log-fixture";

const orgId = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);
const pin = fc.record({
  orgId,
  rootSigningKey: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  pinnedAt: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
});
const pinList = fc.uniqueArray(pin, { selector: (p) => p.orgId, maxLength: 12 });
const byId = (pins: readonly OrgPin[]) =>
  [...pins].sort((a, b) => (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0));
const failsWith = (code: string) => (e: unknown) => isCryptoError(e) && e.code === code;

describe("pinned organisations (blob kind 0x0a)", () => {
  it("round-trips any set of pins, in one canonical order whatever the input order", async () => {
    const keys = createAccountKeys();
    await fc.assert(
      fc.asyncProperty(pinList, async (pins) => {
        const blob = await encryptOrgPins(keys, pins);
        expect(blob.subarray(0, 3)).toEqual(Uint8Array.of(1, 1, 0x0a));
        expect(await decryptOrgPins(keys, blob)).toEqual(byId(pins));
        expect(encodeOrgPins([...pins].reverse())).toEqual(encodeOrgPins(pins));
        expect(decodeOrgPins(encodeOrgPins(pins))).toEqual(byId(pins));
      }),
      { numRuns: 60 },
    );
  });

  it("rejects any single bit flip", async () => {
    const keys = createAccountKeys();
    const blob = await encryptOrgPins(keys, [{ orgId: "org_0000001", rootSigningKey: randomBytes(32), pinnedAt: 1 }]);
    await fc.assert(
      fc.asyncProperty(bitIndex(blob.length), async (bit) => {
        await expect(decryptOrgPins(keys, flipBit(blob, bit))).rejects.toSatisfy((e) => isCryptoError(e));
      }),
      { numRuns: 200 },
    );
  });

  it("is bound to its account: another account's keys or master key open nothing", async () => {
    const keys = createAccountKeys();
    const other = createAccountKeys();
    const blob = await encryptOrgPins(keys, [{ orgId: "org_0000001", rootSigningKey: randomBytes(32), pinnedAt: 1 }]);
    await expect(decryptOrgPins(other, blob)).rejects.toSatisfy(failsWith("decrypt_failed"));
    await expect(decryptOrgPins({ ...keys, signing: other.signing }, blob)).rejects.toSatisfy(
      failsWith("decrypt_failed"),
    );
    await expect(decryptOrgPins({ ...keys, masterKey: other.masterKey }, blob)).rejects.toSatisfy(
      failsWith("decrypt_failed"),
    );
  });

  it("refuses more pins than the limit, duplicates and ids out of range before encrypting", async () => {
    const keys = createAccountKeys();
    const many = Array.from({ length: MAX_ORG_PINS + 1 }, (_, i) => ({
      orgId: `org_${String(i).padStart(8, "0")}`,
      rootSigningKey: randomBytes(32),
      pinnedAt: i,
    }));
    await expect(encryptOrgPins(keys, many)).rejects.toSatisfy(failsWith("bad_parameters"));
    const full = await encryptOrgPins(
      keys,
      many.slice(0, MAX_ORG_PINS).map((p) => ({ ...p, orgId: p.orgId.padEnd(64, "x") })),
    );
    expect(full.length).toBe(MAX_ORG_PINS_BLOB);
    expect(() => checkOrgPinsBlob(full)).not.toThrow();
    const twice = [many[0]!, { ...many[1]!, orgId: many[0]!.orgId }];
    await expect(encryptOrgPins(keys, twice)).rejects.toSatisfy(failsWith("bad_parameters"));
    await expect(encryptOrgPins(keys, [{ ...many[0]!, orgId: "" }])).rejects.toSatisfy(failsWith("bad_parameters"));
    await expect(encryptOrgPins(keys, [{ ...many[0]!, orgId: "x".repeat(65) }])).rejects.toSatisfy(
      failsWith("bad_parameters"),
    );
  });

  it("checks header and length without a key (what the server can check)", async () => {
    const keys = createAccountKeys();
    const blob = await encryptOrgPins(keys, []);
    expect(() => checkOrgPinsBlob(blob)).not.toThrow();
    expect(() => checkOrgPinsBlob(blob.subarray(0, blob.length - 1))).toThrow(/bad_format/);
    expect(() => checkOrgPinsBlob(new Uint8Array([...blob, ...new Uint8Array(MAX_ORG_PINS_BLOB)]))).toThrow(
      /bad_format/,
    );
    expect(() => checkOrgPinsBlob(Uint8Array.of(1, 1, 1, ...blob.subarray(3)))).toThrow(/bad_format/);
    expect(() => checkOrgPinsBlob(Uint8Array.of(2, ...blob.subarray(1)))).toThrow(/unsupported_version/);
  });

  it("adds a pin once, keeps the same root, and never replaces a pinned root", () => {
    fc.assert(
      fc.property(pinList, pin, (pins, extra) => {
        const next = withOrgPin(pins, extra);
        const existing = pins.find((p) => p.orgId === extra.orgId);
        if (!existing) {
          expect(next).toEqual([...pins, extra]);
          expect(withOrgPin(next, { ...extra, pinnedAt: extra.pinnedAt + 1 })).toBe(next);
        } else if (toBase64Url(existing.rootSigningKey) === toBase64Url(extra.rootSigningKey)) {
          expect(next).toBe(pins);
        } else {
          expect(() => withOrgPin(pins, extra)).toThrow(/unknown_key/);
        }
      }),
    );
  });

  it("gives verifyOrgLog the fingerprint that accepts the pinned root and refuses any other", () => {
    const { entries, root } = buildOrgLog();
    const pins = withOrgPin([], { orgId: "org-1", rootSigningKey: root.publicKey, pinnedAt: 1 });
    expect(pinnedRootFingerprint(pins, "org-2")).toBeUndefined();
    const pinned = pinnedRootFingerprint(pins, "org-1");
    expect(pinned).toBe(fingerprint(root.publicKey, "signing"));
    expect(verifyOrgLog(entries, { pinnedRootFingerprint: pinned! }).orgId).toBe("org-1");
    const other = withOrgPin([], { orgId: "org-1", rootSigningKey: generateSigningKeyPair().publicKey, pinnedAt: 1 });
    expect(() => verifyOrgLog(entries, { pinnedRootFingerprint: pinnedRootFingerprint(other, "org-1")! })).toThrow(
      /unknown_key/,
    );
  });
});

describe("pins in the key bundle", () => {
  it("stores pins at sign-up, keeps them across a password change and still restores the keys", async () => {
    const keys = createAccountKeys();
    const exportKey = randomBytes(64);
    const pins = [{ orgId: "org_0000001", rootSigningKey: randomBytes(32), pinnedAt: 5 }];
    const bundle = parseKeyBundle(
      JSON.parse(JSON.stringify(await createKeyBundle({ keys, exportKey, orgPins: pins }))),
    );
    expect(await decryptOrgPins(keys, fromBase64Url(bundle.orgPins!))).toEqual(pins);
    expect(await restoreAccountKeys(bundle, { exportKey })).toEqual(keys);
    const newExport = randomBytes(64);
    const changed = await rewrapKeyBundleForExportKey(bundle, keys.masterKey, newExport);
    expect(changed.orgPins).toBe(bundle.orgPins);
    const restored = await restoreAccountKeys(changed, { exportKey: newExport });
    expect(await decryptOrgPins(restored, fromBase64Url(changed.orgPins!))).toEqual(pins);
  });

  it("reads bundles without pins (made before pinning) and leaves the field out when nothing is pinned", async () => {
    const keys = createAccountKeys();
    const exportKey = randomBytes(64);
    const plain = await createKeyBundle({ keys, exportKey, orgPins: [] });
    expect("orgPins" in plain).toBe(false);
    const old = parseKeyBundle(JSON.parse(JSON.stringify(plain)));
    expect(old.orgPins).toBeUndefined();
    expect(await restoreAccountKeys(old, { exportKey })).toEqual(keys);
    expect(() => parseKeyBundle({ ...plain, orgPins: 7 })).toThrow(/bad_format/);
  });
});
