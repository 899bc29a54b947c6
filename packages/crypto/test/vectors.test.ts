// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import accountKeys from "../../../test-vectors/crypto/account-keys.json";
import attachmentStream from "../../../test-vectors/crypto/attachment-stream.json";
import cannedReply from "../../../test-vectors/crypto/canned-reply.json";
import envelope from "../../../test-vectors/crypto/envelope.json";
import fingerprint from "../../../test-vectors/crypto/fingerprint.json";
import keyWrap from "../../../test-vectors/crypto/key-wrap.json";
import orgLog from "../../../test-vectors/crypto/org-log.json";
import orgPins from "../../../test-vectors/crypto/org-pins.json";
import { describeFailures, verifyAllVectors, type VectorFiles } from "../src/testing/verify-vectors";

// JSON imports widen literal types ("signing" → string); the verifier checks values at run time.
const vectors = {
  envelope,
  keyWrap,
  accountKeys,
  attachmentStream,
  orgLog,
  fingerprint,
  orgPins,
  cannedReply,
} as unknown as VectorFiles;

describe("checked-in vectors", () => {
  it("all vectors verify", async () => {
    const results = await verifyAllVectors(vectors);
    expect(describeFailures(results)).toBe("");
    expect(results.length).toBeGreaterThanOrEqual(25);
  });

  it("reports failures instead of throwing", async () => {
    const broken = structuredClone(vectors);
    broken.envelope.vectors[0]!.plaintext = "ff";
    broken.fingerprint.vectors[0]!.fingerprint = "00000";
    broken.orgPins.vectors[0]!.pins[0]!.fingerprint = "00000";
    broken.cannedReply.vectors[0]!.content.text = "Vielen Dank.";
    const results = await verifyAllVectors(broken);
    expect(
      results
        .filter((r) => !r.ok)
        .map((r) => r.file)
        .sort(),
    ).toEqual(["cannedReply", "envelope", "fingerprint", "orgPins"]);
  });
});
