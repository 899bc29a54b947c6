// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KEY_WRAP_LENGTH, unwrapKey, wrapContext, wrapKey } from "../src/hpke";
import { generateEncryptionKeyPair, randomBytes } from "../src/primitives";
import {
  createTeamKeyGeneration,
  rotateTeamKey,
  unwrapPreviousTeamKey,
  unwrapTeamKey,
  wrapTeamKeyToMembers,
} from "../src/team-keys";
import { bitIndex, flipBit } from "./flip";

const member = () => {
  const enc = generateEncryptionKeyPair();
  return {
    enc,
    key: { signingKey: randomBytes(32), encryptionKey: enc.publicKey },
  };
};

describe("HPKE key wrap", () => {
  it("round-trips and binds the context", async () => {
    const r = generateEncryptionKeyPair();
    const key = randomBytes(32);
    const ctx = wrapContext("team-key", ["t1", 1]);
    const wrapped = await wrapKey(r.publicKey, key, ctx);
    expect(wrapped).toHaveLength(KEY_WRAP_LENGTH);
    expect(await unwrapKey(r.secretKey, wrapped, ctx)).toEqual(key);
    await expect(unwrapKey(r.secretKey, wrapped, wrapContext("team-key", ["t1", 2]))).rejects.toMatchObject({
      code: "decrypt_failed",
    });
    await expect(unwrapKey(r.secretKey, wrapped, wrapContext("team-key", ["t2", 1]))).rejects.toMatchObject({
      code: "decrypt_failed",
    });
    await expect(unwrapKey(generateEncryptionKeyPair().secretKey, wrapped, ctx)).rejects.toMatchObject({
      code: "decrypt_failed",
    });
  });

  it("distinguishes context field types and boundaries", () => {
    expect(wrapContext("p", ["1"])).not.toEqual(wrapContext("p", [1]));
    expect(wrapContext("p", ["ab", "c"])).not.toEqual(wrapContext("p", ["a", "bc"]));
  });

  it("rejects any single bit flip", async () => {
    const r = generateEncryptionKeyPair();
    const ctx = wrapContext("x", []);
    const wrapped = await wrapKey(r.publicKey, randomBytes(32), ctx);
    await fc.assert(
      fc.asyncProperty(bitIndex(wrapped.length), async (bit) => {
        await expect(unwrapKey(r.secretKey, flipBit(wrapped, bit), ctx)).rejects.toThrow();
      }),
      { numRuns: 150 },
    );
  });
});

describe("team keys", () => {
  it("rotation gives remaining members g+1 and g, and the removed member nothing new", async () => {
    const [alice, bob, carol] = [member(), member(), member()];
    const g1 = createTeamKeyGeneration("team-1");
    const wraps1 = await wrapTeamKeyToMembers(g1, [alice.key, bob.key, carol.key]);
    // Carol leaves.
    const {
      next: g2,
      previousWrapped,
      memberWraps,
    } = await rotateTeamKey({ current: g1, members: [alice.key, bob.key] });
    expect(g2.generation).toBe(2);
    const aliceG2 = await unwrapTeamKey({
      teamId: "team-1",
      generation: 2,
      expectedPublicKey: g2.publicKey,
      wrapped: memberWraps[0]!.wrapped,
      memberSecretKey: alice.enc.secretKey,
    });
    expect(aliceG2.secretKey).toEqual(g2.secretKey);
    const aliceG1 = await unwrapPreviousTeamKey({
      next: aliceG2,
      previousWrapped,
      expectedPreviousPublicKey: g1.publicKey,
    });
    expect(aliceG1.secretKey).toEqual(g1.secretKey);

    // Carol still opens g1 (history she already had) but none of the g2 wraps.
    expect(
      (
        await unwrapTeamKey({
          teamId: "team-1",
          generation: 1,
          expectedPublicKey: g1.publicKey,
          wrapped: wraps1[2]!.wrapped,
          memberSecretKey: carol.enc.secretKey,
        })
      ).secretKey,
    ).toEqual(g1.secretKey);
    for (const w of memberWraps) {
      await expect(
        unwrapTeamKey({
          teamId: "team-1",
          generation: 2,
          expectedPublicKey: g2.publicKey,
          wrapped: w.wrapped,
          memberSecretKey: carol.enc.secretKey,
        }),
      ).rejects.toMatchObject({ code: "decrypt_failed" });
    }
    // ... nor the history wrap, which is addressed to g2 itself.
    await expect(
      unwrapPreviousTeamKey({
        next: { ...g1, generation: 2 },
        previousWrapped,
        expectedPreviousPublicKey: g1.publicKey,
      }),
    ).rejects.toMatchObject({ code: "decrypt_failed" });
  });

  it("rejects a correctly wrapped team key that is not the one in the org log", async () => {
    const alice = member();
    const rogue = createTeamKeyGeneration("team-1");
    const [w] = await wrapTeamKeyToMembers(rogue, [alice.key]);
    await expect(
      unwrapTeamKey({
        teamId: "team-1",
        generation: 1,
        expectedPublicKey: createTeamKeyGeneration("team-1").publicKey,
        wrapped: w!.wrapped,
        memberSecretKey: alice.enc.secretKey,
      }),
    ).rejects.toMatchObject({ code: "unknown_key" });
  });
});
