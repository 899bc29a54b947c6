// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import {
  createOrgLogEntry,
  encodeOrgLogEntry,
  generateSigningKeyPair,
  randomBytes,
  signRecoveryChallenge,
  verifyRecoveryChallenge,
} from "../src/index";
import { signWithDomain } from "../src/primitives";
import { Label } from "../src/suite";

describe("recovery challenge signatures", () => {
  const key = generateSigningKeyPair();
  const challenge = randomBytes(32);

  it("verifies a signature by the right key over the right challenge", () => {
    const sig = signRecoveryChallenge(challenge, key.secretKey);
    expect(verifyRecoveryChallenge(challenge, sig, key.publicKey)).toBe(true);
  });

  it("refuses another key, another challenge, a flipped bit and malformed input", () => {
    const sig = signRecoveryChallenge(challenge, key.secretKey);
    expect(verifyRecoveryChallenge(challenge, sig, generateSigningKeyPair().publicKey)).toBe(false);
    expect(verifyRecoveryChallenge(randomBytes(32), sig, key.publicKey)).toBe(false);
    for (let bit = 0; bit < sig.length * 8; bit += 37) {
      const flipped = sig.slice();
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      expect(verifyRecoveryChallenge(challenge, flipped, key.publicKey)).toBe(false);
    }
    expect(verifyRecoveryChallenge(challenge, sig.subarray(1), key.publicKey)).toBe(false);
    expect(verifyRecoveryChallenge(challenge, sig, new Uint8Array(31))).toBe(false);
    expect(verifyRecoveryChallenge(challenge, new Uint8Array(64), new Uint8Array(32))).toBe(false);
  });

  it("is domain-separated from every other signature", () => {
    for (const domain of [Label.sigOrgLog, Label.sigEpoch, Label.sigMessage]) {
      const other = signWithDomain(domain, challenge, key.secretKey);
      expect(verifyRecoveryChallenge(challenge, other, key.publicKey)).toBe(false);
    }
    // A log entry body signed by this key cannot be passed off as a challenge answer either.
    const entry = createOrgLogEntry({
      previous: null,
      payload: { type: "genesis", orgId: "org", rootSigningKey: key.publicKey, archiveKey: randomBytes(32) },
      signer: key,
      timestamp: 1,
    });
    const bytes = encodeOrgLogEntry(entry);
    expect(verifyRecoveryChallenge(bytes.subarray(0, bytes.length - 64), entry.signature, key.publicKey)).toBe(false);
  });
});
