// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { legacyRecoveryWordsFromEntropy, recoveryCodeEntropy, recoveryCodeFromEntropy } from "../src/recovery-code";
import { unwrapMasterKeyWithRecoveryCode, wrapMasterKeyWithRecoveryCode } from "../src/master-key-wrap";
import { randomBytes } from "../src/primitives";

const entropy = fc.uint8Array({ minLength: 16, maxLength: 16 });
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const FAST = { memoryKiB: 64, iterations: 1, parallelism: 1 };

describe("recovery code (ADR 0025: 28 characters, 7 groups)", () => {
  it("round-trips any entropy, however the person types it back", () => {
    fc.assert(
      fc.property(entropy, fc.constantFrom("-", " ", "", " - ", "\n"), fc.boolean(), (bytes, sep, lower) => {
        const code = recoveryCodeFromEntropy(bytes);
        expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
        const typed = ` ${code.split("-").join(sep)} `;
        expect(recoveryCodeEntropy(lower ? typed.toLowerCase() : typed)).toEqual(bytes);
      }),
    );
  });

  it("reads the letters people confuse with digits as those digits (O → 0, I and L → 1)", () => {
    const bytes = new Uint8Array(16);
    const code = recoveryCodeFromEntropy(bytes); // all zeros but the checksum
    expect(code.startsWith("0000-")).toBe(true);
    expect(recoveryCodeEntropy(code.replace(/0/g, "O"))).toEqual(bytes);
    const ones = Uint8Array.from({ length: 16 }, () => 0x08); // "11…" in base32: 00001 00010 …
    const withOne = recoveryCodeFromEntropy(ones);
    expect(withOne).toContain("1");
    expect(recoveryCodeEntropy(withOne.replace(/1/g, "l"))).toEqual(ones);
    expect(recoveryCodeEntropy(withOne.replace(/1/g, "I"))).toEqual(ones);
  });

  it("catches a changed character by its checksum before any Argon2id run (all but ~1 in 256)", () => {
    let caught = 0;
    let total = 0;
    fc.assert(
      fc.property(entropy, fc.nat(27), fc.nat(31), (bytes, at, pick) => {
        const compact = recoveryCodeFromEntropy(bytes).replace(/-/g, "");
        const replacement = ALPHABET[pick]!;
        if (compact[at] === replacement) return;
        // The last character carries 4 padding bits that must be zero; a change there may also be refused as padding.
        const typo = compact.slice(0, at) + replacement + compact.slice(at + 1);
        total += 1;
        try {
          recoveryCodeEntropy(typo);
        } catch (error) {
          expect(error).toMatchObject({ code: "bad_format" });
          caught += 1;
        }
      }),
      { numRuns: 2000 },
    );
    expect(caught / total).toBeGreaterThan(0.98);
  });

  it("refuses wrong lengths and characters outside the alphabet with bad_format", () => {
    const code = recoveryCodeFromEntropy(randomBytes(16));
    for (const bad of [code.slice(0, -1), `${code}A`, code.replace(/^./, "U"), code.replace(/^./, "!"), "", "   "]) {
      expect(() => recoveryCodeEntropy(bad)).toThrow(expect.objectContaining({ code: "bad_format" }));
    }
  });

  it("keeps accepting codes made before ADR 0025 (12 English words) for the same entropy", async () => {
    fc.assert(
      fc.property(entropy, (bytes) => {
        const words = legacyRecoveryWordsFromEntropy(bytes);
        expect(words.split(" ")).toHaveLength(12);
        expect(recoveryCodeEntropy(words.toUpperCase())).toEqual(bytes);
      }),
    );
    // A wrap made with the old words opens with the new characters of the same entropy, and the reverse.
    const bytes = randomBytes(16);
    const master = randomBytes(32);
    const oldWrap = await wrapMasterKeyWithRecoveryCode(master, legacyRecoveryWordsFromEntropy(bytes), FAST);
    expect(await unwrapMasterKeyWithRecoveryCode(oldWrap, recoveryCodeFromEntropy(bytes))).toEqual(master);
    const newWrap = await wrapMasterKeyWithRecoveryCode(master, recoveryCodeFromEntropy(bytes), FAST);
    expect(await unwrapMasterKeyWithRecoveryCode(newWrap, legacyRecoveryWordsFromEntropy(bytes))).toEqual(master);
  });
});
