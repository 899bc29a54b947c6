// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { constantTimeEqual, fromBase64Url, fromHex, toBase64Url, toHex, utf8Decode, utf8Encode } from "../src/encoding";
import { ByteReader, ByteWriter } from "../src/framing";
import { padSize } from "../src/padding";

describe("encoding", () => {
  it("base64url round-trips and matches the platform encoder", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(fromBase64Url(text)).toEqual(bytes);
        const platform = btoa(String.fromCharCode(...bytes))
          .replace(/\+/g, "-")
          .replace(/\//g, "_")
          .replace(/=+$/, "");
        expect(text).toBe(platform);
      }),
    );
  });

  it("rejects padding, foreign characters and non-canonical trailing bits", () => {
    for (const bad of ["AA==", "A", "AB+/", "AB", "AAB"])
      expect(() => fromBase64Url(bad)).toThrow(expect.objectContaining({ code: "bad_format" }));
    expect(fromBase64Url("AA")).toEqual(Uint8Array.of(0));
  });

  it("hex, utf8 and constant-time equality behave", () => {
    expect(toHex(fromHex("00ff10"))).toBe("00ff10");
    expect(utf8Decode(utf8Encode("Grüße 👋"))).toBe("Grüße 👋");
    expect(() => utf8Decode(Uint8Array.of(0xff))).toThrow(expect.objectContaining({ code: "bad_format" }));
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1), Uint8Array.of(1, 3))).toBe(false);
  });

  it("framing round-trips and rejects truncation and trailing bytes", () => {
    fc.assert(
      fc.property(fc.nat(), fc.maxSafeNat(), fc.string(), fc.uint8Array(), (a, b, s, bytes) => {
        const encoded = new ByteWriter().u32(a).u64(b).string(s).bytes(bytes).finish();
        const r = new ByteReader(encoded);
        expect([r.u32(), r.u64(), r.string(), r.bytes()]).toEqual([a, b, s, bytes]);
        r.end();
        expect(() => new ByteReader(encoded.subarray(0, -1)).fixed(encoded.length)).toThrow();
      }),
    );
    const withTrailing = new ByteReader(Uint8Array.of(1, 2));
    withTrailing.u8();
    expect(() => withTrailing.end()).toThrow(expect.objectContaining({ code: "bad_format" }));
  });

  it("padSize is monotone, never shrinks and wastes at most 12 %", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (n) => {
        const p = padSize(n);
        expect(p).toBeGreaterThanOrEqual(n);
        expect(p).toBeGreaterThanOrEqual(256);
        if (n > 256) expect(p / n).toBeLessThanOrEqual(1.12);
        expect(padSize(n + 1)).toBeGreaterThanOrEqual(p);
      }),
    );
    expect([0, 256, 257, 1000, 65536, 100_000].map((n) => padSize(n))).toEqual([256, 256, 272, 1024, 65536, 100352]);
  });
});
